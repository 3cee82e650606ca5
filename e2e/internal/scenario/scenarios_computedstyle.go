package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

const computedStyleProbe = `(() => {
	const props = ["display", "visibility", "direction", "position", "float", "box-sizing", "white-space", "text-align", "pointer-events", "overflow-x", "font-style", "cursor", "z-index", "opacity"];
	const read = (el) => props.map((p) => getComputedStyle(el).getPropertyValue(p));
	const out = [];
	const detached = document.createElement("div");
	const cs = getComputedStyle(detached);
	out.push(["detached", cs.display, cs.direction, cs.length, cs instanceof CSSStyleDeclaration]);
	const host = document.createElement("section");
	document.body.appendChild(host);
	host.innerHTML = '<div id="a"><span id="b">x</span><p id="c" hidden>y</p><ul><li id="d">z</li></ul></div>' +
		'<div id="e" style="direction: rtl; visibility: hidden; display: flex; position: absolute; float: left; z-index: 3; opacity: 0.5; cursor: pointer; white-space: pre"><span id="f">r</span><b id="g" style="display: none">n</b></div>' +
		'<table id="h"><caption id="n">c</caption><colgroup id="o"><col id="p"></colgroup><thead id="q"><tr><th id="r">h</th></tr></thead><tbody><tr><td id="i">c</td></tr></tbody><tfoot id="s"></tfoot></table>' +
		'<script id="j"></script><a id="k" href="#">l</a><a id="t">no href</a><input id="l"><button id="m">b</button>' +
		'<pre id="u">p</pre><textarea id="v"></textarea><center id="w">c</center><i id="x">i</i><em id="y">e</em><address id="z">a</address>' +
		'<dialog id="A"></dialog><dialog id="B" open></dialog><input id="C" type="hidden"><input id="D" type="submit"><input id="E" type="checkbox"><input id="F" type="email">' +
		'<select id="G"></select><ruby id="H">r<rt id="I">t</rt></ruby><meter id="J"></meter><progress id="K"></progress><noscript id="L"></noscript>' +
		'<div style="display: grid"><table id="M" style="display: inline-table"></table><li id="N">l</li></div><span id="O" style="float: right">f</span>' +
		'<div style="direction: rtl"><p id="P" style="direction: initial">i</p><p id="Q" style="direction: inherit">h</p></div>';
	for (const id of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ") out.push([id, ...read(document.getElementById(id))]);
	const e = getComputedStyle(document.getElementById("e"));
	out.push(["camel", e.zIndex, e.boxSizing, e["pointer-events"], e.cssFloat]);
	try { e.display = "block"; out.push(["set", e.display]); } catch (x) { out.push(["set threw", x.name]); }
	try { e.setProperty("display", "block"); out.push(["setProperty", e.display]); } catch (x) { out.push(["setProperty threw", x.name]); }
	out.push(["live", (() => { const s = getComputedStyle(document.getElementById("a")); document.getElementById("a").style.display = "inline"; return s.display; })()]);
	host.remove();
	return out;
})()`

const computedStyleWant = `{"value":[["detached","","",0,true],["a","block","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["b","inline","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["c","none","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["d","list-item","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["e","flex","hidden","rtl","absolute","none","content-box","pre","start","auto","visible","normal","pointer","3","0.5"],["f","block","hidden","rtl","static","none","content-box","pre","start","auto","visible","normal","pointer","auto","1"],["g","none","hidden","rtl","static","none","content-box","pre","start","auto","visible","normal","pointer","auto","1"],["h","table","visible","ltr","static","none","border-box","normal","start","auto","visible","normal","auto","auto","1"],["i","table-cell","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["j","none","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["k","inline","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","pointer","auto","1"],["l","inline-block","visible","ltr","static","none","content-box","normal","start","auto","clip","normal","text","auto","1"],["m","inline-block","visible","ltr","static","none","border-box","normal","center","auto","visible","normal","default","auto","1"],["n","table-caption","visible","ltr","static","none","content-box","normal","-webkit-center","auto","visible","normal","auto","auto","1"],["o","table-column-group","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["p","table-column","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["q","table-header-group","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["r","table-cell","visible","ltr","static","none","content-box","normal","center","auto","visible","normal","auto","auto","1"],["s","table-footer-group","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["t","inline","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["u","block","visible","ltr","static","none","content-box","pre","start","auto","visible","normal","auto","auto","1"],["v","inline-block","visible","ltr","static","none","content-box","pre-wrap","start","auto","auto","normal","text","auto","1"],["w","block","visible","ltr","static","none","content-box","normal","-webkit-center","auto","visible","normal","auto","auto","1"],["x","inline","visible","ltr","static","none","content-box","normal","start","auto","visible","italic","auto","auto","1"],["y","inline","visible","ltr","static","none","content-box","normal","start","auto","visible","italic","auto","auto","1"],["z","block","visible","ltr","static","none","content-box","normal","start","auto","visible","italic","auto","auto","1"],["A","none","visible","ltr","absolute","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["B","block","visible","ltr","absolute","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["C","none","visible","ltr","static","none","content-box","normal","start","auto","clip","normal","default","auto","1"],["D","inline-block","visible","ltr","static","none","border-box","pre","center","auto","clip","normal","default","auto","1"],["E","inline-block","visible","ltr","static","none","border-box","normal","start","auto","visible","normal","default","auto","1"],["F","inline-block","visible","ltr","static","none","content-box","normal","start","auto","clip","normal","text","auto","1"],["G","inline-block","visible","ltr","static","none","border-box","pre","start","auto","clip","normal","default","auto","1"],["H","ruby","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["I","ruby-text","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["J","inline-block","visible","ltr","static","none","border-box","normal","start","auto","visible","normal","auto","auto","1"],["K","inline-block","visible","ltr","static","none","border-box","normal","start","auto","visible","normal","auto","auto","1"],["L","inline","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["M","table","visible","ltr","static","none","border-box","normal","start","auto","visible","normal","auto","auto","1"],["N","list-item","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["O","block","visible","ltr","static","right","content-box","normal","start","auto","visible","normal","auto","auto","1"],["P","block","visible","ltr","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["Q","block","visible","rtl","static","none","content-box","normal","start","auto","visible","normal","auto","auto","1"],["camel","3","content-box","auto","none"],["set threw","NoModificationAllowedError"],["setProperty threw","NoModificationAllowedError"],["live","inline"]]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-computed-style",
		Doc: "getComputedStyle without stylesheets: Chromium's default styles for each kind of element (display, the " +
			"form controls' box-sizing, cursor, overflow and white-space, links' cursor, th and caption alignment, dialog's " +
			"position), inline declarations, inheritance, initial/inherit, blockification in flex and grid containers and " +
			"of floats and absolutely positioned boxes, float none when absolutely positioned, [hidden], a detached element " +
			"all \"\", read-only and live; the same in a content script (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", computedStyleProbe), Want: computedStyleWant},
			{Do: extwasmtest.Eval("main/cs", computedStyleProbe), Want: computedStyleWant},
		},
	})
}
