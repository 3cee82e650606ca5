package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// Measured in Chromium 156, the facts the scenario offscreen checks and hostsim models:
//
//   - chrome.offscreen has createDocument, closeDocument, hasDocument and the Reason enum; it is
//     undefined without the "offscreen" permission (scenario notifications checks that).
//   - createDocument resolves once the document has loaded: a message its script sent while loading
//     has reached the worker by then. Its refusals: an empty reasons list "A `reason` must be
//     provided.", a url outside the extension "Invalid URL.", a file the extension lacks "Page
//     failed to load." (no document remains), and a second document, also while the first loads,
//     "Only a single offscreen document may be created.". A missing property or an unknown reason is
//     a TypeError from the bindings. closeDocument with none open: "No current offscreen document.".
//   - The document's messages carry the sender {id, url, origin}, with no tab, frameId or
//     documentId; the worker's messages reach it with {id, url}. runtime.getContexts reports it as
//     OFFSCREEN_DOCUMENT with frameId 0, tabId -1 and windowId -1.
//   - In the document chrome.* is chrome.runtime alone (with the legacy chrome.csi and
//     chrome.loadTimes, which hostsim lacks), with only its messaging members and enums.
const offscreenRefusals = `(async () => {
	const off = chrome.offscreen, out = [];
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	const params = {url: "offscreen.html", reasons: ["DOM_PARSER"], justification: "parse"};
	out.push(["keys", Object.keys(off).sort()], ["Reason", off.Reason]);
	await attempt("hasDocument", () => off.hasDocument());
	await attempt("contexts", () => chrome.runtime.getContexts({contextTypes: ["OFFSCREEN_DOCUMENT"]}));
	await attempt("close none", () => off.closeDocument());
	await attempt("no reasons", () => off.createDocument({url: "offscreen.html", justification: "j"}));
	await attempt("empty reasons", () => off.createDocument({...params, reasons: []}));
	await attempt("bad reason", () => off.createDocument({...params, reasons: ["NOPE"]}));
	await attempt("reasons string", () => off.createDocument({...params, reasons: "DOM_PARSER"}));
	await attempt("no justification", () => off.createDocument({url: "offscreen.html", reasons: ["DOM_PARSER"]}));
	await attempt("no url", () => off.createDocument({reasons: ["DOM_PARSER"], justification: "j"}));
	await attempt("no arguments", () => off.createDocument());
	await attempt("other origin", () => off.createDocument({...params, url: "https://example.com/"}));
	await attempt("missing file", () => off.createDocument({...params, url: "missing.html"}));
	await attempt("hasDocument after missing", () => off.hasDocument());
	return out;
})()`

