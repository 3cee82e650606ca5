package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

const dialogProbe = `(async () => {
	const out = [];
	const err = (f) => { try { f(); return "ok"; } catch (e) { return [e.name, e.message]; } };
	const d = document.createElement("dialog");
	const log = [];
	d.addEventListener("close", () => log.push(["close", d.open, d.returnValue]));
	out.push(["new", d.constructor.name, d.open, d.returnValue, err(() => d.showModal())]);
	document.body.appendChild(d);
	d.show();
	out.push(["show", d.open, d.hasAttribute("open"), err(() => d.showModal()), err(() => d.show())]);
	const closed = new Promise((r) => d.addEventListener("close", r, {once: true}));
	d.close("done");
	out.push(["closed", d.open, d.returnValue, log.length]);
	await closed;
	out.push(["close event", log]);
	d.returnValue = "";
	out.push(["showModal", err(() => d.showModal()), d.open, err(() => d.show())]);
	d.close();
	out.push(["closed again", d.returnValue, d.open]);
	d.open = true;
	out.push(["open attr", d.getAttribute("open"), d.open]);
	d.removeAttribute("open");
	d.close("ignored");
	out.push(["close when closed", d.returnValue]);
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "dom-dialog",
		Doc: "HTMLDialogElement: show, showModal (refused outside a document, or over the other kind of open), " +
			"close with a return value and its close event in a later task, open reflected (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", dialogProbe), Want: `{"value":[["new","HTMLDialogElement",false,"",["InvalidStateError","Failed to execute 'showModal' on 'HTMLDialogElement': The element is not in a Document."]],["show",true,true,["InvalidStateError","Failed to execute 'showModal' on 'HTMLDialogElement': The dialog is already open as a non-modal dialog, and therefore cannot be opened as a modal dialog."],"ok"],["closed",false,"done",0],["close event",[["close",false,"done"]]],["showModal","ok",true,["InvalidStateError","Failed to execute 'show' on 'HTMLDialogElement': The dialog is already open as a modal dialog, and therefore cannot be opened as a non-modal dialog."]],["closed again","",false],["open attr","",true],["close when closed",""]]}`},
			{Do: extwasmtest.Eval("main/cs", dialogProbe), Want: `{"value":[["new","HTMLDialogElement",false,"",["InvalidStateError","Failed to execute 'showModal' on 'HTMLDialogElement': The element is not in a Document."]],["show",true,true,["InvalidStateError","Failed to execute 'showModal' on 'HTMLDialogElement': The dialog is already open as a non-modal dialog, and therefore cannot be opened as a modal dialog."],"ok"],["closed",false,"done",0],["close event",[["close",false,"done"]]],["showModal","ok",true,["InvalidStateError","Failed to execute 'show' on 'HTMLDialogElement': The dialog is already open as a modal dialog, and therefore cannot be opened as a non-modal dialog."]],["closed again","",false],["open attr","",true],["close when closed",""]]}`},
		},
	})
}
