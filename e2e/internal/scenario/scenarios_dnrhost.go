package scenario

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/extwasm/extwasm/extwasmtest"
)

// dnrHostWeb answers with the request's method, path, X-Dnr and Accept-Language headers, with an
// X-A response header; paths under /nocors send no CORS headers.
func dnrHostWeb() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/nocors") {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			w.Header().Set("Access-Control-Expose-Headers", "*")
		}
		w.Header().Set("X-A", "1")
		if strings.HasSuffix(r.URL.Path, ".html") || r.URL.Path == "/allowall" || r.URL.Path == "/page" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!doctype html><title>p</title><p>page</p>")
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		fmt.Fprintf(w, "%s %s %s x-dnr=%s al=%s", scheme, r.Method, r.URL.RequestURI(), r.Header.Get("X-Dnr"), r.Header.Get("Accept-Language"))
	})
}

// dnrHostRules are the rules of the host-access scenario.
const dnrHostRules = `[
	{id: 1, priority: 2, condition: {urlFilter: "||dnr2.example/prio"}, action: {type: "block"}},
	{id: 2, priority: 1, condition: {urlFilter: "||dnr2.example/prio"}, action: {type: "allow"}},
	{id: 3, condition: {urlFilter: "||secure.example/up"}, action: {type: "upgradeScheme"}},
	{id: 4, condition: {urlFilter: "/headers"}, action: {type: "modifyHeaders",
		requestHeaders: [{header: "x-dnr", operation: "set", value: "second"}, {header: "accept-language", operation: "remove"}],
		responseHeaders: [{header: "x-a", operation: "append", value: "2"}]}},
	{id: 5, priority: 2, condition: {urlFilter: "/headers"}, action: {type: "modifyHeaders", requestHeaders: [{header: "x-dnr", operation: "set", value: "first"}, {header: "accept-language", operation: "append", value: "fr"}]}},
	{id: 6, condition: {urlFilter: "/nocors"}, action: {type: "modifyHeaders", responseHeaders: [{header: "access-control-allow-origin", operation: "set", value: "*"}]}},
	{id: 7, condition: {urlFilter: "||other2.example"}, action: {type: "block"}},
	{id: 8, condition: {urlFilter: "/initiator", initiatorDomains: ["dnr2.example"]}, action: {type: "block"}},
	{id: 9, condition: {urlFilter: "/exreq", excludedRequestDomains: ["dnr2.example"]}, action: {type: "block"}},
	{id: 10, condition: {urlFilter: "/toext", resourceTypes: ["main_frame"]}, action: {type: "redirect", redirect: {extensionPath: "/landing.html"}}},
	{id: 11, condition: {urlFilter: "/allowall", resourceTypes: ["main_frame"]}, action: {type: "allowAllRequests"}},
	{id: 12, condition: {urlFilter: "/inframe"}, action: {type: "block"}},
	{id: 13, condition: {urlFilter: "/xhr^"}, action: {type: "block"}},
	{id: 14, condition: {urlFilter: "/moved"}, action: {type: "redirect", redirect: {url: "http://dnr2.example/target"}}}
]`

// dnrHostFetches run in every context; the last is an XMLHttpRequest.
const dnrHostFetches = `(async () => { const out = [];
	const f = async (url) => { try { const r = await fetch(url); return [r.url, r.redirected, r.headers.get("x-a"), await r.text()]; } catch (e) { return e.name + ": " + e.message; } };
	for (const u of ["http://dnr2.example/prio", "http://secure.example/up", "http://dnr2.example/headers", "https://secure.example/nocors",
		"http://other2.example/x", "http://dnr2.example/initiator", "http://dnr2.example/exreq", "http://dnr2.example/inframe"]) out.push(await f(u));
	out.push(typeof XMLHttpRequest === "undefined" ? "no XMLHttpRequest" : await new Promise((resolve) => { const x = new XMLHttpRequest(); x.open("GET", "http://dnr2.example/xhr");
		x.onload = () => resolve(["load", x.status]); x.onerror = () => resolve(["error", x.status, x.readyState]); x.send(); }));
	return out; })()`

