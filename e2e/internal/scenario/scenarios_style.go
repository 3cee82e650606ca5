package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

const styleProbe = `(() => {
	const d = document.createElement("div"), out = [];
	document.body.appendChild(d);
	out.push([typeof d.style, d.style.display, d.getAttribute("style"), d.style.cssText, d.style.length]);
	d.style.display = "none";
	d.style.zIndex = "5";
	d.style.marginTop = "10px";
	d.style.setProperty("background-color", "red");
	d.style.position = "absolute";
	out.push([d.getAttribute("style"), d.style.cssText, d.style.length, d.style.display, d.style.getPropertyValue("z-index"), d.style.marginTop, d.style.backgroundColor, d.style[0]]);
	d.style.display = "";
	d.style.removeProperty("z-index");
	out.push([d.getAttribute("style"), d.style.length]);
	d.setAttribute("style", "color: blue;  WIDTH : 3px ; bogus-thing: 1");
	out.push([d.style.color, d.style.width, d.style.cssText, d.style.length]);
	d.style.cssText = "top: 1px; left: 2px";
	out.push([d.getAttribute("style"), d.style.top]);
	d.style.top = null;
	out.push([d.getAttribute("style")]);
	const p = document.createElement("p");
	p.style.display = "block";
	out.push([p.outerHTML, "display" in p.style, p.style.getPropertyPriority("display")]);
	p.style.setProperty("color", "green", "important");
	out.push([p.getAttribute("style"), p.style.getPropertyPriority("color")]);
	return out;
})()`

const styleWant = `{"value":[["object","",null,"",0],` +
	`["display: none; z-index: 5; margin-top: 10px; background-color: red; position: absolute;","display: none; z-index: 5; margin-top: 10px; background-color: red; position: absolute;",5,"none","5","10px","red","display"],` +
	`["margin-top: 10px; background-color: red; position: absolute;",3],["blue","3px","color: blue; width: 3px;",2],` +
	`["top: 1px; left: 2px;","1px"],["left: 2px;"],["<p style=\"display: block;\"></p>",true,""],` +
	`["display: block; color: green !important;","important"]]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-element-style",
		Doc:  "element.style reads and writes the style attribute as CSSStyleDeclaration does (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", styleProbe), Want: styleWant},
			{Do: extwasmtest.Eval("main/page", styleProbe), Want: styleWant},
		},
	})
}
