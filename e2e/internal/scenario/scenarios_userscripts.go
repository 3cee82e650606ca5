package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// Measured in Chromium 156, the facts the scenarios userscripts-api and userscripts-messaging
// check and hostsim models:
//
//   - chrome.userScripts exists only once "Allow User Scripts" is on for the extension (the
//     harness turns it on for a manifest asking for the permission); runtime.onUserScriptMessage
//     and onUserScriptConnect exist in the worker either way.
//   - register fills in allFrames false, runAt document_idle and world USER_SCRIPT; getScripts
//     lists scripts in registration order and ignores unknown ids in its filter. Refusals: the
//     registered-content-script texts for duplicate, empty and "_" ids, bad patterns and missing
//     files; "User script with ID 'x' must specify 'matches'." (no matches key), "Script with ID 'x'
//     must specify at least one match." (an empty list), "User script with ID 'x' must specify at
//     least one js source.", "… must specify exactly one of 'code' or 'file' as a js source.",
//     "Script with ID 'x' has invalid value for exclude_matches[0]: …", "World ID can only be
//     specified for USER_SCRIPT worlds." and "World IDs beginning with '_' are reserved."; a world
//     outside MAIN and USER_SCRIPT is an invocation TypeError. update of an unknown id: "Script with
//     ID 'x' does not exist or is not fully registered"; unregister: "Nonexistent script ID 'x'",
//     removing nothing.
//   - configureWorld keeps one configuration per world id (the default world has none);
//     getWorldConfigurations reports messaging always, worldId and csp when set, the default world
//     first; properties left out keep their value; resetWorldConfiguration of an unknown world
//     succeeds.
//   - A USER_SCRIPT world is neither the isolated world nor the main world. Its chrome has only
//     runtime: id, dynamicId and the enums, plus sendMessage, connect, onMessage and onConnect when
//     its configuration (its own, else the default world's) enables messaging. Its messages and
//     ports reach runtime.onUserScriptMessage and onUserScriptConnect, never onMessage or
//     onConnect, with a sender like a content script's: {id, url, origin, frameId, documentId,
//     documentLifecycle, tab} (no world id). tabs.sendMessage and tabs.connect reach its onMessage
//     and onConnect. A message to another extension throws "User scripts may not message external
//     extensions.".
//   - Injection (scenario userscripts-frames): allFrames reaches child frames; includeGlobs widen
//     matches rather than narrow them (a page either one matches gets the script, unlike content
//     scripts' include_globs), and excludeMatches and excludeGlobs then take pages out.
//   - execute runs sources in the target frames' USER_SCRIPT world (or MAIN) and resolves with
//     [{documentId, frameId, result}], a promise's value awaited, null when the script throws;
//     refusals "User script must specify at least one js source." and the worldId-with-MAIN text.