// offscreenLife creates the document, talks with it, and closes it.
const offscreenLife = `(async () => {
	const off = chrome.offscreen, out = [];
	const attempt = async (name, f) => { try { const v = await f(); out.push([name, "ok", v === undefined ? null : v]); } catch (e) { out.push([name, e.constructor.name, e.message]); } };
	const params = {url: "offscreen.html", reasons: ["DOM_PARSER", "BLOBS"], justification: ""};
	const origin = location.origin, local = (s) => s.split(origin).join("<origin>").split(chrome.runtime.id).join("<id>");
	self.got = [];
	await attempt("create", () => off.createDocument(params));
	out.push(["got when created", JSON.parse(local(JSON.stringify(self.got)))]);
	await attempt("hasDocument", () => off.hasDocument());
	await attempt("second", () => off.createDocument(params));
	await attempt("second cb", () => new Promise((r) => off.createDocument(params, (v) => r([v === undefined ? "undefined" : v, chrome.runtime.lastError ? chrome.runtime.lastError.message : null]))));
	await attempt("contexts", async () => (await chrome.runtime.getContexts({contextTypes: ["OFFSCREEN_DOCUMENT"]})).map((c) =>
		({...c, contextId: typeof c.contextId, documentId: /^[0-9A-F]{32}$/.test(c.documentId), documentOrigin: local(c.documentOrigin), documentUrl: local(c.documentUrl)})));
	await attempt("all contexts", async () => (await chrome.runtime.getContexts({})).map((c) => c.contextType));
	await attempt("describe", async () => JSON.parse(local(JSON.stringify(await chrome.runtime.sendMessage({describe: true})))));
	await attempt("close", () => off.closeDocument());
	await attempt("hasDocument after close", () => off.hasDocument());
	await attempt("describe after close", () => chrome.runtime.sendMessage({describe: true}));
	await attempt("close again", () => off.closeDocument());
	await attempt("concurrent", async () => (await Promise.allSettled([off.createDocument(params), off.createDocument(params)])).map((r) => r.status + (r.reason ? ": " + r.reason.message : "")));
	await attempt("close", () => off.closeDocument());
	self.got = [];
	await attempt("query and fragment", () => off.createDocument({...params, url: chrome.runtime.getURL("offscreen.html?a=1#f")}));
	await attempt("url", async () => (await chrome.runtime.getContexts({contextTypes: ["OFFSCREEN_DOCUMENT"]})).map((c) => local(c.documentUrl)));
	out.push(["got", self.got.map((g) => g[0])]);
	await attempt("close", () => off.closeDocument());
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "offscreen",
		Doc: "chrome.offscreen: createDocument's refusals with Chrome's texts, one document at a time, hasDocument and " +
			"closeDocument; the document is an extension page in no tab that messages the worker as it loads (before " +
			"createDocument resolves) and answers it, with chrome.runtime alone, and runtime.getContexts reports it as " +
			"OFFSCREEN_DOCUMENT (measured in Chromium 156).",
		Fixture: "offscreenext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", offscreenRefusals), Want: `{"value":[["keys",["Reason","closeDocument","createDocument","hasDocument"]],["Reason",{"AUDIO_PLAYBACK":"AUDIO_PLAYBACK","BATTERY_STATUS":"BATTERY_STATUS","BLOBS":"BLOBS","CLIPBOARD":"CLIPBOARD","DISPLAY_MEDIA":"DISPLAY_MEDIA","DOM_PARSER":"DOM_PARSER","DOM_SCRAPING":"DOM_SCRAPING","GEOLOCATION":"GEOLOCATION","IFRAME_SCRIPTING":"IFRAME_SCRIPTING","LOCAL_STORAGE":"LOCAL_STORAGE","MATCH_MEDIA":"MATCH_MEDIA","TESTING":"TESTING","USER_MEDIA":"USER_MEDIA","WEB_RTC":"WEB_RTC","WORKERS":"WORKERS"}],["hasDocument","ok",false],["contexts","ok",[]],["close none","Error","No current offscreen document."],["no reasons","TypeError","Error in invocation of offscreen.createDocument(offscreen.CreateParameters parameters, optional function callback): Error at parameter 'parameters': Missing required property 'reasons'."],["empty reasons","Error","A ` + "`" + `reason` + "`" + ` must be provided."],["bad reason","TypeError","Error in invocation of offscreen.createDocument(offscreen.CreateParameters parameters, optional function callback): Error at parameter 'parameters': Error at property 'reasons': Error at index 0: Value must be one of AUDIO_PLAYBACK, BATTERY_STATUS, BLOBS, CLIPBOARD, DISPLAY_MEDIA, DOM_PARSER, DOM_SCRAPING, GEOLOCATION, IFRAME_SCRIPTING, LOCAL_STORAGE, MATCH_MEDIA, TESTING, USER_MEDIA, WEB_RTC, WORKERS."],["reasons string","TypeError","Error in invocation of offscreen.createDocument(offscreen.CreateParameters parameters, optional function callback): Error at parameter 'parameters': Error at property 'reasons': Invalid type: expected array, found string."],["no justification","TypeError","Error in invocation of offscreen.createDocument(offscreen.CreateParameters parameters, optional function callback): Error at parameter 'parameters': Missing required property 'justification'."],["no url","TypeError","Error in invocation of offscreen.createDocument(offscreen.CreateParameters parameters, optional function callback): Error at parameter 'parameters': Missing required property 'url'."],["no arguments","TypeError","Error in invocation of offscreen.createDocument(offscreen.CreateParameters parameters, optional function callback): No matching signature."],["other origin","Error","Invalid URL."],["missing file","Error","Page failed to load."],["hasDocument after missing","ok",false]]}`},
			{Do: extwasmtest.Eval("worker", offscreenLife), Want: `{"value":[["create","ok",null],["got when created",[[{"hello":"/offscreen.html"},{"id":"\u003cid\u003e","url":"\u003corigin\u003e/offscreen.html","origin":"\u003corigin\u003e"}]]],["hasDocument","ok",true],["second","Error","Only a single offscreen document may be created."],["second cb","ok",["undefined","Only a single offscreen document may be created."]],["contexts","ok",[{"contextId":"string","contextType":"OFFSCREEN_DOCUMENT","documentId":true,"documentOrigin":"\u003corigin\u003e","documentUrl":"\u003corigin\u003e/offscreen.html","frameId":0,"incognito":false,"tabId":-1,"windowId":-1}]],["all contexts","ok",["BACKGROUND","OFFSCREEN_DOCUMENT"]],["describe","ok",{"keys":["runtime"],"runtime":["ContextType","OnInstalledReason","OnRestartRequiredReason","PlatformArch","PlatformNaclArch","PlatformOs","RequestUpdateCheckStatus","connect","dynamicId","getURL","id","onConnect","onConnectExternal","onMessage","onMessageExternal","sendMessage"],"path":"/offscreen.html","sender":{"id":"\u003cid\u003e","url":"\u003corigin\u003e/sw.js"}}],["close","ok",null],["hasDocument after close","ok",false],["describe after close","Error","Could not establish connection. Receiving end does not exist."],["close again","Error","No current offscreen document."],["concurrent","ok",["fulfilled","rejected: Only a single offscreen document may be created."]],["close","ok",null],["query and fragment","ok",null],["url","ok",["\u003corigin\u003e/offscreen.html?a=1#f"]],["got",[{"hello":"/offscreen.html?a=1"}]],["close","ok",null]]}`},
		},
	})
}
