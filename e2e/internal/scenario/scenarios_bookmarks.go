package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// bookmarksCalls runs chrome.bookmarks through a fresh profile's tree; times become "t" (they are
// the wall clock's).
const bookmarksCalls = `(async () => {
	const norm = (v) => v === undefined ? "undefined" : JSON.parse(JSON.stringify(v, (k, x) => (k === "dateAdded" || k === "dateGroupModified") && typeof x === "number" ? "t" : x));
	const out = [];
	const t = async (name, fn) => {
		try {
			out.push([name, norm(await fn())]);
		} catch (e) {
			out.push([name, e.name, e.message]);
		}
	};
	const events = [];
	for (const n of ["onCreated", "onRemoved", "onChanged", "onMoved"]) chrome.bookmarks[n].addListener((...a) => events.push([n, ...norm(a)]));
	const order = [];
	chrome.bookmarks.onCreated.addListener(() => order.push("event"));
	await t("tree", () => chrome.bookmarks.getTree());
	await t("get root", () => chrome.bookmarks.get("0"));
	await t("get missing", () => chrome.bookmarks.get("999"));
	await t("get hidden", () => chrome.bookmarks.get("3"));
	await t("get not a number", () => chrome.bookmarks.get("abc"));
	await t("get empty", () => chrome.bookmarks.get(""));
	await t("create in other", () => chrome.bookmarks.create({title: "A", url: "https://a.example/x"}).then((r) => (order.push("resolved"), r)));
	await t("create folder", () => chrome.bookmarks.create({parentId: "1", title: "F"}));
	await t("create at 0", () => chrome.bookmarks.create({parentId: "1", index: 0, title: "B", url: "https://b.example/"}));
	await t("create bad url", () => chrome.bookmarks.create({title: "C", url: "notaurl"}));
	await t("create bad parent", () => chrome.bookmarks.create({parentId: "999", title: "C"}));
	await t("create in root", () => chrome.bookmarks.create({parentId: "0", title: "C"}));
	await t("create under a bookmark", () => chrome.bookmarks.create({parentId: "5", title: "z"}));
	await t("create index out of bounds", () => chrome.bookmarks.create({parentId: "1", index: 99, title: "z"}));
	await t("create index -1", () => chrome.bookmarks.create({parentId: "1", index: -1, title: "z"}));
	await t("children", () => chrome.bookmarks.getChildren("1"));
	await t("search", () => chrome.bookmarks.search("a"));
	await t("search words", () => chrome.bookmarks.search("b.example"));
	await t("search object", () => chrome.bookmarks.search({url: "https://a.example/x"}));
	await t("search title", () => chrome.bookmarks.search({title: "F"}));
	await t("recent", () => chrome.bookmarks.getRecent(5));
	await t("recent 0", () => chrome.bookmarks.getRecent(0));
	await t("update folder", () => chrome.bookmarks.update("6", {title: "AA"}));
	await t("update url", () => chrome.bookmarks.update("5", {url: "https://a.example/y"}));
	await t("update folder url", () => chrome.bookmarks.update("6", {url: "https://q.example/"}));
	await t("update bad url", () => chrome.bookmarks.update("5", {url: "nope"}));
	await t("update root folder", () => chrome.bookmarks.update("1", {title: "t"}));
	await t("move", () => chrome.bookmarks.move("5", {parentId: "1", index: 0}));
	await t("move forward", async () => [await chrome.bookmarks.move("5", {index: 2}), (await chrome.bookmarks.getChildren("1")).map((n) => n.title)]);
	await t("move into itself", () => chrome.bookmarks.move("6", {parentId: "6"}));
	await t("move root folder", () => chrome.bookmarks.move("1", {parentId: "2"}));
	await t("move out of bounds", () => chrome.bookmarks.move("5", {parentId: "2", index: 99}));
	await t("move index -1", () => chrome.bookmarks.move("5", {parentId: "2", index: -1}));
	await t("subtree", () => chrome.bookmarks.getSubTree("1"));
	await t("subtree of a bookmark", () => chrome.bookmarks.getSubTree("5"));
	await t("children of a bookmark", () => chrome.bookmarks.getChildren("5"));
	await t("remove non-empty folder", async () => {
		await chrome.bookmarks.create({parentId: "6", title: "H", url: "https://h.example/"});
		return chrome.bookmarks.remove("6");
	});
	await t("removeTree", () => chrome.bookmarks.removeTree("6"));
	await t("remove root folder", () => chrome.bookmarks.remove("1"));
	await t("remove", () => chrome.bookmarks.remove("5"));
	await t("remove missing", () => chrome.bookmarks.remove("5"));
	await t("tree after", () => chrome.bookmarks.getTree());
	out.push(["order", order], ["events", events]);
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "bookmarks",
		Doc: "chrome.bookmarks on a fresh profile's tree: the permanent folders, get, getChildren, getSubTree, getTree, " +
			"getRecent, search (words, url, title), create, update, move, remove, removeTree, their errors and events, " +
			"and events delivered before the call resolves (measured in Chromium 156).",
		Fixture: "surfaceext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", bookmarksCalls), Want: `{"value":[["tree",[{"children":[{"children":[],"dateAdded":"t","folderType":"bookmarks-bar","id":"1","index":0,"parentId":"0","syncing":false,"title":"Bookmarks bar"},{"children":[],"dateAdded":"t","folderType":"other","id":"2","index":1,"parentId":"0","syncing":false,"title":"Other bookmarks"}],"dateAdded":"t","id":"0","syncing":false,"title":""}]],["get root",[{"dateAdded":"t","id":"0","syncing":false,"title":""}]],["get missing","Error","Can't find bookmark for id."],["get hidden","Error","Can't find bookmark for id."],["get not a number","Error","Bookmark id is invalid."],["get empty","Error","Bookmark id is invalid."],["create in other",{"dateAdded":"t","id":"5","index":0,"parentId":"2","syncing":false,"title":"A","url":"https://a.example/x"}],["create folder",{"dateAdded":"t","dateGroupModified":"t","id":"6","index":0,"parentId":"1","syncing":false,"title":"F"}],["create at 0",{"dateAdded":"t","id":"7","index":0,"parentId":"1","syncing":false,"title":"B","url":"https://b.example/"}],["create bad url","Error","Invalid URL."],["create bad parent","Error","Can't find parent bookmark for id."],["create in root","Error","Can't modify the root bookmark folders."],["create under a bookmark","Error","Parameter 'parentId' does not specify a folder."],["create index out of bounds","Error","Index out of bounds."],["create index -1","TypeError","Error in invocation of bookmarks.create(bookmarks.CreateDetails bookmark, optional function callback): Error at parameter 'bookmark': Error at property 'index': Value must be at least 0."],["children",[{"dateAdded":"t","id":"7","index":0,"parentId":"1","syncing":false,"title":"B","url":"https://b.example/"},{"dateAdded":"t","dateGroupModified":"t","id":"6","index":1,"parentId":"1","syncing":false,"title":"F"}]],["search",[{"dateAdded":"t","id":"7","index":0,"parentId":"1","syncing":false,"title":"B","url":"https://b.example/"},{"dateAdded":"t","id":"5","index":0,"parentId":"2","syncing":false,"title":"A","url":"https://a.example/x"}]],["search words",[{"dateAdded":"t","id":"7","index":0,"parentId":"1","syncing":false,"title":"B","url":"https://b.example/"}]],["search object",[{"dateAdded":"t","id":"5","index":0,"parentId":"2","syncing":false,"title":"A","url":"https://a.example/x"}]],["search title",[{"dateAdded":"t","dateGroupModified":"t","id":"6","index":1,"parentId":"1","syncing":false,"title":"F"}]],["recent",[{"dateAdded":"t","id":"7","index":0,"parentId":"1","syncing":false,"title":"B","url":"https://b.example/"},{"dateAdded":"t","id":"5","index":0,"parentId":"2","syncing":false,"title":"A","url":"https://a.example/x"}]],["recent 0","TypeError","Error in invocation of bookmarks.getRecent(integer numberOfItems, optional function callback): Error at parameter 'numberOfItems': Value must be at least 1."],["update folder",{"dateAdded":"t","dateGroupModified":"t","id":"6","index":1,"parentId":"1","syncing":false,"title":"AA"}],["update url",{"dateAdded":"t","id":"5","index":0,"parentId":"2","syncing":false,"title":"A","url":"https://a.example/y"}],["update folder url","Error","Can't set URL of a bookmark folder."],["update bad url","Error","Invalid URL."],["update root folder","Error","Can't modify the root bookmark folders."],["move",{"dateAdded":"t","id":"5","index":0,"parentId":"1","syncing":false,"title":"A","url":"https://a.example/y"}],["move forward",[{"dateAdded":"t","id":"5","index":1,"parentId":"1","syncing":false,"title":"A","url":"https://a.example/y"},["B","A","AA"]]],["move into itself","Error","Can't move a folder to itself or its descendant."],["move root folder","Error","Can't modify the root bookmark folders."],["move out of bounds","Error","Index out of bounds."],["move index -1","TypeError","Error in invocation of bookmarks.move(string id, object destination, optional function callback): Error at parameter 'destination': Error at property 'index': Value must be at least 0."],["subtree",[{"children":[{"dateAdded":"t","id":"7","index":0,"parentId":"1","syncing":false,"title":"B","url":"https://b.example/"},{"dateAdded":"t","id":"5","index":1,"parentId":"1","syncing":false,"title":"A","url":"https://a.example/y"},{"children":[],"dateAdded":"t","dateGroupModified":"t","id":"6","index":2,"parentId":"1","syncing":false,"title":"AA"}],"dateAdded":"t","dateGroupModified":"t","folderType":"bookmarks-bar","id":"1","index":0,"parentId":"0","syncing":false,"title":"Bookmarks bar"}]],["subtree of a bookmark",[{"dateAdded":"t","id":"5","index":1,"parentId":"1","syncing":false,"title":"A","url":"https://a.example/y"}]],["children of a bookmark",[]],["remove non-empty folder","Error","Can't remove non-empty folder (use recursive to force)."],["removeTree","undefined"],["remove root folder","Error","Can't modify the root bookmark folders."],["remove","undefined"],["remove missing","Error","Can't find bookmark for id."],["tree after",[{"children":[{"children":[{"dateAdded":"t","id":"7","index":0,"parentId":"1","syncing":false,"title":"B","url":"https://b.example/"}],"dateAdded":"t","dateGroupModified":"t","folderType":"bookmarks-bar","id":"1","index":0,"parentId":"0","syncing":false,"title":"Bookmarks bar"},{"children":[],"dateAdded":"t","dateGroupModified":"t","folderType":"other","id":"2","index":1,"parentId":"0","syncing":false,"title":"Other bookmarks"}],"dateAdded":"t","id":"0","syncing":false,"title":""}]],["order",["event","resolved","event","event","event"]],["events",[["onCreated","5",{"dateAdded":"t","id":"5","index":0,"parentId":"2","syncing":false,"title":"A","url":"https://a.example/x"}],["onCreated","6",{"dateAdded":"t","dateGroupModified":"t","id":"6","index":0,"parentId":"1","syncing":false,"title":"F"}],["onCreated","7",{"dateAdded":"t","id":"7","index":0,"parentId":"1","syncing":false,"title":"B","url":"https://b.example/"}],["onChanged","6",{"title":"AA"}],["onChanged","5",{"title":"A","url":"https://a.example/y"}],["onMoved","5",{"index":0,"oldIndex":0,"oldParentId":"2","parentId":"1"}],["onMoved","5",{"index":1,"oldIndex":0,"oldParentId":"1","parentId":"1"}],["onCreated","8",{"dateAdded":"t","id":"8","index":0,"parentId":"6","syncing":false,"title":"H","url":"https://h.example/"}],["onRemoved","6",{"index":2,"node":{"children":[{"dateAdded":"t","id":"8","index":0,"parentId":"6","syncing":false,"title":"H","url":"https://h.example/"}],"dateAdded":"t","dateGroupModified":"t","id":"6","syncing":false,"title":"AA"},"parentId":"1"}],["onRemoved","5",{"index":1,"node":{"dateAdded":"t","id":"5","syncing":false,"title":"A","url":"https://a.example/y"},"parentId":"1"}]]]]}`},
		},
	})
	All = append(All, Scenario{
		Name:    "idle",
		Doc:     "chrome.idle: the state headless Chromium 156 reports, setDetectionInterval and their argument checks.",
		Fixture: "surfaceext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `(async () => {
				const out = [];
				for (const [name, fn] of [
					["queryState", () => chrome.idle.queryState(15)],
					["queryState 60", () => chrome.idle.queryState(60)],
					["queryState callback", () => new Promise((r) => chrome.idle.queryState(20, r))],
					["queryState 1", () => chrome.idle.queryState(1)],
					["queryState 15.5", () => chrome.idle.queryState(15.5)],
					["setDetectionInterval", () => chrome.idle.setDetectionInterval(30)],
					["setDetectionInterval 5", () => chrome.idle.setDetectionInterval(5)],
					["states", () => chrome.idle.IdleState],
				]) {
					try {
						const v = await fn();
						out.push([name, v === undefined ? "undefined" : v]);
					} catch (e) {
						out.push([name, e.name, e.message]);
					}
				}
				return out;
			})()`), Want: `{"value":[["queryState","active"],["queryState 60","active"],["queryState callback","active"],["queryState 1","TypeError","Error in invocation of idle.queryState(integer detectionIntervalInSeconds, optional function callback): Error at parameter 'detectionIntervalInSeconds': Value must be at least 15."],["queryState 15.5","TypeError","Error in invocation of idle.queryState(integer detectionIntervalInSeconds, optional function callback): No matching signature."],["setDetectionInterval","undefined"],["setDetectionInterval 5","TypeError","Error in invocation of idle.setDetectionInterval(integer intervalInSeconds): Error at parameter 'intervalInSeconds': Value must be at least 15."],["states",{"ACTIVE":"active","IDLE":"idle","LOCKED":"locked"}]]}`},
		},
	})
}