// userScriptsAPICalls drives registration, its errors and world configuration from the worker.
const userScriptsAPICalls = `(async () => {
	const us = chrome.userScripts, out = [];
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	const m = ["http://127.0.0.1/none*"], code = [{code: "1"}];
	out.push(["keys", Object.keys(us).sort()], ["ExecutionWorld", us.ExecutionWorld]);
	await attempt("none", () => us.getScripts());
	await attempt("register", () => us.register([{id: "a", matches: m, js: code}]));
	await attempt("duplicate", () => us.register([{id: "a", matches: m, js: code}]));
	await attempt("duplicate in one call", () => us.register([{id: "c", matches: m, js: code}, {id: "c", matches: m, js: code}]));
	await attempt("underscore", () => us.register([{id: "_x", matches: m, js: code}]));
	await attempt("empty id", () => us.register([{id: "", matches: m, js: code}]));
	await attempt("bad match", () => us.register([{id: "b", matches: ["nope"], js: code}]));
	await attempt("empty matches", () => us.register([{id: "b", matches: [], js: code}]));
	await attempt("no matches", () => us.register([{id: "b", includeGlobs: ["*"], js: code}]));
	await attempt("empty js", () => us.register([{id: "b", matches: m, js: []}]));
	await attempt("no js", () => us.register([{id: "b", matches: m}]));
	await attempt("empty source", () => us.register([{id: "b", matches: m, js: [{}]}]));
	await attempt("code and file", () => us.register([{id: "b", matches: m, js: [{code: "1", file: "us-file.js"}]}]));
	await attempt("missing file", () => us.register([{id: "b", matches: m, js: [{file: "missing.js"}]}]));
	await attempt("bad exclude", () => us.register([{id: "b", matches: m, js: code, excludeMatches: ["bad"]}]));
	await attempt("isolated world", () => us.register([{id: "b", matches: m, js: code, world: "ISOLATED"}]));
	await attempt("worldId with MAIN", () => us.register([{id: "b", matches: m, js: code, world: "MAIN", worldId: "w"}]));
	await attempt("reserved worldId", () => us.register([{id: "b", matches: m, js: code, worldId: "_w"}]));
	await attempt("bad runAt", () => us.register([{id: "b", matches: m, js: code, runAt: "later"}]));
	await attempt("register full", () => us.register([{id: "f", matches: m, js: [{file: "us-file.js"}, {code: "2"}], runAt: "document_start", allFrames: true,
		excludeMatches: ["http://127.0.0.1/none/x*"], includeGlobs: ["*a*"], excludeGlobs: ["*b*"], worldId: "w1"}]));
	await attempt("register main", () => us.register([{id: "g", matches: m, js: code, world: "MAIN"}]));
	await attempt("registered", () => us.getScripts());
	await attempt("filter", () => us.getScripts({ids: ["g", "zz"]}));
	await attempt("empty filter", () => us.getScripts({ids: []}));
	await attempt("update", () => us.update([{id: "a", runAt: "document_start"}]).then(() => us.getScripts({ids: ["a"]})));
	await attempt("update unknown", () => us.update([{id: "zz", matches: m}]));
	await attempt("update bad match", () => us.update([{id: "a", matches: ["bad"]}]));
	await attempt("update empty js", () => us.update([{id: "a", js: []}]));
	await attempt("unregister unknown", () => us.unregister({ids: ["a", "zz"]}).then(() => us.getScripts().then((l) => l.map((s) => s.id))));
	await attempt("unregister", () => us.unregister({ids: ["a", "g"]}).then(() => us.getScripts().then((l) => l.map((s) => s.id))));
	await attempt("unregister all", () => us.unregister().then(() => us.getScripts()));
	await attempt("register nothing", () => us.register([]));
	return out;
})()`

// userScriptsWorldCalls drives configureWorld, getWorldConfigurations and resetWorldConfiguration.
const userScriptsWorldCalls = `(async () => {
	const us = chrome.userScripts, out = [];
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	await attempt("none", () => us.getWorldConfigurations());
	await attempt("w1", () => us.configureWorld({worldId: "w1", csp: "script-src 'self'", messaging: false}));
	await attempt("default", () => us.configureWorld({messaging: true}));
	await attempt("reserved", () => us.configureWorld({worldId: "_w", messaging: true}));
	await attempt("listed", () => us.getWorldConfigurations());
	await attempt("left out keeps", () => us.configureWorld({}).then(() => us.configureWorld({worldId: "w1", messaging: true})).then(() => us.getWorldConfigurations()));
	await attempt("reset w1", () => us.resetWorldConfiguration("w1").then(() => us.getWorldConfigurations()));
	await attempt("reset unknown", () => us.resetWorldConfiguration("nope"));
	await attempt("reset default", () => us.resetWorldConfiguration().then(() => us.getWorldConfigurations()));
	await attempt("bad messaging", () => us.configureWorld({messaging: "yes"}));
	return out;
})()`

