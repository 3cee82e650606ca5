package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// Measured in Chromium 156 (headless; notifications are kept and listed by getAll although none is
// shown), the facts the scenario notifications checks and hostsim models:
//
//   - create without an id, or with "", makes a random version-4 UUID in lower case; create with an
//     id in use replaces that notification without firing onClosed.
//   - A missing type, iconUrl, title or message is refused with "Some of the required properties
//     are missing: type, iconUrl, title and message.", a list without items or items on another
//     type with "List items provided for notification type != list", an image notification without
//     an image with "Image resource provided for notification type != image", progress on another
//     type with "The progress value should not be specified for non-progress notification", and a
//     progress outside 0–100 with "The progress value should range from 0 to 100". Chrome answers
//     these with the id and lastError: the callback gets the id with lastError set, and the promise
//     RESOLVES with the id of a notification that was not created. update answers false the same way.
//   - An image that does not load (a missing extension file, an unreachable URL, bytes that are no
//     image) rejects with "Unable to download all specified images.", an ordinary failure.
//   - update and clear of an unknown id resolve false; clear fires onClosed(id, false).
//   - getAll is {id: true, …}; getPermissionLevel is "granted".
//   - Without the "notifications" permission chrome.notifications is undefined.
const notificationCalls = `(async () => {
	const n = chrome.notifications, out = [];
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	const cb = (name, f) => new Promise((r) => f((v) => { out.push([name, v === undefined ? "undefined" : v, chrome.runtime.lastError ? chrome.runtime.lastError.message : null]); r(); }));
	const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
	const o = {type: "basic", iconUrl: "icon.png", title: "T", message: "M"};
	out.push(["keys", Object.keys(n).sort()], ["TemplateType", n.TemplateType], ["PermissionLevel", n.PermissionLevel]);
	await attempt("generated id", async () => { const a = await n.create(o), b = await n.create("", o); await n.clear(a); await n.clear(b); return [uuid.test(a), uuid.test(b), a !== b]; });
	await attempt("id", () => n.create("x", o));
	await attempt("same id", () => n.create("x", {...o, title: "again"}));
	await attempt("missing title", () => n.create("a", {type: "basic", iconUrl: "icon.png", message: "M"}));
	await cb("missing type cb", (k) => n.create("a", {iconUrl: "icon.png", title: "T", message: "M"}, k));
	await cb("missing icon cb", (k) => n.create("a", {type: "basic", title: "T", message: "M"}, k));
	await cb("empty title", (k) => n.create("t", {...o, title: ""}, k));
	await cb("list no items", (k) => n.create("l", {...o, type: "list"}, k));
	await cb("list", (k) => n.create("l2", {...o, type: "list", items: [{title: "a", message: "b"}]}, k));
	await cb("items on basic", (k) => n.create("l3", {...o, items: [{title: "a", message: "b"}]}, k));
	await cb("image no url", (k) => n.create("i", {...o, type: "image"}, k));
	await cb("image", (k) => n.create("i2", {...o, type: "image", imageUrl: "icon.png"}, k));
	await cb("progress 150", (k) => n.create("p", {...o, type: "progress", progress: 150}, k));
	await cb("progress -1", (k) => n.create("p", {...o, type: "progress", progress: -1}, k));
	await cb("progress on basic", (k) => n.create("p", {...o, progress: 50}, k));
	await cb("progress", (k) => n.create("p2", {...o, type: "progress", progress: 50}, k));
	await cb("progress none", (k) => n.create("p3", {...o, type: "progress"}, k));
	await cb("buttons", (k) => n.create("b", {...o, buttons: [{title: "Yes"}, {title: "No"}]}, k));
	await attempt("missing icon file", () => n.create("f", {...o, iconUrl: "missing.png"}));
	await attempt("missing image file", () => n.create("f", {...o, type: "image", imageUrl: "missing.png"}));
	await attempt("missing button icon", () => n.create("f", {...o, buttons: [{title: "x", iconUrl: "missing.png"}]}));
	await attempt("own URL icon", () => n.create("u", {...o, iconUrl: chrome.runtime.getURL("icon.png")}));
	await attempt("http icon", () => n.create("f", {...o, iconUrl: "http://127.0.0.1:1/x.png"}));
	await attempt("bad type", () => n.create("f", {...o, type: "nope"}));
	await attempt("unknown property", () => n.create("f", {...o, nope: 1}));
	await attempt("number id", () => n.create(5, o));
	await attempt("no arguments", () => n.create());
	await attempt("update", () => n.update("x", {title: "U"}));
	await attempt("update unknown", () => n.update("nope", {title: "U"}));
	await cb("update progress on basic", (k) => n.update("x", {progress: 5}, k));
	await attempt("update progress on basic promise", () => n.update("x", {progress: 5}));
	await attempt("update to progress", () => n.update("u", {type: "progress", progress: 10}));
	await attempt("update missing icon", () => n.update("x", {iconUrl: "missing.png"}));
	await attempt("getAll", () => n.getAll());
	await attempt("getPermissionLevel", () => n.getPermissionLevel());
	await cb("getAll cb", (k) => n.getAll(k));
	await attempt("clear", () => n.clear("x"));
	await attempt("clear again", () => n.clear("x"));
	await attempt("clear no id", () => n.clear());
	await new Promise((r) => setTimeout(r, 100));
	out.push(["events", self.events.filter((e) => !uuid.test(e[1]))]);
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "notifications",
		Doc: "chrome.notifications: generated ids, replacing by id, the required options and the type-specific checks with Chrome's " +
			"texts (answered with the id and lastError, so the promise resolves), images that do not load, update, clear and " +
			"onClosed, getAll and getPermissionLevel (measured in Chromium 156, which cannot click a notification: " +
			"ClickNotification, ClickNotificationButton and CloseNotification are hostsim's).",
		Fixture: "notifext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", notificationCalls), Want: `{"value":[["keys",["PermissionLevel","TemplateType","clear","create","getAll","getPermissionLevel","onButtonClicked","onClicked","onClosed","onPermissionLevelChanged","onShowSettings","update"]],["TemplateType",{"BASIC":"basic","IMAGE":"image","LIST":"list","PROGRESS":"progress"}],["PermissionLevel",{"DENIED":"denied","GRANTED":"granted"}],["generated id","ok",[true,true,true]],["id","ok","x"],["same id","ok","x"],["missing title","ok","a"],["missing type cb","a","Some of the required properties are missing: type, iconUrl, title and message."],["missing icon cb","a","Some of the required properties are missing: type, iconUrl, title and message."],["empty title","t",null],["list no items","l","List items provided for notification type != list"],["list","l2",null],["items on basic","l3","List items provided for notification type != list"],["image no url","i","Image resource provided for notification type != image"],["image","i2",null],["progress 150","p","The progress value should range from 0 to 100"],["progress -1","p","The progress value should range from 0 to 100"],["progress on basic","p","The progress value should not be specified for non-progress notification"],["progress","p2",null],["progress none","p3",null],["buttons","b",null],["missing icon file","Error","Unable to download all specified images."],["missing image file","Error","Unable to download all specified images."],["missing button icon","Error","Unable to download all specified images."],["own URL icon","ok","u"],["http icon","Error","Unable to download all specified images."],["bad type","TypeError","Error in invocation of notifications.create(optional string notificationId, notifications.NotificationOptions options, optional function callback): Error at parameter 'options': Error at property 'type': Value must be one of basic, image, list, progress."],["unknown property","TypeError","Error in invocation of notifications.create(optional string notificationId, notifications.NotificationOptions options, optional function callback): Error at parameter 'options': Unexpected property: 'nope'."],["number id","TypeError","Error in invocation of notifications.create(optional string notificationId, notifications.NotificationOptions options, optional function callback): No matching signature."],["no arguments","TypeError","Error in invocation of notifications.create(optional string notificationId, notifications.NotificationOptions options, optional function callback): No matching signature."],["update","ok",true],["update unknown","ok",false],["update progress on basic",false,"The progress value should not be specified for non-progress notification"],["update progress on basic promise","ok",false],["update to progress","ok",true],["update missing icon","Error","Unable to download all specified images."],["getAll","ok",{"b":true,"i2":true,"l2":true,"p2":true,"p3":true,"t":true,"u":true,"x":true}],["getPermissionLevel","ok","granted"],["getAll cb",{"b":true,"i2":true,"l2":true,"p2":true,"p3":true,"t":true,"u":true,"x":true},null],["clear","ok",true],["clear again","ok",false],["clear no id","TypeError","Error in invocation of notifications.clear(string notificationId, optional function callback): No matching signature."],["events",[["closed","x",false]]]]}`},
			{Do: extwasmtest.Eval("worker", `typeof chrome.offscreen`), Want: `{"value":"undefined"}`},
			{Do: extwasmtest.Eval("worker", `typeof chrome.sidePanel`), Want: `{"value":"undefined"}`},
		},
	})
}