// dnrHostDocumentWant is what a content script and the page get for dnrHostFetches.
const dnrHostDocumentWant = `{"value":["TypeError: Failed to fetch",["https://secure.example/up",true,"1","https GET /up x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/headers",false,"1, 2","http GET /headers x-dnr=first al=en-US,en;q=0.9, fr"],["https://secure.example/nocors",false,null,"https GET /nocors x-dnr= al=en-US,en;q=0.9"],["http://other2.example/x",false,"1","http GET /x x-dnr= al=en-US,en;q=0.9"],"TypeError: Failed to fetch",["http://dnr2.example/exreq",false,"1","http GET /exreq x-dnr= al=en-US,en;q=0.9"],"TypeError: Failed to fetch",["error",0,4]]}`

func init() {
	All = append(All, Scenario{
		Name: "dnr-host-access",
		Doc: "declarativeNetRequestWithHostAccess: every action needs host access; priorities over action order, " +
			"upgradeScheme, header rules that append, remove and make a response pass CORS, domain conditions, " +
			"an extensionPath redirect of a navigation, allowAllRequests, and no matched-rule feedback without its " +
			"permission (measured in Chromium 156).",
		Fixture: "dnrhostext",
		Handle: map[string]http.Handler{"http://dnr2.example/": dnrHostWeb(), "https://secure.example/": dnrHostWeb(),
			"http://other2.example/": dnrHostWeb()},
		Tabs: []Tab{{Name: "main", Path: "http://dnr2.example/page"}, {Name: "other", Path: "http://other2.example/page"},
			{Name: "ext", Path: "page.html", Extension: true}},
		Steps: []Step{
			// Without declarativeNetRequestFeedback there is no onRuleMatchedDebug and getMatchedRules
			// rejects; a request header may only be appended to if it is a standard list header.
			{Do: extwasmtest.Eval("worker", `(async () => { const d = chrome.declarativeNetRequest; const out = [typeof d.onRuleMatchedDebug];
				try { out.push(await d.getMatchedRules({})); } catch (e) { out.push(e.name, e.message); }
				try { await d.updateDynamicRules({addRules: [{id: 1, condition: {}, action: {type: "modifyHeaders", requestHeaders: [{header: "x-dnr", operation: "append", value: "a"}]}}]}); }
				catch (e) { out.push(e.message); }
				await d.updateDynamicRules({addRules: `+dnrHostRules+`});
				return out; })()`), Want: `{"value":["undefined","Error","The extension must have the declarativeNetRequestFeedback permission or have activeTab granted for the specified tab ID in order to call this function.","Rule with id 1 specifies an invalid request header to be appended. Only standard HTTP request headers that can specify multiple values for a single entry are supported."]}`},
			// The block of priority 2 beats the allow of priority 1; upgradeScheme redirects to https; of
			// two header rules the higher-priority one sets X-Dnr first and the other's set is
			// dropped, appends add to Accept-Language and to X-A; a rule-set
			// Access-Control-Allow-Origin lets a cross-origin response through CORS (X-A stays
			// hidden); with declarativeNetRequestWithHostAccess a block on a host without
			// permission does nothing; initiatorDomains spare the worker's requests; XMLHttpRequest
			// fails with status 0 and readyState 4.
			{Do: extwasmtest.Eval("worker", dnrHostFetches), Want: `{"value":["TypeError: Failed to fetch",["https://secure.example/up",true,"1","https GET /up x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/headers",false,"1, 2","http GET /headers x-dnr=first al=en-US,en;q=0.9, fr"],["https://secure.example/nocors",false,"1","https GET /nocors x-dnr= al=en-US,en;q=0.9"],["http://other2.example/x",false,"1","http GET /x x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/initiator",false,"1","http GET /initiator x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/exreq",false,"1","http GET /exreq x-dnr= al=en-US,en;q=0.9"],"TypeError: Failed to fetch","no XMLHttpRequest"]}`},
			// A rule's redirect obeys the fetch's redirect mode: followed, opaqueredirect, or a failure.
			{Do: extwasmtest.Eval("main/page", `Promise.all(["follow", "manual", "error"].map((redirect) => fetch("/moved", {redirect}).then(
				(r) => [r.type, r.status, r.url, r.redirected], (e) => e.message)))`),
				Want: `{"value":[["basic",200,"http://dnr2.example/target",true],["opaqueredirect",0,"http://dnr2.example/moved",false],"Failed to fetch"]}`},
			// An extension page gets what the worker gets, its XMLHttpRequest failing like the others.
			{Do: extwasmtest.Eval("ext/page", dnrHostFetches), Want: `{"value":["TypeError: Failed to fetch",["https://secure.example/up",true,"1","https GET /up x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/headers",false,"1, 2","http GET /headers x-dnr=first al=en-US,en;q=0.9, fr"],["https://secure.example/nocors",false,"1","https GET /nocors x-dnr= al=en-US,en;q=0.9"],["http://other2.example/x",false,"1","http GET /x x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/initiator",false,"1","http GET /initiator x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/exreq",false,"1","http GET /exreq x-dnr= al=en-US,en;q=0.9"],"TypeError: Failed to fetch",["error",0,4]]}`},
			{Do: extwasmtest.Eval("main/cs", dnrHostFetches), Want: dnrHostDocumentWant},
			{Do: extwasmtest.Eval("main/page", dnrHostFetches), Want: dnrHostDocumentWant},
			// A main_frame redirect to an extensionPath loads the web-accessible extension page.
			// From a page the extension has no host permission for, neither the header rule nor the
			// block acts: the initiator needs host access too.
			{Do: extwasmtest.Eval("other/page", `Promise.all(["http://dnr2.example/headers", "http://dnr2.example/prio"].map((u) => fetch(u).then((r) => r.text(), (e) => e.message)))`), Want: `{"value":["http GET /headers x-dnr= al=en-US,en;q=0.9","http GET /prio x-dnr= al=en-US,en;q=0.9"]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { const [tab] = await chrome.tabs.query({url: "http://dnr2.example/*"});
				const go = (url) => new Promise((resolve) => { const l = (id, info, t) => { if (id === tab.id && info.status === "complete") { chrome.tabs.onUpdated.removeListener(l);
					resolve([t.url.replace(chrome.runtime.getURL(""), "extension:/"), t.title]); } };
					chrome.tabs.onUpdated.addListener(l); chrome.tabs.update(tab.id, {url}); });
				return [await go("http://dnr2.example/toext"), await go("http://dnr2.example/allowall")]; })()`), Want: `{"value":[["extension:/landing.html","landing"],["http://dnr2.example/allowall","p"]]}`},
			// In a document an allowAllRequests rule of priority 1 loaded, blocks of priority 1 and the
			// XMLHttpRequest pass, the priority-2 block still applies, and upgradeScheme and header
			// rules of priority 1 no longer act (the CORS-less response fails).
			{Do: extwasmtest.Eval("main/page", dnrHostFetches), Want: `{"value":["TypeError: Failed to fetch","TypeError: Failed to fetch",["http://dnr2.example/headers",false,"1","http GET /headers x-dnr=first al=en-US,en;q=0.9, fr"],"TypeError: Failed to fetch",["http://other2.example/x",false,"1","http GET /x x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/initiator",false,"1","http GET /initiator x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/exreq",false,"1","http GET /exreq x-dnr= al=en-US,en;q=0.9"],["http://dnr2.example/inframe",false,"1","http GET /inframe x-dnr= al=en-US,en;q=0.9"],["load",200]]}`},
		},
	})
}