// userScriptsRegisterMessaging configures the worlds and registers the scripts the messaging
// scenario's page then runs: the default world (messaging on) sends a message, then another one
// saying what the reply was, and listens; the
// world "quiet" (messaging off) only records what it has; a MAIN world script marks the page.
const userScriptsRegisterMessaging = `(async () => {
	const us = chrome.userScripts;
	// chrome.csi and chrome.loadTimes, Chromium's legacy members of every world's chrome, are left
	// out: hostsim has neither.
	const keys = "Object.keys(chrome).filter((k) => !/^(csi|loadTimes)$/.test(k)).sort().join(',') + ':' + Object.keys(chrome.runtime).sort().join(',')";
	await us.configureWorld({messaging: true});
	await us.configureWorld({worldId: "quiet", messaging: false});
	await us.register([
		{id: "talk", matches: ["http://127.0.0.1/us-page*"], js: [{code: "self.usState = {keys: " + keys + ", reply: null, heard: []};" +
			"chrome.runtime.onMessage.addListener((m, s, r) => { self.usState.heard.push([m, Object.keys(s).sort()]); r({us: m}); });" +
			"chrome.runtime.onConnect.addListener((p) => { self.usState.heard.push(['port', p.name]); p.postMessage('hello ' + p.name); });" +
			"chrome.runtime.sendMessage({from: 'registered'}).then((r) => { self.usState.reply = r; return chrome.runtime.sendMessage({got: r}); }, (e) => { self.usState.reply = 'ERR ' + e.message; });"}, {file: "us-file.js"}]},
		{id: "quiet", matches: ["http://127.0.0.1/us-page*"], worldId: "quiet", js: [{code: "self.usState = {keys: " + keys + "};"}]},
		{id: "main", matches: ["http://127.0.0.1/us-page*"], world: "MAIN", js: [{code: "self.mainState = [typeof chrome.runtime, typeof self.usState];"}]},
	]);
	return (await us.getScripts()).map((s) => [s.id, s.world, s.worldId || null]);
})()`

