package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// The error texts of chrome.permissions in Chromium 156.
const (
	containsSig    = "TypeError: Error in invocation of permissions.contains(permissions.Permissions permissions, optional function callback): "
	needsGesture   = "This function must be called during a user gesture"
	notInManifest  = "Only permissions specified in the manifest may be requested."
	removeRequired = "You cannot remove required permissions."
)

// permissionsProbe runs calls of chrome.permissions, each result (or "ERR Name: message") in a
// list. Measured in Chromium 156: getAll lists the manifest's known API permissions sorted (not in
// the manifest's order) and the host permissions, content scripts' matches included, sorted and
// with their paths made "/*"; contains is true of what is granted, a pattern a granted one
// covers included, false of an optional permission not granted and of what the manifest does not
// list, and rejects an unknown permission or a malformed origin; remove rejects what the manifest
// does not list before a required permission, and resolves true for an optional one that is not
// granted, firing nothing; request rejects every call made without a user gesture (a DevTools
// evaluation has none), before looking at its argument.
func permissionsProbe(calls string) string {
	return `(async () => {
	const r = [];
	const c = async (f) => { try { r.push(await f()); } catch (e) { r.push("ERR " + e.constructor.name + ": " + e.message); } };
	const P = chrome.permissions;
	` + calls + `
	return r;
})()`
}

func init() {
	All = append(All, Scenario{
		Name:    "permissions",
		Doc:     "chrome.permissions without a user gesture: getAll, contains, remove and request of required, optional, unknown, unlisted and malformed permissions and origins, and the events that do not fire (measured in Chromium 156).",
		Fixture: "permsext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", permissionsProbe(`await c(() => P.getAll());
	await c(() => Object.keys(P).sort());`)), Want: `{"value":[{"origins":["*://c.example/*","https://a.example.com/*","https://b.example.com/*","https://cs.example/*"],` +
				`"permissions":["alarms","storage","tabs"]},["addHostAccessRequest","contains","getAll","onAdded","onRemoved","remove","removeHostAccessRequest","request"]]}`},
			{Do: extwasmtest.Eval("worker", permissionsProbe(`for (const a of [{permissions: ["storage"]}, {permissions: ["idle"]}, {permissions: ["tabz"]},
		{permissions: ["cookies"]}, {permissions: ["storage", "idle"]}, {permissions: ["storage", "alarms", "tabs"]}, {}, {permissions: []},
		{origins: ["https://a.example.com/path/x"]}, {origins: ["https://a.example.com/*"]}, {origins: ["https://b.example.com/x/*"]},
		{origins: ["http://c.example/*"]}, {origins: ["https://x.opt.example/*"]}, {origins: ["https://d.example/*"]},
		{origins: ["https://cs.example/*"]}, {origins: ["<all_urls>"]}, {origins: ["https://b.example.com/"]}, {origins: ["https://b.example.com:8443/*"]},
		{origins: ["https://*.example.com/*"]}, {origins: ["not a pattern"]}, {origins: ["https://*x.example/*"]}, {origins: ["ftp://c.example/*"]},
		{permissions: ["tabz"], origins: ["bad"]}, {permissions: ["cookies"], origins: ["bad"]}]) {
		await c(() => P.contains(a));
	}
	for (const a of [[], ["x"], [{permissions: "storage"}], [{permissions: [5]}], [{origins: [null]}], [{permissions: ["storage"]}, 5]]) {
		await c(() => P.contains(...a));
	}
	await c(() => new Promise((res) => P.contains({permissions: ["tabz"]}, (g) => res([g === undefined ? "undefined" : g, chrome.runtime.lastError && chrome.runtime.lastError.message]))));
	await c(() => new Promise((res) => P.getAll((all) => res(all.permissions))));`)), Want: `{"value":[true,false,"ERR Error: 'tabz' is not a recognized permission.",false,false,true,true,true,` +
				`true,true,true,true,false,false,true,false,true,true,false,` +
				`"ERR Error: Invalid value for origin pattern not a pattern: Missing scheme separator.",` +
				`"ERR Error: Invalid value for origin pattern https://*x.example/*: Invalid host wildcard.",false,` +
				`"ERR Error: 'tabz' is not a recognized permission.","ERR Error: Invalid value for origin pattern bad: Missing scheme separator.",` +
				`"ERR ` + containsSig + `No matching signature.","ERR ` + containsSig + `No matching signature.",` +
				`"ERR ` + containsSig + `Error at parameter 'permissions': Error at property 'permissions': Invalid type: expected array, found string.",` +
				`"ERR ` + containsSig + `Error at parameter 'permissions': Error at property 'permissions': Error at index 0: Invalid type: expected string, found integer.",` +
				`"ERR ` + containsSig + `Error at parameter 'permissions': Error at property 'origins': Error at index 0: Invalid type: expected string, found null.",` +
				`"ERR ` + containsSig + `No matching signature.",["undefined","'tabz' is not a recognized permission."],["alarms","storage","tabs"]]}`},
			{Do: extwasmtest.Eval("worker", permissionsProbe(`for (const a of [{permissions: ["storage"]}, {permissions: ["idle"]}, {permissions: ["tabz"]},
		{permissions: ["cookies"]}, {permissions: ["storage", "cookies"]}, {permissions: ["storage", "idle"]}, {origins: ["https://b.example.com/*"]},
		{origins: ["https://x.opt.example/*"]}, {origins: ["https://d.example/*"]}, {origins: ["https://b.example.com/*", "https://d.example/*"]},
		{origins: ["bad"]}, {}]) {
		await c(() => P.remove(a));
	}
	await c(() => P.getAll());
	await c(() => self.events);`)), Want: `{"value":["ERR Error: ` + removeRequired + `",true,"ERR Error: 'tabz' is not a recognized permission.",` +
				`"ERR Error: ` + notInManifest + `","ERR Error: ` + notInManifest + `","ERR Error: ` + removeRequired + `",` +
				`"ERR Error: ` + removeRequired + `",true,"ERR Error: ` + notInManifest + `","ERR Error: ` + notInManifest + `",` +
				`"ERR Error: Invalid value for origin pattern bad: Missing scheme separator.",true,` +
				`{"origins":["*://c.example/*","https://a.example.com/*","https://b.example.com/*","https://cs.example/*"],"permissions":["alarms","storage","tabs"]},[]]}`},
			{Do: extwasmtest.Eval("worker", permissionsProbe(`for (const a of [{permissions: ["idle"]}, {permissions: ["storage"]}, {permissions: ["tabz"]},
		{permissions: ["cookies"]}, {origins: ["https://x.opt.example/*"]}, {origins: ["bad"]}, {}]) {
		await c(() => P.request(a));
	}
	await c(() => P.request());
	await c(() => new Promise((res) => P.request({permissions: ["idle"]}, (g) => res([g === undefined ? "undefined" : g, chrome.runtime.lastError && chrome.runtime.lastError.message]))));
	await c(() => P.contains({permissions: ["idle"]}));
	await c(() => self.events);`)), Want: `{"value":["ERR Error: ` + needsGesture + `","ERR Error: ` + needsGesture + `","ERR Error: ` + needsGesture + `",` +
				`"ERR Error: ` + needsGesture + `","ERR Error: ` + needsGesture + `","ERR Error: ` + needsGesture + `","ERR Error: ` + needsGesture + `",` +
				`"ERR TypeError: Error in invocation of permissions.request(permissions.Permissions permissions, optional function callback): No matching signature.",` +
				`["undefined","` + needsGesture + `"],false,[]]}`},
		},
	})
}
