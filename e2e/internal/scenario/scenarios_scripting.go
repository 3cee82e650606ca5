package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// Measured in Chromium 156, the facts the scenario scripting checks and hostsim models:
//
//   - executeScript resolves with [{documentId, frameId, result}], the top frame first; a file's
//     result is the completion value of the last file, a func's its return value, awaited when it is
//     a promise. A throw or a rejection gives the result null; results convert like Chrome's
//     values (own enumerable properties, so a Date or a Map is {}; undefined, functions and NaN are
//     left out). Scripts run in the isolated world the manifest's content scripts share (it has
//     chrome.runtime but not chrome.tabs) unless world is MAIN.
//   - Refusals: "Exactly one of 'func' and 'files' must be specified" (no period), "'args' may not
//     be used with file injections.", "At least one file must be specified.", "Could not load file:
//     'missing.js'.", "No tab with id: N" (no period, unlike chrome.tabs), "No frame with id F in tab
//     with id N", "Cannot specify 'allFrames' if either 'frameIds' or 'documentIds' is specified.",
//     and for a page neither the host permissions nor the manifest's content_scripts matches cover
//     "Cannot access contents of the page. Extension manifest must request permission to access the
//     respective host." (measured with an extension that has neither). An args element that is a function is a TypeError "Value is
//     unserializable.".
//   - insertCSS and removeCSS check the same way ("Exactly one of 'css' and 'files' must be
//     specified.", with a period); removeCSS of CSS never inserted succeeds.
//   - registerContentScripts fills in defaults (allFrames false, matchOriginAsFallback false,
//     persistAcrossSessions true, runAt document_idle, world ISOLATED) and refuses "Duplicate
//     script ID 'x'", "Script with ID 'x' must specify 'matches'.", "… must specify at least one js or
//     css file.", "Script's ID '_x' must not start with '_'", "Script's ID must not be empty", a bad
//     pattern "Script with ID 'x' has invalid value for matches[0]: Missing scheme separator.",
//     matchOriginAsFallback with a path other than /* "The path component for scripts with
//     'match_origin_as_fallback' must be '*'." and
//     missing files "Could not load javascript 'f' for script."; updateContentScripts of an unknown
//     id "Script with ID 'x' does not exist or is not fully registered", unregisterContentScripts
//     "Nonexistent script ID 'x'". A registered script runs in documents loaded afterwards.
const scriptingCalls = `(async () => {
	const sc = chrome.scripting, out = [], tab = {{tab:main}};
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message.split(String(tab)).join("<tab>")]); } };
	const doc = /^[0-9A-F]{32}$/;
	const shape = (rs) => rs.map((r) => [doc.test(r.documentId), r.frameId === 0 ? 0 : "child", r.result]);
	const frames = await chrome.webNavigation.getAllFrames({tabId: tab});
	const childB = frames.find((f) => f.url.endsWith("/child-b.html")).frameId;
	out.push(["keys", Object.keys(sc).sort()], ["ExecutionWorld", sc.ExecutionWorld], ["StyleOrigin", sc.StyleOrigin]);
	await attempt("files", async () => { const rs = await sc.executeScript({target: {tabId: tab}, files: ["inject.js"]}); return [Object.keys(rs[0]).sort(), shape(rs)]; });
	await attempt("files again", async () => shape(await sc.executeScript({target: {tabId: tab}, files: ["inject.js"]})));
	await attempt("two files", async () => shape(await sc.executeScript({target: {tabId: tab}, files: ["inject.js", "inject2.js"]})));
	// Chromium orders the child frames' results neither by frame id nor by document order.
	await attempt("allFrames", async () => shape(await sc.executeScript({target: {tabId: tab, allFrames: true}, files: ["inject.js"]})).sort((a, b) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
	await attempt("func args", async () => shape(await sc.executeScript({target: {tabId: tab}, func: (a, b) => [a + b, location.pathname, typeof chrome.runtime, typeof chrome.tabs, self.csLoaded], args: [2, 3]})));
	await attempt("func undefined", async () => shape(await sc.executeScript({target: {tabId: tab}, func: () => undefined})));
	await attempt("func promise", async () => shape(await sc.executeScript({target: {tabId: tab}, func: () => new Promise((r) => setTimeout(() => r("later"), 10))})));
	await attempt("func throws", async () => shape(await sc.executeScript({target: {tabId: tab}, func: () => { throw new Error("boom"); }})));
	await attempt("file throws", async () => shape(await sc.executeScript({target: {tabId: tab}, files: ["throws.js"]})));
	await attempt("func rejects", async () => shape(await sc.executeScript({target: {tabId: tab}, func: () => Promise.reject(new Error("no"))})));
	await attempt("func values", async () => shape(await sc.executeScript({target: {tabId: tab}, func: () => ({d: new Date(0), f: () => 1, u: undefined, n: NaN, m: new Map([[1, 2]]), a: [1, "x", null, true], o: {p: {q: 1}}})})));
	await attempt("main world", async () => shape(await sc.executeScript({target: {tabId: tab}, world: "MAIN", func: () => [typeof chrome.runtime, self.csLoaded === undefined]})));
	await attempt("frameIds", async () => shape(await sc.executeScript({target: {tabId: tab, frameIds: [0]}, func: () => 1})));
	await attempt("documentIds", async () => { const [r] = await sc.executeScript({target: {tabId: tab}, func: () => 1}); return shape(await sc.executeScript({target: {tabId: tab, documentIds: [r.documentId]}, func: () => 2})); });
	await attempt("bad frameId", () => sc.executeScript({target: {tabId: tab, frameIds: [99999]}, func: () => 1}));
	await attempt("frame with content script only", async () => shape(await sc.executeScript({target: {tabId: tab, frameIds: [childB]}, func: () => location.pathname})));
	await attempt("frameIds and allFrames", () => sc.executeScript({target: {tabId: tab, frameIds: [0], allFrames: true}, func: () => 1}));
	await attempt("page with content script only", async () => shape(await sc.executeScript({target: {tabId: {{tab:other}}}, func: () => location.pathname})));
	await attempt("func and files", () => sc.executeScript({target: {tabId: tab}, files: ["inject.js"], func: () => 1}));
	await attempt("neither", () => sc.executeScript({target: {tabId: tab}}));
	await attempt("empty files", () => sc.executeScript({target: {tabId: tab}, files: []}));
	await attempt("missing file", () => sc.executeScript({target: {tabId: tab}, files: ["missing.js"]}));
	await attempt("args with files", () => sc.executeScript({target: {tabId: tab}, files: ["inject.js"], args: [1]}));
	await attempt("missing tab", () => sc.executeScript({target: {tabId: 999999}, func: () => 1}));
	await attempt("no target", () => sc.executeScript({func: () => 1}));
	await attempt("bad world", () => sc.executeScript({target: {tabId: tab}, world: "NOPE", func: () => 1}));
	await attempt("function arg", () => sc.executeScript({target: {tabId: tab}, func: (x) => x, args: [() => 1]}));
	await attempt("callback", () => new Promise((r) => sc.executeScript({target: {tabId: tab}, func: () => 7}, (rs) => r([shape(rs), chrome.runtime.lastError ? chrome.runtime.lastError.message : null]))));
	await attempt("callback error", () => new Promise((r) => sc.executeScript({target: {tabId: 999999}, func: () => 7}, (rs) => r([rs === undefined ? "undefined" : rs, chrome.runtime.lastError ? chrome.runtime.lastError.message : null]))));
	return out;
})()`