// userScriptsExecuteMessaging runs code in the page's worlds with execute and messages the
// default world from the worker.
const userScriptsExecuteMessaging = `(async () => {
	const us = chrome.userScripts, out = [], tabId = {{tab:main}};
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	const results = (rs) => rs.map((r) => [/^[0-9A-F]{32}$/.test(r.documentId), r.frameId, r.result]);
	const run = (code, extra) => us.execute({target: {tabId}, js: [{code}], ...extra}).then(results);
	await attempt("default world", () => run("[self.usState.keys, self.usState.reply, self.usFileRan, typeof self.mainState, typeof self.csLoaded]"));
	await attempt("quiet world", () => run("self.usState.keys", {worldId: "quiet"}));
	await attempt("main world", () => run("[self.mainState, typeof self.usState]", {world: "MAIN"}));
	await attempt("new world", () => run("[typeof self.usState, typeof chrome.runtime.sendMessage]", {worldId: "fresh"}));
	await attempt("sendMessage", () => run("chrome.runtime.sendMessage('from execute')"));
	await attempt("connect", () => run("new Promise((r) => { const p = chrome.runtime.connect({name: 'us-port'}); p.onMessage.addListener((m) => { r(m); p.disconnect(); }); p.postMessage(7); })"));
	await attempt("external", () => run("(() => { try { chrome.runtime.sendMessage('abcdefghijklmnopabcdefghijklmnop', 1); return 'sent'; } catch (e) { return e.constructor.name + ': ' + e.message; } })()"));
	await attempt("promise", () => run("Promise.resolve(5)"));
	await attempt("throws", () => run("throw new Error('boom')"));
	await attempt("tabs.sendMessage", () => chrome.tabs.sendMessage(tabId, "to user script"));
	await attempt("tabs.connect", () => new Promise((resolve) => { const p = chrome.tabs.connect(tabId, {name: "to-us"}); p.onMessage.addListener((m) => { resolve(m); p.disconnect(); }); }));
	await attempt("heard", () => run("self.usState.heard"));
	await attempt("no js", () => us.execute({target: {tabId}, js: []}));
	await attempt("worldId with MAIN", () => us.execute({target: {tabId}, js: [{code: "1"}], world: "MAIN", worldId: "x"}));
	await attempt("missing tab", () => us.execute({target: {tabId: 999999}, js: [{code: "1"}]}));
	out.push(["log", self.usLog]);
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "userscripts-api",
		Doc: "chrome.userScripts with Allow User Scripts on: register, update, unregister and getScripts, their defaults " +
			"and Chromium's refusals; configureWorld, getWorldConfigurations and resetWorldConfiguration (measured in Chromium 156).",
		Fixture: "userscriptext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", userScriptsAPICalls), Want: `{"value":[["keys",["ExecutionWorld","configureWorld","execute","getScripts","getWorldConfigurations","register","resetWorldConfiguration","unregister","update"]],["ExecutionWorld",{"MAIN":"MAIN","USER_SCRIPT":"USER_SCRIPT"}],["none","ok",[]],["register","ok",null],["duplicate","Error","Duplicate script ID 'a'"],["duplicate in one call","Error","Duplicate script ID 'c'"],["underscore","Error","Script's ID '_x' must not start with '_'"],["empty id","Error","Script's ID must not be empty"],["bad match","Error","Script with ID 'b' has invalid value for matches[0]: Missing scheme separator."],["empty matches","Error","Script with ID 'b' must specify at least one match."],["no matches","Error","User script with ID 'b' must specify 'matches'."],["empty js","Error","User script with ID 'b' must specify at least one js source."],["no js","Error","User script with ID 'b' must specify at least one js source."],["empty source","Error","User script with ID 'b' must specify exactly one of 'code' or 'file' as a js source."],["code and file","Error","User script with ID 'b' must specify exactly one of 'code' or 'file' as a js source."],["missing file","Error","Could not load javascript 'missing.js' for script."],["bad exclude","Error","Script with ID 'b' has invalid value for exclude_matches[0]: Missing scheme separator."],["isolated world","TypeError","Error in invocation of userScripts.register(array scripts, optional function callback): Error at parameter 'scripts': Error at index 0: Error at property 'world': Value must be one of MAIN, USER_SCRIPT."],["worldId with MAIN","Error","World ID can only be specified for USER_SCRIPT worlds."],["reserved worldId","Error","World IDs beginning with '_' are reserved."],["bad runAt","TypeError","Error in invocation of userScripts.register(array scripts, optional function callback): Error at parameter 'scripts': Error at index 0: Error at property 'runAt': Value must be one of document_end, document_idle, document_start."],["register full","ok",null],["register main","ok",null],["registered","ok",[{"allFrames":false,"id":"a","js":[{"code":"1"}],"matches":["http://127.0.0.1/none*"],"runAt":"document_idle","world":"USER_SCRIPT"},{"allFrames":true,"excludeGlobs":["*b*"],"excludeMatches":["http://127.0.0.1/none/x*"],"id":"f","includeGlobs":["*a*"],"js":[{"file":"us-file.js"},{"code":"2"}],"matches":["http://127.0.0.1/none*"],"runAt":"document_start","world":"USER_SCRIPT","worldId":"w1"},{"allFrames":false,"id":"g","js":[{"code":"1"}],"matches":["http://127.0.0.1/none*"],"runAt":"document_idle","world":"MAIN"}]],["filter","ok",[{"allFrames":false,"id":"g","js":[{"code":"1"}],"matches":["http://127.0.0.1/none*"],"runAt":"document_idle","world":"MAIN"}]],["empty filter","ok",[]],["update","ok",[{"allFrames":false,"id":"a","js":[{"code":"1"}],"matches":["http://127.0.0.1/none*"],"runAt":"document_start","world":"USER_SCRIPT"}]],["update unknown","Error","Script with ID 'zz' does not exist or is not fully registered"],["update bad match","Error","Script with ID 'a' has invalid value for matches[0]: Missing scheme separator."],["update empty js","Error","User script with ID 'a' must specify at least one js source."],["unregister unknown","Error","Nonexistent script ID 'zz'"],["unregister","ok",["f"]],["unregister all","ok",[]],["register nothing","ok",null]]}`},
			{Do: extwasmtest.Eval("worker", userScriptsWorldCalls), Want: `{"value":[["none","ok",[]],["w1","ok",null],["default","ok",null],["reserved","Error","World IDs beginning with '_' are reserved."],["listed","ok",[{"messaging":true},{"csp":"script-src 'self'","messaging":false,"worldId":"w1"}]],["left out keeps","ok",[{"messaging":true},{"csp":"script-src 'self'","messaging":true,"worldId":"w1"}]],["reset w1","ok",[{"messaging":true}]],["reset unknown","ok",null],["reset default","ok",[]],["bad messaging","TypeError","Error in invocation of userScripts.configureWorld(userScripts.WorldProperties properties, optional function callback): Error at parameter 'properties': Error at property 'messaging': Invalid type: expected boolean, found string."]]}`},
		},
	}, Scenario{
		Name: "userscripts-messaging",
		Doc: "User scripts as messaging contexts: registered scripts run in a matching document's USER_SCRIPT world (or MAIN); " +
			"with messaging on, their sendMessage and connect reach runtime.onUserScriptMessage and onUserScriptConnect " +
			"with a content script's sender, and tabs.sendMessage reaches them; without it they have no runtime messaging; " +
			"execute runs code in those worlds (measured in Chromium 156).",
		Fixture: "userscriptext",
		Tabs:    []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", userScriptsRegisterMessaging), Want: `{"value":[["talk","USER_SCRIPT",null],["quiet","USER_SCRIPT","quiet"],["main","MAIN",null]]}`},
			{Do: extwasmtest.Navigate("main", "/us-page.html")},
			{Do: extwasmtest.EvalStep{Realm: "worker", Until: "self.usLog.length > 1", Expr: "self.usLog"}, Want: `{"value":[["onUserScriptMessage",{"from":"registered"},{"keys":["documentId","documentLifecycle","frameId","id","origin","tab","url"],"ownId":true,"path":"/us-page.html","origin":true,"frameId":0,"documentId":true,"documentLifecycle":"active","tab":"number","tabUrl":"/us-page.html"}],["onUserScriptMessage",{"got":{"echo":{"from":"registered"}}},{"keys":["documentId","documentLifecycle","frameId","id","origin","tab","url"],"ownId":true,"path":"/us-page.html","origin":true,"frameId":0,"documentId":true,"documentLifecycle":"active","tab":"number","tabUrl":"/us-page.html"}]]}`},
			{Do: extwasmtest.EvalStep{Realm: "main/page", Until: "self.mainState !== undefined", Expr: "self.mainState"}, Want: `{"value":["undefined","undefined"]}`},
			{Do: extwasmtest.Eval("worker", userScriptsExecuteMessaging), Want: `{"value":[["default world","ok",[[true,0,["runtime:ContextType,OnInstalledReason,OnRestartRequiredReason,PlatformArch,PlatformNaclArch,PlatformOs,RequestUpdateCheckStatus,connect,dynamicId,id,onConnect,onMessage,sendMessage",{"echo":{"from":"registered"}},1,"undefined","undefined"]]]],["quiet world","ok",[[true,0,"runtime:ContextType,OnInstalledReason,OnRestartRequiredReason,PlatformArch,PlatformNaclArch,PlatformOs,RequestUpdateCheckStatus,dynamicId,id"]]],["main world","ok",[[true,0,[["undefined","undefined"],"undefined"]]]],["new world","ok",[[true,0,["undefined","undefined"]]]],["sendMessage","ok",[[true,0,{"echo":"from execute"}]]],["connect","ok",[[true,0,{"echo":7}]]],["external","ok",[[true,0,"TypeError: Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): User scripts may not message external extensions."]]],["promise","ok",[[true,0,5]]],["throws","ok",[[true,0,null]]],["tabs.sendMessage","ok",{"us":"to user script"}],["tabs.connect","ok","hello to-us"],["heard","ok",[[true,0,[["to user script",["id","origin","url"]],["port","to-us"]]]]],["no js","Error","User script must specify at least one js source."],["worldId with MAIN","Error","World ID can only be specified for USER_SCRIPT worlds."],["missing tab","Error","No tab with id: 999999"],["log",[["onUserScriptMessage",{"from":"registered"},{"keys":["documentId","documentLifecycle","frameId","id","origin","tab","url"],"ownId":true,"path":"/us-page.html","origin":true,"frameId":0,"documentId":true,"documentLifecycle":"active","tab":"number","tabUrl":"/us-page.html"}],["onUserScriptMessage",{"got":{"echo":{"from":"registered"}}},{"keys":["documentId","documentLifecycle","frameId","id","origin","tab","url"],"ownId":true,"path":"/us-page.html","origin":true,"frameId":0,"documentId":true,"documentLifecycle":"active","tab":"number","tabUrl":"/us-page.html"}],["onUserScriptMessage","from execute",{"keys":["documentId","documentLifecycle","frameId","id","origin","tab","url"],"ownId":true,"path":"/us-page.html","origin":true,"frameId":0,"documentId":true,"documentLifecycle":"active","tab":"number","tabUrl":"/us-page.html"}],["onUserScriptConnect","us-port",{"keys":["documentId","documentLifecycle","frameId","id","origin","tab","url"],"ownId":true,"path":"/us-page.html","origin":true,"frameId":0,"documentId":true,"documentLifecycle":"active","tab":"number","tabUrl":"/us-page.html"}]]]]}`},
		},
	}, Scenario{
		Name: "userscripts-frames",
		Doc: "Registered user scripts in a page with a child frame: allFrames, excludeMatches, includeGlobs (which widen " +
			"matches) and excludeGlobs, read back with execute into every frame (measured in Chromium 156).",
		Fixture: "userscriptext",
		Tabs:    []Tab{{Name: "main", Path: "/us-frames.html", HTML: `<!doctype html><html><body><iframe src="/us-child.html"></iframe></body></html>`}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", userScriptsRegisterFrames), Want: `{"value":true}`},
			{Do: extwasmtest.Navigate("main", "/us-frames.html")},
			{Do: extwasmtest.Eval("worker", `chrome.userScripts.execute({target: {tabId: {{tab:main}}, allFrames: true}, js: [{code: "[location.pathname, self.all || null, self.topOnly || null, self.exm || null, self.widened || null, self.exg || null, self.globOnly || null]"}]}).then((rs) => rs.map((r) => r.result).sort())`),
				Want: `{"value":[["/us-child.html","/us-child.html",null,null,1,null,null],["/us-frames.html","/us-frames.html","/us-frames.html",1,1,1,1]]}`},
		},
	})
}

// userScriptsRegisterFrames registers the scripts of scenario userscripts-frames; each marks the
// frames it runs in.
const userScriptsRegisterFrames = `chrome.userScripts.register([
	{id: "all", matches: ["http://127.0.0.1/*"], allFrames: true, js: [{code: "self.all = location.pathname"}]},
	{id: "topOnly", matches: ["http://127.0.0.1/*"], js: [{code: "self.topOnly = location.pathname"}]},
	{id: "exm", matches: ["http://127.0.0.1/*"], excludeMatches: ["http://127.0.0.1/us-child*"], allFrames: true, js: [{code: "self.exm = 1"}]},
	{id: "widened", matches: ["http://127.0.0.1/*"], includeGlobs: ["*nothing-has-this*"], allFrames: true, js: [{code: "self.widened = 1"}]},
	{id: "exg", matches: ["http://127.0.0.1/*"], excludeGlobs: ["*child*"], allFrames: true, js: [{code: "self.exg = 1"}]},
	{id: "globOnly", matches: ["http://127.0.0.1/nothing*"], includeGlobs: ["*us-frames*"], allFrames: true, js: [{code: "self.globOnly = 1"}]},
]).then(() => true)`
