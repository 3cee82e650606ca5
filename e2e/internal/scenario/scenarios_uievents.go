package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// uiEventsProbe makes each kind of UI event a script (or a test of it) makes, with and without an
// init dictionary, and reads every member back.
const uiEventsProbe = `(() => {
	const out = [];
	const pick = (e, keys) => keys.map((k) => { const v = e[k]; return typeof v === "function" ? "fn" : v === window ? "window" : v; });
	const mouse = ["screenX", "screenY", "clientX", "clientY", "pageX", "pageY", "x", "y", "offsetX", "offsetY", "movementX", "movementY", "ctrlKey", "shiftKey", "altKey", "metaKey", "button", "buttons", "relatedTarget", "detail", "view", "which"];
	const kinds = [
		["MouseEvent", mouse, {clientX: 10, clientY: 20, screenX: 1, screenY: 2, ctrlKey: true, button: 2, buttons: 3, bubbles: true, detail: 2, view: window}],
		["PointerEvent", [...mouse, "pointerId", "width", "height", "pressure", "tangentialPressure", "tiltX", "tiltY", "twist", "pointerType", "isPrimary"], {pointerId: 7, pointerType: "pen", isPrimary: true, pressure: 0.5, clientX: 3}],
		["WheelEvent", [...mouse, "deltaX", "deltaY", "deltaZ", "deltaMode"], {deltaY: 120, deltaMode: 1}],
		["KeyboardEvent", ["key", "code", "location", "ctrlKey", "shiftKey", "altKey", "metaKey", "repeat", "isComposing", "charCode", "keyCode", "which", "detail", "view"], {key: "a", code: "KeyA", shiftKey: true, repeat: true, keyCode: 65, charCode: 97, which: 65}],
		["FocusEvent", ["relatedTarget", "detail", "view"], {relatedTarget: document.body}],
	];
	for (const [name, keys, init] of kinds) {
		const C = window[name];
		if (typeof C !== "function") { out.push([name, "missing"]); continue; }
		const bare = new C("x"), full = new C("y", init);
		out.push([name, Object.getPrototypeOf(C.prototype).constructor.name, bare instanceof UIEvent, pick(bare, keys), pick(full, keys), full.bubbles,
			typeof full.getModifierState === "function" ? [full.getModifierState("Control"), full.getModifierState("Shift")] : "none"]);
	}
	const d = document.createElement("div");
	let seen;
	d.addEventListener("click", (e) => { seen = [e.constructor.name, e.isTrusted, e.bubbles, e.cancelable, e.composed, e.detail, e.button, e.buttons, e.clientX, e.pointerId, e.pointerType, e.view === window]; });
	d.click();
	out.push(["click()", seen]);
	out.push(["createEvent", ...["MouseEvents", "MouseEvent", "KeyboardEvent", "UIEvents", "FocusEvent", "WheelEvent", "PointerEvent"].map((n) => { try { return document.createEvent(n).constructor.name; } catch (e) { return e.name; } })]);
	const m = document.createEvent("MouseEvents");
	m.initMouseEvent("click", true, true, window, 1, 5, 6, 7, 8, false, true, false, false, 0, null);
	out.push(["initMouseEvent", m.type, m.bubbles, m.detail, m.screenX, m.clientY, m.shiftKey, m.button]);
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "dom-ui-events",
		Doc: "UIEvent's subclasses a script or a test makes: MouseEvent, PointerEvent, WheelEvent, KeyboardEvent and " +
			"FocusEvent with and without init dictionaries, every member (page and offset coordinates are the client " +
			"ones without layout; which), getModifierState, element.click()'s untrusted PointerEvent, " +
			"document.createEvent's names and initMouseEvent (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", uiEventsProbe), Want: `{"value":[["MouseEvent","UIEvent",true,[0,0,0,0,0,0,0,0,0,0,0,0,false,false,false,false,0,0,null,0,null,1],[1,2,10,20,10,20,10,20,10,20,0,0,true,false,false,false,2,3,null,2,"window",3],true,[true,false]],["PointerEvent","MouseEvent",true,[0,0,0,0,0,0,0,0,0,0,0,0,false,false,false,false,0,0,null,0,null,1,0,1,1,0,0,0,0,0,"",false],[0,0,3,0,3,0,3,0,3,0,0,0,false,false,false,false,0,0,null,0,null,1,7,1,1,0.5,0,0,0,0,"pen",true],false,[false,false]],["WheelEvent","MouseEvent",true,[0,0,0,0,0,0,0,0,0,0,0,0,false,false,false,false,0,0,null,0,null,1,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,false,false,false,false,0,0,null,0,null,1,0,120,0,1],false,[false,false]],["KeyboardEvent","UIEvent",true,["","",0,false,false,false,false,false,false,0,0,0,0,null],["a","KeyA",0,false,true,false,false,true,false,97,65,65,0,null],false,[false,true]],["FocusEvent","UIEvent",true,[null,0,null],[{},0,null],false,"none"],["click()",["PointerEvent",false,true,true,true,0,0,0,0,-1,"",true]],["createEvent","MouseEvent","MouseEvent","KeyboardEvent","UIEvent","FocusEvent","NotSupportedError","NotSupportedError"],["initMouseEvent","click",true,1,5,8,false,0]]}`},
			{Do: extwasmtest.Eval("main/cs", uiEventsProbe), Want: `{"value":[["MouseEvent","UIEvent",true,[0,0,0,0,0,0,0,0,0,0,0,0,false,false,false,false,0,0,null,0,null,1],[1,2,10,20,10,20,10,20,10,20,0,0,true,false,false,false,2,3,null,2,"window",3],true,[true,false]],["PointerEvent","MouseEvent",true,[0,0,0,0,0,0,0,0,0,0,0,0,false,false,false,false,0,0,null,0,null,1,0,1,1,0,0,0,0,0,"",false],[0,0,3,0,3,0,3,0,3,0,0,0,false,false,false,false,0,0,null,0,null,1,7,1,1,0.5,0,0,0,0,"pen",true],false,[false,false]],["WheelEvent","MouseEvent",true,[0,0,0,0,0,0,0,0,0,0,0,0,false,false,false,false,0,0,null,0,null,1,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,false,false,false,false,0,0,null,0,null,1,0,120,0,1],false,[false,false]],["KeyboardEvent","UIEvent",true,["","",0,false,false,false,false,false,false,0,0,0,0,null],["a","KeyA",0,false,true,false,false,true,false,97,65,65,0,null],false,[false,true]],["FocusEvent","UIEvent",true,[null,0,null],[{},0,null],false,"none"],["click()",["PointerEvent",false,true,true,true,0,0,0,0,-1,"",true]],["createEvent","MouseEvent","MouseEvent","KeyboardEvent","UIEvent","FocusEvent","NotSupportedError","NotSupportedError"],["initMouseEvent","click",true,1,5,8,false,0]]}`},
		},
	})
}
