package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// canvasProbe reads what a canvas is without drawing on it: hostsim has no rendering, so a
// context for drawing is "not simulated" there (README), and the scenario keeps to what both
// browsers answer alike.
const canvasProbe = `(() => {
	const c = document.createElement("canvas");
	const out = [c.constructor.name, c instanceof HTMLCanvasElement, c.width, c.height];
	c.width = 640;
	c.setAttribute("height", "480");
	out.push(c.getAttribute("width"), c.width, c.height);
	c.height = -1;
	out.push(c.height, c.getAttribute("height"));
	c.setAttribute("width", "junk");
	out.push(c.width);
	out.push(c.getContext("no-such-context"), typeof c.getContext, typeof c.toDataURL, typeof c.toBlob, typeof c.captureStream);
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "dom-canvas",
		Doc: "HTMLCanvasElement without drawing: width and height as Chromium reflects them (300 and 150 by default and " +
			"for what does not parse or is out of range), getContext of an unknown type null, and the drawing and export " +
			"methods present (measured in Chromium 156; hostsim throws \"not simulated\" for a rendering context).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", canvasProbe), Want: `{"value":["HTMLCanvasElement",true,300,150,"640",640,480,150,"150",300,null,"function","function","function","function"]}`},
			{Do: extwasmtest.Eval("main/cs", canvasProbe), Want: `{"value":["HTMLCanvasElement",true,300,150,"640",640,480,150,"150",300,null,"function","function","function","function"]}`},
		},
	})
}
