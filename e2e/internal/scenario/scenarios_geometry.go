package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// geometryProbe asks for the geometry of elements that have no box in any browser (detached, or
// display: none), where Chromium's answers are all zeros, as hostsim's layout-free ones are for
// every element.
const geometryProbe = `(() => {
	const rect = (r) => [r.constructor.name, r instanceof DOMRectReadOnly, r.x, r.y, r.width, r.height, r.top, r.right, r.bottom, r.left, JSON.stringify(r)];
	const d = document.createElement("div");
	const out = [rect(d.getBoundingClientRect()), d.getClientRects().length, d.getClientRects().constructor.name,
		[d.offsetWidth, d.offsetHeight, d.offsetTop, d.offsetLeft, d.offsetParent, d.clientWidth, d.clientHeight, d.scrollWidth, d.scrollHeight, d.scrollTop, d.scrollLeft]];
	const hidden = document.createElement("p");
	hidden.style.display = "none";
	hidden.textContent = "x";
	document.body.appendChild(hidden);
	out.push(rect(hidden.getBoundingClientRect()), hidden.getClientRects().length, [hidden.offsetWidth, hidden.offsetHeight, hidden.offsetParent]);
	const made = new DOMRect(1, 2, 3, 4);
	out.push(rect(made), rect(DOMRect.fromRect({x: 5, width: 6})), rect(new DOMRectReadOnly()));
	made.width = -3;
	out.push([made.left, made.right, made.width]);
	return out;
})()`

const geometryWant = `{"value":[["DOMRect",true,0,0,0,0,0,0,0,0,"{\"x\":0,\"y\":0,\"width\":0,\"height\":0,\"top\":0,\"right\":0,\"bottom\":0,\"left\":0}"],0,"DOMRectList",[0,0,0,0,null,0,0,0,0,0,0],` +
	`["DOMRect",true,0,0,0,0,0,0,0,0,"{\"x\":0,\"y\":0,\"width\":0,\"height\":0,\"top\":0,\"right\":0,\"bottom\":0,\"left\":0}"],0,[0,0,null],` +
	`["DOMRect",true,1,2,3,4,2,4,6,1,"{\"x\":1,\"y\":2,\"width\":3,\"height\":4,\"top\":2,\"right\":4,\"bottom\":6,\"left\":1}"],` +
	`["DOMRect",true,5,0,6,0,0,11,0,5,"{\"x\":5,\"y\":0,\"width\":6,\"height\":0,\"top\":0,\"right\":11,\"bottom\":0,\"left\":5}"],` +
	`["DOMRectReadOnly",true,0,0,0,0,0,0,0,0,"{\"x\":0,\"y\":0,\"width\":0,\"height\":0,\"top\":0,\"right\":0,\"bottom\":0,\"left\":0}"],[-2,1,-3]]}`

// frameProbe checks requestAnimationFrame's contract: increasing ids, one timestamp for every
// callback of a frame, a callback added during a frame runs in the next one, and a cancelled one
// never runs.
const frameProbe = `new Promise((resolve) => {
	const log = [];
	const a = requestAnimationFrame((t) => { log.push(["a", typeof t]); self.ta = t;
		requestAnimationFrame((t2) => { log.push(["inner", t2 > self.ta]); resolve([b - a, typeof a, log, self.ta === self.tb]); }); });
	const b = requestAnimationFrame((t) => { log.push(["b"]); self.tb = t; });
	const c = requestAnimationFrame(() => log.push(["cancelled ran"]));
	cancelAnimationFrame(c);
	cancelAnimationFrame(12345);
})`

const frameWant = `{"value":[1,"number",[["a","number"],["b"],["inner",true]],true]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-geometry-and-frames",
		Doc: "getBoundingClientRect, getClientRects and the offset/client/scroll sizes of elements without a box (detached " +
			"or display: none: all zero in Chromium, as everywhere in hostsim, which has no layout), DOMRect and " +
			"DOMRectReadOnly, and requestAnimationFrame's ids, shared timestamps and cancelling, in a page and in a " +
			"content script (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", geometryProbe), Want: geometryWant},
			{Do: extwasmtest.Eval("main/cs", geometryProbe), Want: geometryWant},
			{Do: extwasmtest.Eval("main/page", frameProbe), Want: frameWant},
			{Do: extwasmtest.Eval("main/cs", frameProbe), Want: frameWant},
		},
	})
}
