package scenario

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/extwasm/extwasm/extwasmtest"
)

// dnrWeb answers every request with its method, path and query and the X-Dnr request header a
// modifyHeaders rule sets, readable from any origin.
func dnrWeb() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Expose-Headers", "*")
		w.Header().Set("Content-Type", "text/plain")
		if r.URL.Path == "/csp" {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Security-Policy", "script-src 'none'")
			fmt.Fprintf(w, `<!doctype html><title>csp</title><p>x-dnr=%s</p><script>window.ran = 1;</script>`, r.Header.Get("X-Dnr"))
			return
		}
		if r.URL.Path == "/scripts" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!doctype html><title>scripts</title><script>window.log = []; addEventListener("error", (e) => { if (e.target !== window) log.push("error " + e.target.getAttribute("src")); }, true);</script>`+
				`<script src="/blocked.js"></script><script src="/old.js"></script><script>log.push("inline ran");</script>`)
			return
		}
		if strings.HasSuffix(r.URL.Path, ".js") {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprintf(w, "log.push(%q);", r.URL.Path)
			return
		}
		if r.URL.Path == "/framed-other" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!doctype html><title>framed</title><iframe src="http://dnr.example/subold"></iframe>`)
			return
		}
		if r.URL.Path == "/framed" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!doctype html><title>framed</title><iframe src="/blocked-frame"></iframe><iframe src="/ok-frame"></iframe>`)
			return
		}
		fmt.Fprintf(w, "%s %s x-dnr=%s", r.Method, r.URL.RequestURI(), r.Header.Get("X-Dnr"))
	})
}

// extwasmStop stops the worker.
var extwasmStop = Step{Do: extwasmtest.StopWorker()}

// dnrTry runs named thunks and records each result or exception.
const dnrTry = `const out = []; const t = async (name, fn) => { try { out.push([name, await fn()]); } catch (e) { out.push([name, e.name, e.message]); } };
	const d = chrome.declarativeNetRequest;`

// dnrDescribe reports a fetch's outcome: url, redirected, the x-resp header and the body, or the
// exception.
const dnrDescribe = `const describe = async (p) => { try { const r = await p; return [r.status, r.url, r.redirected, r.headers.get("x-resp"), await r.text()]; }
	catch (e) { return e.name + ": " + e.message; } };`

// dnrFetches are the requests every context makes once the rules of step 2 are in place.
var dnrFetches = []string{
	`fetch("http://dnr.example/blocked/x")`,
	`fetch("http://dnr.example/blocked/allowed")`,
	`fetch("http://dnr.example/old")`,
	`fetch("http://dnr.example/echo")`,
	`fetch("http://dnr.example/re/abc")`,
	`fetch("http://dnr.example/xform?q=1")`,
	`fetch("http://dnr.example/postonly")`,
	`fetch("http://dnr.example/postonly", {method: "POST"})`,
	`fetch("http://dnr.example/Case")`,
	`fetch("http://dnr.example/static-blocked")`,
	`fetch("http://dnr.example/static-two")`,
	`fetch("http://other.example/blocked")`,
	`fetch("http://other.example/redir")`,
	`fetch("http://other.example/echo")`,
}

// dnrFetchWant is what every context gets for dnrFetches (measured in Chromium 156): blocks fail
// as a network error; the allow rule of higher priority beats the block; redirects (url,
// regexSubstitution, transform) are followed and reported as redirected; header rules reach the
// server and the response; requestMethods and the case-insensitive default apply; the disabled
// ruleset does not; on a host without host permission the block applies but the redirect and the
// header rule do not.
const dnrFetchWant = `{"value":["TypeError: Failed to fetch",[200,"http://dnr.example/blocked/allowed",false,null,"GET /blocked/allowed x-dnr="],[200,"http://dnr.example/new",true,null,"GET /new x-dnr="],[200,"http://dnr.example/echo",false,"r","GET /echo x-dnr=yes"],[200,"http://dnr.example/echo?abc",true,"r","GET /echo?abc x-dnr=yes"],[200,"http://dnr.example/new?t=1",true,null,"GET /new?t=1 x-dnr="],[200,"http://dnr.example/postonly",false,null,"GET /postonly x-dnr="],"TypeError: Failed to fetch","TypeError: Failed to fetch","TypeError: Failed to fetch",[200,"http://dnr.example/static-two",false,null,"GET /static-two x-dnr="],"TypeError: Failed to fetch",[200,"http://other.example/redir",false,null,"GET /redir x-dnr="],[200,"http://other.example/echo",false,null,"GET /echo x-dnr="]]}`

func dnrFetchAll() string {
	return `(async () => { ` + dnrDescribe + ` const out = []; for (const f of [` +
		strings.Join(wrapThunks(dnrFetches), ", ") + `]) out.push(await describe(f())); return out; })()`
}

// dnrNorm defines row and dbg, which turn a getMatchedRules entry and an onRuleMatchedDebug event
// into arrays without ids or times (tab is the scenario's tab); it needs tab in scope.
const dnrNorm = `const tabOf = (id) => id === tab.id ? "tab" : id;
	const row = (i) => [i.rule.rulesetId, i.rule.ruleId, tabOf(i.tabId), typeof i.timeStamp];
	const dbg = (i) => { const q = i.request; return [i.rule.rulesetId, i.rule.ruleId, q.url, q.type, q.method, tabOf(q.tabId), q.frameId, q.parentFrameId,
		q.frameType, q.documentLifecycle, typeof q.documentId, typeof q.requestId, Object.keys(i).sort().join(),
		q.initiator === chrome.runtime.getURL("").slice(0, -1) ? "extension" : q.initiator]; };`

// dnrRules are the dynamic rules the fetches run against.
const dnrRules = `[
	{id: 1, condition: {urlFilter: "||dnr.example/blocked"}, action: {type: "block"}},
	{id: 2, priority: 2, condition: {urlFilter: "/blocked/allowed|"}, action: {type: "allow"}},
	{id: 3, condition: {urlFilter: "|http://dnr.example/old^"}, action: {type: "redirect", redirect: {url: "http://dnr.example/new"}}},
	{id: 4, condition: {urlFilter: "/echo", resourceTypes: ["xmlhttprequest"]}, action: {type: "modifyHeaders",
		requestHeaders: [{header: "x-dnr", operation: "set", value: "yes"}], responseHeaders: [{header: "x-resp", operation: "set", value: "r"}]}},
	{id: 5, condition: {regexFilter: "^http://dnr\\.example/re/(\\w+)$"}, action: {type: "redirect", redirect: {regexSubstitution: "http://dnr.example/echo?\\1"}}},
	{id: 6, condition: {urlFilter: "||other.example/blocked"}, action: {type: "block"}},
	{id: 7, condition: {urlFilter: "||other.example/redir"}, action: {type: "redirect", redirect: {url: "http://dnr.example/new"}}},
	{id: 8, condition: {urlFilter: "/postonly", requestMethods: ["post"]}, action: {type: "block"}},
	{id: 9, condition: {urlFilter: "/case", isUrlFilterCaseSensitive: false}, action: {type: "block"}},
	{id: 10, condition: {urlFilter: "/xform"}, action: {type: "redirect", redirect: {transform: {path: "/new", query: "?t=1"}}}},
	{id: 11, condition: {urlFilter: "||other.example/echo"}, action: {type: "modifyHeaders", requestHeaders: [{header: "x-dnr", operation: "set", value: "no-access"}]}}
]`

func init() {
	All = append(All, Scenario{
		Name: "dnr",
		Doc: "declarativeNetRequest: static rulesets, dynamic and session rules and Chrome's rule errors; the rules applied to " +
			"fetches from the worker, a content script and a page, and to a tab's navigations; getMatchedRules, " +
			"onRuleMatchedDebug and the action count on the badge (measured in Chromium 156).",
		Fixture: "dnrext",
		Handle:  map[string]http.Handler{"http://dnr.example/": dnrWeb(), "http://other.example/": dnrWeb()},
		Tabs:    []Tab{{Name: "main", Path: "http://dnr.example/page"}},
		Steps: []Step{
			// Rule errors reject with Error and name the rule; the schema's own checks (missing
			// action, unknown type, wrong id type) throw TypeError synchronously. get*Rules return
			// the rule as given, without a default priority. Ruleset ids are checked before any
			// change.
			{Do: extwasmtest.Eval("worker", `(async () => { `+dnrTry+`
				await t("enabled", () => d.getEnabledRulesets());
				await t("dynamic", () => d.getDynamicRules());
				await t("session", () => d.getSessionRules());
				await t("regex ok", () => d.isRegexSupported({regex: "a+b"}));
				await t("regex bad", () => d.isRegexSupported({regex: "(a"}));
				await t("dup ids", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a"}, action: {type: "block"}}, {id: 1, condition: {urlFilter: "b"}, action: {type: "block"}}]}));
				await t("id zero", () => d.updateDynamicRules({addRules: [{id: 0, condition: {urlFilter: "a"}, action: {type: "block"}}]}));
				await t("priority zero", () => d.updateDynamicRules({addRules: [{id: 1, priority: 0, condition: {urlFilter: "a"}, action: {type: "block"}}]}));
				await t("no action", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a"}}]}));
				await t("bad type", () => d.updateDynamicRules({addRules: [{id: 1, condition: {}, action: {type: "nope"}}]}));
				await t("redirect no url", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a"}, action: {type: "redirect"}}]}));
				await t("redirect empty", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a"}, action: {type: "redirect", redirect: {}}}]}));
				await t("redirect bad url", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a"}, action: {type: "redirect", redirect: {url: "nope"}}}]}));
				await t("empty urlFilter", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: ""}, action: {type: "block"}}]}));
				await t("both filters", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a", regexFilter: "a"}, action: {type: "block"}}]}));
				await t("bad regex", () => d.updateDynamicRules({addRules: [{id: 1, condition: {regexFilter: "(a"}, action: {type: "block"}}]}));
				await t("substitution without regex", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a"}, action: {type: "redirect", redirect: {regexSubstitution: "x"}}}]}));
				await t("modifyHeaders empty", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a"}, action: {type: "modifyHeaders"}}]}));
				await t("header no value", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a"}, action: {type: "modifyHeaders", requestHeaders: [{header: "x", operation: "set"}]}}]}));
				await t("empty resourceTypes", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a", resourceTypes: []}, action: {type: "block"}}]}));
				await t("tabIds in dynamic", () => d.updateDynamicRules({addRules: [{id: 1, condition: {urlFilter: "a", tabIds: [1]}, action: {type: "block"}}]}));
				await t("id string", () => d.updateDynamicRules({addRules: [{id: "x", condition: {}, action: {type: "block"}}]}));
				await t("dup existing", async () => { await d.updateSessionRules({addRules: [{id: 5, condition: {urlFilter: "x"}, action: {type: "block"}}]}); return d.updateSessionRules({addRules: [{id: 5, condition: {urlFilter: "y"}, action: {type: "block"}}]}); });
				await t("remove and add", async () => { await d.updateSessionRules({removeRuleIds: [5], addRules: [{id: 5, condition: {urlFilter: "z"}, action: {type: "block"}}]}); return d.getSessionRules(); });
				await t("remove", async () => { await d.updateSessionRules({removeRuleIds: [5, 99]}); return d.getSessionRules(); });
				await t("enable unknown", () => d.updateEnabledRulesets({enableRulesetIds: ["nope"]}));
				await t("enable 2", async () => { await d.updateEnabledRulesets({enableRulesetIds: ["ruleset_2"], disableRulesetIds: ["ruleset_1"]}); return d.getEnabledRulesets(); });
				await t("restore", async () => { await d.updateEnabledRulesets({enableRulesetIds: ["ruleset_1"], disableRulesetIds: ["ruleset_2"]}); return d.getEnabledRulesets(); });
				await t("consts", () => [d.MAX_NUMBER_OF_DYNAMIC_RULES, d.MAX_NUMBER_OF_SESSION_RULES, d.GUARANTEED_MINIMUM_STATIC_RULES, d.DYNAMIC_RULESET_ID, d.SESSION_RULESET_ID]);
				return out; })()`), Want: `{"value":[["enabled",["ruleset_1"]],["dynamic",[]],["session",[]],["regex ok",{"isSupported":true}],["regex bad",{"isSupported":false,"reason":"syntaxError"}],["dup ids","Error","Rule with id 1 does not have a unique ID."],["id zero","Error","Rule with id 0 has an invalid value for id key. This should be greater than or equal to 1."],["priority zero","Error","Rule with id 1 has an invalid value for priority key. This should be greater than or equal to 1."],["no action","TypeError","Error in invocation of declarativeNetRequest.updateDynamicRules(declarativeNetRequest.UpdateRuleOptions options, optional function callback): Error at parameter 'options': Error at property 'addRules': Error at index 0: Missing required property 'action'."],["bad type","TypeError","Error in invocation of declarativeNetRequest.updateDynamicRules(declarativeNetRequest.UpdateRuleOptions options, optional function callback): Error at parameter 'options': Error at property 'addRules': Error at index 0: Error at property 'action': Error at property 'type': Value must be one of allow, allowAllRequests, block, modifyHeaders, redirect, upgradeScheme."],["redirect no url","Error","Rule with id 1 specifies an incorrect value for the \"action.redirect\" key."],["redirect empty","Error","Rule with id 1 specifies an incorrect value for the \"action.redirect\" key."],["redirect bad url","Error","Rule with id 1 does not provide a valid URL for action.redirect.url key."],["empty urlFilter","Error","Rule with id 1 cannot have an empty value for urlFilter key."],["both filters","Error","Rule with id 1 can only specify one of \"urlFilter\" or \"regexFilter\" keys."],["bad regex","Error","Rule with id 1 specifies an incorrect value for the \"regexFilter\" key."],["substitution without regex","Error","Rule with id 1 can't specify the \"regexSubstitution\" key without specifying the \"regexFilter\" key."],["modifyHeaders empty","Error","Rule with id 1 does not specify a value for \"action.requestHeaders\" or \"action.responseHeaders\" key. At least one of these keys must be specified with a non-empty list."],["header no value","Error","Rule with id 1 must provide a value for a header to be appended/set."],["empty resourceTypes","Error","Rule with id 1 cannot have an empty list as the value for resourceTypes key."],["tabIds in dynamic","Error","Rule with id 1 specifies a value for \"tabIds\" or \"excludedTabIds\" key. These are only supported for session-scoped rules."],["id string","TypeError","Error in invocation of declarativeNetRequest.updateDynamicRules(declarativeNetRequest.UpdateRuleOptions options, optional function callback): Error at parameter 'options': Error at property 'addRules': Error at index 0: Error at property 'id': Invalid type: expected integer, found string."],["dup existing","Error","Rule with id 5 does not have a unique ID."],["remove and add",[{"action":{"type":"block"},"condition":{"urlFilter":"z"},"id":5}]],["remove",[]],["enable unknown","Error","Invalid ruleset id: nope."],["enable 2",["ruleset_2"]],["restore",["ruleset_1"]],["consts",[30000,5000,30000,"_dynamic","_session"]]]}`},
			{Do: extwasmtest.Eval("worker", `(async () => { await chrome.declarativeNetRequest.updateDynamicRules({addRules: `+dnrRules+`});
				return (await chrome.declarativeNetRequest.getDynamicRules()).map((r) => r.id); })()`), Want: `{"value":[1,2,3,4,5,6,7,8,9,10,11]}`},
			// Dynamic and session rules outlive the worker.
			extwasmStop,
			{Do: extwasmtest.Eval("worker", `Promise.all([chrome.declarativeNetRequest.getDynamicRules(), chrome.declarativeNetRequest.getSessionRules()]).then(([d, s]) => [d.length, s.length])`), Want: `{"value":[11,0]}`},
			{Do: extwasmtest.Eval("worker", dnrFetchAll()), Want: dnrFetchWant},
			{Do: extwasmtest.Eval("main/cs", dnrFetchAll()), Want: dnrFetchWant},
			{Do: extwasmtest.Eval("main/page", dnrFetchAll()), Want: dnrFetchWant},
			// getMatchedRules answers {rulesMatchedInfo}, allow rules and every header rule included,
			// the worker's requests with tabId -1; onRuleMatchedDebug's request has frameId -1 and no
			// documentId for the worker, the frame's ids for documents, and the initiator's origin.
			{Do: extwasmtest.Eval("worker", `(async () => { const [tab] = await chrome.tabs.query({url: "http://dnr.example/*"});
				`+dnrNorm+`
				while (self.matched.length < 33) await new Promise((r) => setTimeout(r, 10));
				const m = await chrome.declarativeNetRequest.getMatchedRules({});
				return {rules: m.rulesInfo === undefined ? m.rulesMatchedInfo.map(row) : "rulesInfo", debug: self.matched.map(dbg)}; })()`), Want: `{"value":{"rules":[["_dynamic",1,-1,"number"],["_dynamic",2,-1,"number"],["_dynamic",3,-1,"number"],["_dynamic",4,-1,"number"],["_dynamic",5,-1,"number"],["_dynamic",4,-1,"number"],["_dynamic",10,-1,"number"],["_dynamic",8,-1,"number"],["_dynamic",9,-1,"number"],["ruleset_1",1,-1,"number"],["_dynamic",6,-1,"number"],["_dynamic",1,"tab","number"],["_dynamic",2,"tab","number"],["_dynamic",3,"tab","number"],["_dynamic",4,"tab","number"],["_dynamic",5,"tab","number"],["_dynamic",4,"tab","number"],["_dynamic",10,"tab","number"],["_dynamic",8,"tab","number"],["_dynamic",9,"tab","number"],["ruleset_1",1,"tab","number"],["_dynamic",6,"tab","number"],["_dynamic",1,"tab","number"],["_dynamic",2,"tab","number"],["_dynamic",3,"tab","number"],["_dynamic",4,"tab","number"],["_dynamic",5,"tab","number"],["_dynamic",4,"tab","number"],["_dynamic",10,"tab","number"],["_dynamic",8,"tab","number"],["_dynamic",9,"tab","number"],["ruleset_1",1,"tab","number"],["_dynamic",6,"tab","number"]],"debug":[["_dynamic",1,"http://dnr.example/blocked/x","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",2,"http://dnr.example/blocked/allowed","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",3,"http://dnr.example/old","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",4,"http://dnr.example/echo","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",5,"http://dnr.example/re/abc","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",4,"http://dnr.example/echo?abc","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",10,"http://dnr.example/xform?q=1","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",8,"http://dnr.example/postonly","xmlhttprequest","POST",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",9,"http://dnr.example/Case","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["ruleset_1",1,"http://dnr.example/static-blocked","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",6,"http://other.example/blocked","xmlhttprequest","GET",-1,-1,-1,"outermost_frame","active","undefined","string","request,rule","extension"],["_dynamic",1,"http://dnr.example/blocked/x","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",2,"http://dnr.example/blocked/allowed","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",3,"http://dnr.example/old","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",4,"http://dnr.example/echo","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",5,"http://dnr.example/re/abc","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",4,"http://dnr.example/echo?abc","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",10,"http://dnr.example/xform?q=1","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",8,"http://dnr.example/postonly","xmlhttprequest","POST","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",9,"http://dnr.example/Case","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["ruleset_1",1,"http://dnr.example/static-blocked","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",6,"http://other.example/blocked","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",1,"http://dnr.example/blocked/x","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",2,"http://dnr.example/blocked/allowed","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",3,"http://dnr.example/old","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",4,"http://dnr.example/echo","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",5,"http://dnr.example/re/abc","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",4,"http://dnr.example/echo?abc","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",10,"http://dnr.example/xform?q=1","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",8,"http://dnr.example/postonly","xmlhttprequest","POST","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",9,"http://dnr.example/Case","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["ruleset_1",1,"http://dnr.example/static-blocked","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"],["_dynamic",6,"http://other.example/blocked","xmlhttprequest","GET","tab",0,-1,"outermost_frame","active","string","string","request,rule","http://dnr.example"]]}}`},
			// The badge counts the tab's actions but allow: 10 per document context; tabIds limit a
			// session rule to the tab's requests (the worker's pass, the page's fail).
			{Do: extwasmtest.Eval("worker", `(async () => { const [tab] = await chrome.tabs.query({url: "http://dnr.example/*"});
				await chrome.declarativeNetRequest.setExtensionActionOptions({displayActionCountAsBadgeText: true});
				await chrome.declarativeNetRequest.updateSessionRules({addRules: [{id: 1, condition: {urlFilter: "/tabonly", tabIds: [tab.id]}, action: {type: "block"}},
					{id: 2, condition: {urlFilter: "/navold", resourceTypes: ["main_frame"]}, action: {type: "redirect", redirect: {url: "http://dnr.example/new"}}},
					{id: 3, condition: {urlFilter: "/navblocked", resourceTypes: ["main_frame"]}, action: {type: "block"}}]});
				const w = await fetch("http://dnr.example/tabonly").then((r) => r.text(), (e) => e.message);
				return [w, await chrome.action.getBadgeText({tabId: tab.id})]; })()`), Want: `{"value":["GET /tabonly x-dnr=","20"]}`},
			{Do: extwasmtest.Eval("main/page", `fetch("/tabonly").then((r) => r.text(), (e) => e.message)`), Want: `{"value":"Failed to fetch"}`},
			{Do: extwasmtest.Eval("worker", `(async () => { const [tab] = await chrome.tabs.query({url: "http://dnr.example/*"});
				const m = await chrome.declarativeNetRequest.getMatchedRules({tabId: tab.id});
				return [await chrome.action.getBadgeText({tabId: tab.id}), m.rulesMatchedInfo.length]; })()`), Want: `{"value":["21",23]}`},
			// A main_frame redirect loads the target; a blocked navigation completes on an error page
			// that keeps the URL and is titled with the host. A navigation moves the tab's matched
			// rules to tabId -1 (none are dropped) and clears the badge count.
			{Do: extwasmtest.Eval("worker", `(async () => { const [tab] = await chrome.tabs.query({url: "http://dnr.example/*"});
				const go = (url) => new Promise((resolve) => { const l = (id, info, t) => { if (id === tab.id && info.status === "complete") { chrome.tabs.onUpdated.removeListener(l); resolve([t.url, t.title, t.status]); } };
					chrome.tabs.onUpdated.addListener(l); chrome.tabs.update(tab.id, {url}); });
				`+dnrNorm+`
				const out = [await go("http://dnr.example/navold"), await go("http://dnr.example/navblocked")];
				out.push((await chrome.declarativeNetRequest.getMatchedRules({tabId: tab.id})).rulesMatchedInfo.map(row), await chrome.action.getBadgeText({tabId: tab.id}));
				out.push(await go("http://dnr.example/page"));
				while (self.matched.length < 36) await new Promise((r) => setTimeout(r, 10));
				out.push((await chrome.declarativeNetRequest.getMatchedRules({tabId: tab.id})).rulesMatchedInfo.map(row), await chrome.action.getBadgeText({tabId: tab.id}));
				out.push((await chrome.declarativeNetRequest.getMatchedRules({})).rulesMatchedInfo.reduce((n, i) => (n[tabOf(i.tabId)] = (n[tabOf(i.tabId)] || 0) + 1, n), {}), self.matched.slice(-2).map((i) => { const d = dbg(i); d.pop(); return d; }));
				return out; })()`), Want: `{"value":[["http://dnr.example/new","dnr.example/new","complete"],["http://dnr.example/navblocked","dnr.example","complete"],[["_session",3,"tab","number"]],"1",["http://dnr.example/page","dnr.example/page","complete"],[],"",{"-1":36},[["_session",2,"http://dnr.example/navold","main_frame","GET","tab",0,-1,"outermost_frame","active","undefined","string","request,rule"],["_session",3,"http://dnr.example/navblocked","main_frame","GET","tab",0,-1,"outermost_frame","active","undefined","string","request,rule"]]]}`},
		},
	})
}

// dnrNavigate is a worker function that loads url in the scenario's tab and answers, once the tab
// is complete and webNavigation has told the end of every navigation, the tab's url and title and
// webNavigation's events, frame by frame (the top frame's, then each child's by its first event):
// how Chromium interleaves one frame's events with another's varies with load.
const dnrNavigate = `const [tab] = await chrome.tabs.query({url: "http://dnr.example/*"});
	const byFrame = (nav) => { const keys = []; for (const e of nav) { const k = e[2] === "top" ? "" : e[1]; if (!keys.includes(k)) keys.push(k); }
		return keys.flatMap((k) => nav.filter((e) => (e[2] === "top" ? "" : e[1]) === k)); };
	const go = (url, ends) => new Promise((resolve) => { self.nav = []; const l = (id, info, t) => { if (id === tab.id && info.status === "complete") { chrome.tabs.onUpdated.removeListener(l);
		const wait = () => self.nav.filter((e) => e[0] === "onCompleted" || e[0] === "onErrorOccurred").length >= ends ? resolve([t.url, t.title, byFrame(self.nav)]) : setTimeout(wait, 10); wait(); } };
		chrome.tabs.onUpdated.addListener(l); chrome.tabs.update(tab.id, {url}); });`

func init() {
	All = append(All, Scenario{
		Name: "dnr-navigation",
		Doc: "declarativeNetRequest on navigations: what tabs and webNavigation report for a blocked and a redirected " +
			"top-level navigation and a blocked frame, header rules on a navigation, and a page's src scripts " +
			"(measured in Chromium 156).",
		Fixture: "dnrext",
		Handle:  map[string]http.Handler{"http://dnr.example/": dnrWeb(), "http://other.example/": dnrWeb()},
		Tabs:    []Tab{{Name: "main", Path: "http://dnr.example/page"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", `chrome.declarativeNetRequest.updateSessionRules({addRules: [
				{id: 1, condition: {urlFilter: "/navblocked", resourceTypes: ["main_frame"]}, action: {type: "block"}},
				{id: 2, condition: {urlFilter: "/navold", resourceTypes: ["main_frame"]}, action: {type: "redirect", redirect: {url: "http://dnr.example/new"}}},
				{id: 3, condition: {urlFilter: "/blocked-frame", resourceTypes: ["sub_frame"]}, action: {type: "block"}},
				{id: 4, condition: {urlFilter: "/csp", resourceTypes: ["main_frame"]}, action: {type: "modifyHeaders",
					requestHeaders: [{header: "x-dnr", operation: "set", value: "nav"}], responseHeaders: [{header: "content-security-policy", operation: "remove"}]}},
				{id: 5, condition: {urlFilter: "/blocked.js", resourceTypes: ["script"]}, action: {type: "block"}},
				{id: 6, condition: {urlFilter: "/old.js", resourceTypes: ["script"]}, action: {type: "redirect", redirect: {url: "http://dnr.example/new.js"}}},
				{id: 7, condition: {urlFilter: "/subold", resourceTypes: ["sub_frame"]}, action: {type: "redirect", redirect: {url: "http://dnr.example/new"}}}]}).then(() => "ok")`), Want: `{"value":"ok"}`},
			// A blocked navigation: onBeforeNavigate, then onErrorOccurred (net::ERR_BLOCKED_BY_CLIENT,
			// with a documentId) and no other event; the tab completes at the URL, titled with the host.
			{Do: extwasmtest.Eval("worker", `(async () => { `+dnrNavigate+` return go("http://dnr.example/navblocked", 1); })()`), Want: `{"value":["http://dnr.example/navblocked","dnr.example",[["onBeforeNavigate","http://dnr.example/navblocked","top",null,null],["onErrorOccurred","http://dnr.example/navblocked","top","net::ERR_BLOCKED_BY_CLIENT","documentId,documentLifecycle,error,frameId,frameType,parentFrameId,processId,tabId,timeStamp,url"]]]}`},
			// A redirected navigation: onBeforeNavigate has the URL asked for, the rest the target.
			{Do: extwasmtest.Eval("worker", `(async () => { `+dnrNavigate+` return go("http://dnr.example/navold", 1); })()`), Want: `{"value":["http://dnr.example/new","dnr.example/new",[["onBeforeNavigate","http://dnr.example/navold","top",null,null],["onCommitted","http://dnr.example/new","top",null,null],["onDOMContentLoaded","http://dnr.example/new","top",null,null],["onCompleted","http://dnr.example/new","top",null,null]]]}`},
			// A blocked frame reports onErrorOccurred where it would commit; getAllFrames lists it at its
			// URL with errorOccurred true; the page completes.
			{Do: extwasmtest.Eval("worker", `(async () => { `+dnrNavigate+` const r = await go("http://dnr.example/framed", 3);
				const frames = await chrome.webNavigation.getAllFrames({tabId: tab.id});
				return [r, frames.map((f) => [f.frameId === 0 ? "top" : "child", f.url, f.errorOccurred]).sort()]; })()`), Want: `{"value":[["http://dnr.example/framed","framed",[["onBeforeNavigate","http://dnr.example/framed","top",null,null],["onCommitted","http://dnr.example/framed","top",null,null],["onDOMContentLoaded","http://dnr.example/framed","top",null,null],["onCompleted","http://dnr.example/framed","top",null,null],["onBeforeNavigate","http://dnr.example/blocked-frame","child",null,null],["onErrorOccurred","http://dnr.example/blocked-frame","child","net::ERR_BLOCKED_BY_CLIENT","documentId,documentLifecycle,error,frameId,frameType,parentDocumentId,parentFrameId,processId,tabId,timeStamp,url"],["onBeforeNavigate","http://dnr.example/ok-frame","child",null,null],["onCommitted","http://dnr.example/ok-frame","child",null,null],["onDOMContentLoaded","http://dnr.example/ok-frame","child",null,null],["onCompleted","http://dnr.example/ok-frame","child",null,null]]],[["child","http://dnr.example/blocked-frame",true],["child","http://dnr.example/ok-frame",false],["top","http://dnr.example/framed",false]]]}`},
			// Header rules act on a navigation: the server gets X-Dnr, and without its CSP the page's
			// inline script runs.
			{Do: extwasmtest.Eval("worker", `(async () => { `+dnrNavigate+` const r = await go("http://dnr.example/csp", 1); return r[0]; })()`), Want: `{"value":"http://dnr.example/csp"}`},
			{Do: extwasmtest.Eval("main/page", `[document.body.textContent, window.ran]`), Want: `{"value":["x-dnr=navwindow.ran = 1;",1]}`},
			// A page's src scripts are "script" requests: the blocked one does not run and fires its
			// element's error event, the redirected one runs from its target.
			{Do: extwasmtest.Eval("worker", `(async () => { `+dnrNavigate+` const r = await go("http://dnr.example/scripts", 1); return r[0]; })()`), Want: `{"value":"http://dnr.example/scripts"}`},
			{Do: extwasmtest.Eval("main/page", `window.log`), Want: `{"value":["error /blocked.js","/new.js","inline ran"]}`},
			// A frame's navigation needs no host access to its initiator: the frame of a page the
			// extension has no permission for is redirected.
			{Do: extwasmtest.Eval("worker", `(async () => { `+dnrNavigate+` const r = await go("http://other.example/framed-other", 2);
				const frames = await chrome.webNavigation.getAllFrames({tabId: tab.id});
				return frames.map((f) => [f.frameId === 0 ? "top" : "child", f.url]).sort(); })()`),
				Want: `{"value":[["child","http://dnr.example/new"],["top","http://other.example/framed-other"]]}`},
		},
	})
}