// scriptingCSSAndRegistered drives insertCSS, removeCSS and the registered content scripts.
const scriptingCSSAndRegistered = `(async () => {
	const sc = chrome.scripting, out = [], tab = {{tab:main}};
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	const reg = {id: "r1", matches: ["http://127.0.0.1/frames2*"], js: ["registered.js"]};
	await attempt("insertCSS", () => sc.insertCSS({target: {tabId: tab}, css: "p { color: red; }"}));
	await attempt("insertCSS missing file", () => sc.insertCSS({target: {tabId: tab}, files: ["missing.css"]}));
	await attempt("insertCSS both", () => sc.insertCSS({target: {tabId: tab}, css: "p {}", files: ["a.css"]}));
	await attempt("insertCSS neither", () => sc.insertCSS({target: {tabId: tab}}));
	await attempt("insertCSS missing tab", () => sc.insertCSS({target: {tabId: 999999}, css: "p {}"}));
	await attempt("insertCSS bad origin", () => sc.insertCSS({target: {tabId: tab}, css: "p {}", origin: "NOPE"}));
	await attempt("removeCSS", () => sc.removeCSS({target: {tabId: tab}, css: "p { color: red; }"}));
	await attempt("removeCSS never inserted", () => sc.removeCSS({target: {tabId: tab}, css: "q {}"}));
	await attempt("removeCSS missing tab", () => sc.removeCSS({target: {tabId: 999999}, css: "q {}"}));
	await attempt("registered none", () => sc.getRegisteredContentScripts());
	await attempt("register", () => sc.registerContentScripts([reg]));
	await attempt("register duplicate", () => sc.registerContentScripts([reg]));
	await attempt("duplicate in one call", () => sc.registerContentScripts([{...reg, id: "d"}, {...reg, id: "d"}]));
	await attempt("no matches", () => sc.registerContentScripts([{id: "r2", js: ["registered.js"]}]));
	await attempt("no files", () => sc.registerContentScripts([{id: "r3", matches: ["http://127.0.0.1/*"]}]));
	await attempt("missing js", () => sc.registerContentScripts([{id: "r4", matches: ["http://127.0.0.1/*"], js: ["missing.js"]}]));
	await attempt("missing css", () => sc.registerContentScripts([{id: "r4", matches: ["http://127.0.0.1/*"], css: ["missing.css"]}]));
	await attempt("bad pattern", () => sc.registerContentScripts([{id: "r5", matches: ["nope"], js: ["registered.js"]}]));
	await attempt("underscore", () => sc.registerContentScripts([{id: "_r", matches: ["http://127.0.0.1/*"], js: ["registered.js"]}]));
	await attempt("empty id", () => sc.registerContentScripts([{id: "", matches: ["http://127.0.0.1/*"], js: ["registered.js"]}]));
	await attempt("bad runAt", () => sc.registerContentScripts([{...reg, id: "r6", runAt: "later"}]));
	await attempt("origin fallback path", () => sc.registerContentScripts([{id: "r8", matches: ["http://127.0.0.1/none*"], js: ["registered.js"], matchOriginAsFallback: true}]));
	await attempt("register full", () => sc.registerContentScripts([{id: "r7", matches: ["http://127.0.0.1/none*"], excludeMatches: ["http://127.0.0.1/none/x*"], js: ["registered.js"], css: ["style.css"], allFrames: true, runAt: "document_end", world: "MAIN", persistAcrossSessions: false}]));
	await attempt("registered", () => sc.getRegisteredContentScripts());
	await attempt("filter", () => sc.getRegisteredContentScripts({ids: ["r7", "zz"]}));
	await attempt("update", () => sc.updateContentScripts([{id: "r7", runAt: "document_start"}]).then(() => sc.getRegisteredContentScripts({ids: ["r7"]})));
	await attempt("update unknown", () => sc.updateContentScripts([{id: "zz", runAt: "document_end"}]));
	await attempt("unregister unknown", () => sc.unregisterContentScripts({ids: ["zz"]}));
	await attempt("unregister", () => sc.unregisterContentScripts({ids: ["r7"]}).then(() => sc.getRegisteredContentScripts()));
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "scripting",
		Doc: "chrome.scripting: executeScript with files or func and args into a tab's frames, its result array and the " +
			"conversion of results, worlds, targets and their refusals, host permissions; insertCSS and removeCSS checks; " +
			"registered content scripts, their defaults and errors, and their injection into a later document (measured " +
			"in Chromium 156).",
		Fixture: "scriptext",
		Tabs:    []Tab{{Name: "main", Path: "/frames.html", HTML: framesHTML}, {Name: "other", Path: "/other.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", scriptingCalls), Want: `{"value":[["keys",["ExecutionWorld","StyleOrigin","executeScript","getRegisteredContentScripts","insertCSS","registerContentScripts","removeCSS","unregisterContentScripts","updateContentScripts"]],["ExecutionWorld",{"ISOLATED":"ISOLATED","MAIN":"MAIN"}],["StyleOrigin",{"AUTHOR":"AUTHOR","USER":"USER"}],["files","ok",[["documentId","frameId","result"],[[true,0,{"file":"/frames.html","n":1}]]]],["files again","ok",[[true,0,{"file":"/frames.html","n":2}]]],["two files","ok",[[true,0,"second"]]],["allFrames","ok",[[true,"child",{"file":"/child-a.html","n":1}],[true,"child",{"file":"/child-b.html","n":1}],[true,0,{"file":"/frames.html","n":4}]]],["func args","ok",[[true,0,[5,"/frames.html","object","undefined",1]]]],["func undefined","ok",[[true,0,null]]],["func promise","ok",[[true,0,"later"]]],["func throws","ok",[[true,0,null]]],["file throws","ok",[[true,0,null]]],["func rejects","ok",[[true,0,null]]],["func values","ok",[[true,0,{"a":[1,"x",null,true],"d":{},"m":{},"o":{"p":{"q":1}}}]]],["main world","ok",[[true,0,["undefined",true]]]],["frameIds","ok",[[true,0,1]]],["documentIds","ok",[[true,0,2]]],["bad frameId","Error","No frame with id 99999 in tab with id \u003ctab\u003e"],["frame with content script only","ok",[[true,"child","/child-b.html"]]],["frameIds and allFrames","Error","Cannot specify 'allFrames' if either 'frameIds' or 'documentIds' is specified."],["page with content script only","ok",[[true,0,"/other.html"]]],["func and files","Error","Exactly one of 'func' and 'files' must be specified"],["neither","Error","Exactly one of 'func' and 'files' must be specified"],["empty files","Error","At least one file must be specified."],["missing file","Error","Could not load file: 'missing.js'."],["args with files","Error","'args' may not be used with file injections."],["missing tab","Error","No tab with id: 999999"],["no target","TypeError","Error in invocation of scripting.executeScript(scripting.ScriptInjection injection, optional function callback): Error at parameter 'injection': Missing required property 'target'."],["bad world","TypeError","Error in invocation of scripting.executeScript(scripting.ScriptInjection injection, optional function callback): Error at parameter 'injection': Error at property 'world': Value must be one of ISOLATED, MAIN."],["function arg","TypeError","Error in invocation of scripting.executeScript(scripting.ScriptInjection injection, optional function callback): Error at parameter 'injection': Error at property 'args': Error at index 0: Value is unserializable."],["callback","ok",[[[true,0,7]],null]],["callback error","ok",["undefined","No tab with id: 999999"]]]}`},
			{Do: extwasmtest.Eval("worker", scriptingCSSAndRegistered), Want: `{"value":[["insertCSS","ok",null],["insertCSS missing file","Error","Could not load file: 'missing.css'."],["insertCSS both","Error","Exactly one of 'css' and 'files' must be specified."],["insertCSS neither","Error","Exactly one of 'css' and 'files' must be specified."],["insertCSS missing tab","Error","No tab with id: 999999"],["insertCSS bad origin","TypeError","Error in invocation of scripting.insertCSS(scripting.CSSInjection injection, optional function callback): Error at parameter 'injection': Error at property 'origin': Value must be one of AUTHOR, USER."],["removeCSS","ok",null],["removeCSS never inserted","ok",null],["removeCSS missing tab","Error","No tab with id: 999999"],["registered none","ok",[]],["register","ok",null],["register duplicate","Error","Duplicate script ID 'r1'"],["duplicate in one call","Error","Duplicate script ID 'd'"],["no matches","Error","Script with ID 'r2' must specify 'matches'."],["no files","Error","Script with ID 'r3' must specify at least one js or css file."],["missing js","Error","Could not load javascript 'missing.js' for script."],["missing css","Error","Could not load css 'missing.css' for script."],["bad pattern","Error","Script with ID 'r5' has invalid value for matches[0]: Missing scheme separator."],["underscore","Error","Script's ID '_r' must not start with '_'"],["empty id","Error","Script's ID must not be empty"],["bad runAt","TypeError","Error in invocation of scripting.registerContentScripts(array scripts, optional function callback): Error at parameter 'scripts': Error at index 0: Error at property 'runAt': Value must be one of document_end, document_idle, document_start."],["origin fallback path","Error","The path component for scripts with 'match_origin_as_fallback' must be '*'."],["register full","ok",null],["registered","ok",[{"allFrames":false,"id":"r1","js":["registered.js"],"matchOriginAsFallback":false,"matches":["http://127.0.0.1/frames2*"],"persistAcrossSessions":true,"runAt":"document_idle","world":"ISOLATED"},{"allFrames":true,"css":["style.css"],"excludeMatches":["http://127.0.0.1/none/x*"],"id":"r7","js":["registered.js"],"matchOriginAsFallback":false,"matches":["http://127.0.0.1/none*"],"persistAcrossSessions":false,"runAt":"document_end","world":"MAIN"}]],["filter","ok",[{"allFrames":true,"css":["style.css"],"excludeMatches":["http://127.0.0.1/none/x*"],"id":"r7","js":["registered.js"],"matchOriginAsFallback":false,"matches":["http://127.0.0.1/none*"],"persistAcrossSessions":false,"runAt":"document_end","world":"MAIN"}]],["update","ok",[{"allFrames":true,"css":["style.css"],"excludeMatches":["http://127.0.0.1/none/x*"],"id":"r7","js":["registered.js"],"matchOriginAsFallback":false,"matches":["http://127.0.0.1/none*"],"persistAcrossSessions":false,"runAt":"document_start","world":"MAIN"}]],["update unknown","Error","Script with ID 'zz' does not exist or is not fully registered"],["unregister unknown","Error","Nonexistent script ID 'zz'"],["unregister","ok",[{"allFrames":false,"id":"r1","js":["registered.js"],"matchOriginAsFallback":false,"matches":["http://127.0.0.1/frames2*"],"persistAcrossSessions":true,"runAt":"document_idle","world":"ISOLATED"}]]]}`},
			{Do: extwasmtest.Navigate("main", "/frames2.html")},
			{Do: extwasmtest.EvalStep{Realm: "main/cs", Until: "self.registeredRan !== undefined", Expr: "[self.registeredRan, self.csLoaded]"},
				Want: `{"value":["/frames2.html",1]}`},
			{Do: extwasmtest.Eval("worker", `chrome.scripting.unregisterContentScripts().then(() => chrome.scripting.getRegisteredContentScripts())`),
				Want: `{"value":[]}`},
		},
	})
}
