package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

const handlersPage = `<!doctype html><html><head><title>H</title></head><body onload="window.bodyLoad = (window.bodyLoad || 0) + 1">
<button id="attr" onclick="window.attrRan = [this.id, event.type, typeof event]; return false">a</button>
<a id="link" href="#x" onclick="window.linkRan = true">l</a>
<div id="plain">p</div>
</body></html>`

// handlersProbe runs in a page's main world and in a content script's isolated world.
const handlersProbe = `(() => {
	const out = [];
	const b = document.getElementById("plain");
	const a = document.getElementById("attr");
	out.push(["initial", b.onclick, "onclick" in b, "onclick" in document, "onclick" in window, "onload" in window, window.onload === null, document.onclick, "onmessage" in window, "oninput" in b, "onkeydown" in b, "onsubmit" in b, "onfocusin" in b]);
	out.push(["attr handler", typeof a.onclick, a.onclick && a.onclick.name, a.onclick && a.onclick.length]);
	const log = [];
	b.addEventListener("click", () => log.push("listener 1"));
	b.onclick = function (e) { log.push(["handler", this === b, e.type]); return false; };
	b.addEventListener("click", () => log.push("listener 2"));
	const ev = new Event("click", {bubbles: true, cancelable: true});
	b.dispatchEvent(ev);
	out.push(["order", [...log], ev.defaultPrevented]);
	log.length = 0;
	b.onclick = () => log.push("replaced");
	b.dispatchEvent(new Event("click", {bubbles: true}));
	out.push(["replaced keeps place", [...log]]);
	b.onclick = "not a function";
	out.push(["string", b.onclick]);
	b.onclick = {handleEvent() {}};
	out.push(["object", typeof b.onclick]);
	b.onclick = null;
	log.length = 0;
	b.dispatchEvent(new Event("click"));
	out.push(["removed", [...log]]);
	window.attrRan = undefined;
	const ce = new Event("click", {bubbles: true, cancelable: true});
	a.dispatchEvent(ce);
	out.push(["attr ran", window.attrRan === undefined ? "no" : window.attrRan, ce.defaultPrevented]);
	a.setAttribute("onclick", "window.attrRan = 'changed'");
	window.attrRan = undefined;
	a.click();
	out.push(["attr changed", window.attrRan === undefined ? "no" : window.attrRan]);
	a.removeAttribute("onclick");
	out.push(["attr removed", a.onclick]);
	const d = document.createElement("div");
	d.setAttribute("onclick", "window.made = 1");
	d.click();
	out.push(["made by script", typeof d.onclick, window.made === undefined ? "no" : window.made]);
	let winCalls = 0;
	window.onmessage = () => winCalls++;
	out.push(["window handler", typeof window.onmessage, typeof onmessage]);
	window.onmessage = null;
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "dom-event-handlers",
		Doc: "Event handler attributes: onclick and the rest on elements, document and window (no onfocusin), each " +
			"world's own, called in the listener list where first set, a false return cancelling, non-objects setting " +
			"null; content attributes (onclick=\"…\", <body onload>) compiled in the main world only, named on<type> " +
			"with one event parameter, this the element, recompiled when the attribute changes, run also for events an " +
			"isolated world dispatches and for elements script made, and refused by a CSP without 'unsafe-inline' " +
			"(measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/handlers.html", HTML: handlersPage},
			{Name: "iso", Path: "/handlers-iso.html", HTML: handlersPage},
			{Name: "csp", Path: "/handlers-csp.html", HTML: handlersPage, CSP: "script-src 'self'"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", `window.bodyLoad`), Want: `{"value":1}`},
			{Do: extwasmtest.Eval("main/page", handlersProbe), Want: `{"value":[["initial",null,true,true,true,true,false,null,true,true,true,true,false],["attr handler","function","onclick",1],["order",["listener 1",["handler",true,"click"],"listener 2"],true],["replaced keeps place",["listener 1","replaced","listener 2"]],["string",null],["object","object"],["removed",["listener 1","listener 2"]],["attr ran",["attr","click","object"],true],["attr changed","changed"],["attr removed",null],["made by script","function",1],["window handler","function","function"]]}`},
			{Do: extwasmtest.Eval("iso/cs", handlersProbe), Want: `{"value":[["initial",null,true,true,true,true,true,null,true,true,true,true,false],["attr handler","object",null,null],["order",["listener 1",["handler",true,"click"],"listener 2"],true],["replaced keeps place",["listener 1","replaced","listener 2"]],["string",null],["object","object"],["removed",["listener 1","listener 2"]],["attr ran","no",true],["attr changed","no"],["attr removed",null],["made by script","object","no"],["window handler","function","function"]]}`},
			{Do: extwasmtest.Eval("iso/page", `[window.attrRan, window.made, window.linkRan]`), Want: `{"value":["changed",1,null]}`},
			{Do: extwasmtest.Eval("csp/page", `(() => { const a = document.getElementById("attr"); a.click(); return [window.bodyLoad === undefined, typeof a.onclick, window.attrRan === undefined]; })()`), Want: `{"value":[true,"object",true]}`},
		},
	})
}
