package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// menuCalls drives chrome.contextMenus through its outcomes and errors: [case, outcome, value or
// error text].
const menuCalls = `(async () => {
	const m = chrome.contextMenus, out = [];
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	await attempt("removeAll", () => m.removeAll());
	out.push(["create returns", m.create({id: "a", title: "Add note", contexts: ["page", "selection"]})]);
	await attempt("create cb", () => new Promise((r, j) => m.create({id: "b", title: "B"}, () => chrome.runtime.lastError ? j(new Error(chrome.runtime.lastError.message)) : r("done"))));
	await attempt("dup", () => new Promise((r, j) => m.create({id: "a", title: "again"}, () => chrome.runtime.lastError ? j(new Error(chrome.runtime.lastError.message)) : r("done"))));
	await attempt("child", () => new Promise((r, j) => m.create({id: "c", parentId: "a", title: "Child", type: "checkbox", checked: true}, () => chrome.runtime.lastError ? j(new Error(chrome.runtime.lastError.message)) : r("done"))));
	await attempt("bad parent", () => new Promise((r, j) => m.create({id: "d", parentId: "zz", title: "x"}, () => chrome.runtime.lastError ? j(new Error(chrome.runtime.lastError.message)) : r("done"))));
	await attempt("no title", () => new Promise((r, j) => m.create({id: "e"}, () => chrome.runtime.lastError ? j(new Error(chrome.runtime.lastError.message)) : r("done"))));
	await attempt("separator no title", () => new Promise((r, j) => m.create({id: "s", type: "separator"}, () => chrome.runtime.lastError ? j(new Error(chrome.runtime.lastError.message)) : r("done"))));
	await attempt("bad context", () => m.create({id: "f", title: "x", contexts: ["nope"]}));
	await attempt("update", () => m.update("a", {title: "Renamed"}));
	await attempt("update missing", () => m.update("zz", {title: "x"}));
	await attempt("remove", () => m.remove("b"));
	await attempt("remove missing", () => m.remove("b"));
	await attempt("no id", () => { const r = m.create({title: "auto"}); return typeof r; });
	await attempt("numeric id", () => m.remove(1));
	await attempt("removeAll", () => m.removeAll());
	await attempt("update after removeAll", () => m.update("a", {title: "x"}));
	await attempt("onClicked", () => typeof m.onClicked.addListener);
	await attempt("ACTION_MENU_TOP_LEVEL_LIMIT", () => m.ACTION_MENU_TOP_LEVEL_LIMIT);
	return out;
})()`

// menuIDs are the ids of items created without and with an id: every create takes a number, so the second generated id is two after the first.
const menuIDs = `(async () => { await chrome.contextMenus.removeAll(); const a = chrome.contextMenus.create({title: "one"}); const b = chrome.contextMenus.create({id: "x", title: "x"}); const c = chrome.contextMenus.create({title: "two"}); await chrome.contextMenus.removeAll(); const d = chrome.contextMenus.create({title: "three"}); return [typeof a, b, c - a, d - a]; })()`

func init() {
	All = append(All, Scenario{
		Name: "context-menus",
		Doc: "chrome.contextMenus: create returns the id at once and reports errors through the callback's lastError; duplicate ids, " +
			"missing parents and untitled items fail with Chrome's texts; update, remove and removeAll; generated ids count every create " +
			"(measured in Chromium 156, which cannot click a menu item: ClickMenuItem is hostsim's).",
		Fixture: "menuext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", menuCalls), Want: `{"value":[["removeAll","ok",null],["create returns","a"],["create cb","ok","done"],["dup","Error","Cannot create item with duplicate id a"],["child","ok","done"],["bad parent","Error","Cannot find menu item with id zz"],["no title","Error","All menu items except for separators must have a title"],["separator no title","ok","done"],["bad context","TypeError","Error in invocation of contextMenus.create(contextMenus.CreateProperties createProperties, optional function callback): Error at parameter 'createProperties': Error at property 'contexts': Error at index 0: Value must be one of action, all, audio, browser_action, editable, frame, image, launcher, link, page, page_action, selection, tab, video."],["update","ok",null],["update missing","Error","Cannot find menu item with id zz"],["remove","ok",null],["remove missing","Error","Cannot find menu item with id b"],["no id","ok","number"],["numeric id","Error","Cannot find menu item with id 1"],["removeAll","ok",null],["update after removeAll","Error","Cannot find menu item with id a"],["onClicked","ok","function"],["ACTION_MENU_TOP_LEVEL_LIMIT","ok",6]]}`},
			{Do: extwasmtest.Eval("worker", menuIDs), Want: `{"value":["number","x",2,3]}`},
		},
	})
}
