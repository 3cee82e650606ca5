package scenario

import (
	"net/http"

	"github.com/extwasm/extwasm/extwasmtest"
)

func init() {
	All = append(All, Scenario{
		Name: "dnr-api",
		Doc: "declarativeNetRequest's remaining functions: static rule counts and disabled static rules, testMatchOutcome " +
			"(and through it, rule conditions), " +
			"the session and regex rule limits, and the badge's action count against the extension's own badge text " +
			"(measured in Chromium 156).",
		Fixture: "dnrext",
		Handle:  map[string]http.Handler{"http://dnr.example/": dnrWeb()},
		Tabs:    []Tab{{Name: "main", Path: "http://dnr.example/page"}},
		Steps: []Step{
			// getAvailableStaticRuleCount counts down from 330000 and ignores disabled static rules;
			// any rule id may be disabled; testMatchOutcome lists the rules that would act (a block
			// hides the header rule) and records nothing; limits are checked on the whole update,
			// which then changes nothing; the session limit comes before the unsafe-rule one.
			{Do: extwasmtest.Eval("worker", `(async () => { `+dnrTry+`
				const get = (u) => fetch(u).then((r) => r.status, (e) => e.message);
				await t("available", () => d.getAvailableStaticRuleCount());
				await t("disabled none", () => d.getDisabledRuleIds({rulesetId: "ruleset_1"}));
				await t("disable", () => d.updateStaticRules({rulesetId: "ruleset_1", disableRuleIds: [1, 7]}));
				await t("disabled", () => d.getDisabledRuleIds({rulesetId: "ruleset_1"}));
				await t("fetch disabled", () => get("http://dnr.example/static-blocked"));
				await t("available after", () => d.getAvailableStaticRuleCount());
				await t("enable", () => d.updateStaticRules({rulesetId: "ruleset_1", enableRuleIds: [1]}));
				await t("fetch enabled", () => get("http://dnr.example/static-blocked"));
				await t("disable unknown ruleset", () => d.updateStaticRules({rulesetId: "nope", disableRuleIds: [1]}));
				await t("disabled unknown ruleset", () => d.getDisabledRuleIds({rulesetId: "nope"}));
				await d.updateSessionRules({addRules: [{id: 1, priority: 2, condition: {urlFilter: "/t"}, action: {type: "block"}},
					{id: 2, condition: {urlFilter: "/t"}, action: {type: "modifyHeaders", responseHeaders: [{header: "x", operation: "set", value: "1"}]}}]});
				await t("test block", () => d.testMatchOutcome({url: "http://dnr.example/t", type: "xmlhttprequest"}));
				await t("test static", () => d.testMatchOutcome({url: "http://dnr.example/static-blocked", type: "xmlhttprequest", method: "get"}));
				await t("test none", () => d.testMatchOutcome({url: "http://dnr.example/none", type: "xmlhttprequest"}));
				await t("test main_frame", () => d.testMatchOutcome({url: "http://dnr.example/t", type: "main_frame"}));
				await t("test bad url", () => d.testMatchOutcome({url: "nope", type: "xmlhttprequest"}));
				await t("matched after test", async () => (await d.getMatchedRules({})).rulesMatchedInfo.length);
				await d.updateSessionRules({removeRuleIds: [1, 2]});
				const many = (n, regex) => Array.from({length: n}, (_, i) => ({id: 100 + i, condition: regex ? {regexFilter: "r" + i} : {urlFilter: "u" + i}, action: {type: "block"}}));
				await t("session limit", () => d.updateSessionRules({addRules: many(5001, false)}));
				await t("regex limit", () => d.updateSessionRules({addRules: many(1001, true)}));
				await t("session count", async () => (await d.getSessionRules()).length);
				const unsafe = (n) => Array.from({length: n}, (_, i) => ({id: 100 + i, condition: {urlFilter: "u" + i}, action: {type: "redirect", redirect: {url: "http://dnr.example/x"}}}));
				await t("dynamic limit", () => d.updateDynamicRules({addRules: many(30001, false)}));
				await t("dynamic regex limit", () => d.updateDynamicRules({addRules: many(1001, true)}));
				await t("dynamic unsafe limit", () => d.updateDynamicRules({addRules: unsafe(5001)}));
				await t("session unsafe limit", () => d.updateSessionRules({addRules: unsafe(5001)}));
				await t("dynamic count", async () => (await d.getDynamicRules()).length);
				return out; })()`), Want: `{"value":[["available",329999],["disabled none",[]],["disable",null],["disabled",[1,7]],["fetch disabled",200],["available after",329999],["enable",null],["fetch enabled","Failed to fetch"],["disable unknown ruleset","Error","Invalid ruleset id: nope."],["disabled unknown ruleset","Error","Invalid ruleset id: nope."],["test block",{"matchedRules":[{"ruleId":1,"rulesetId":"_session"}]}],["test static",{"matchedRules":[{"ruleId":1,"rulesetId":"ruleset_1"}]}],["test none",{"matchedRules":[]}],["test main_frame",{"matchedRules":[]}],["test bad url","Error","Invalid test request URL."],["matched after test",1],["session limit","Error","Session rule count exceeded."],["regex limit","Error","Session rule count for regex rules exceeded."],["session count",0],["dynamic limit","Error","Dynamic rule count exceeded."],["dynamic regex limit","Error","Dynamic rule count for regex rules exceeded."],["dynamic unsafe limit","Error","Dynamic unsafe rule count exceeded."],["session unsafe limit","Error","Session rule count exceeded."],["dynamic count",0]]}`},
			// tabUpdate moves the count (not below zero); the extension's own badge text, even "",
			// hides the count; incrementing needs the count shown and an existing tab.
			{Do: extwasmtest.Eval("worker", `(async () => { const [tab] = await chrome.tabs.query({url: "http://dnr.example/*"}); const d = chrome.declarativeNetRequest; const out = [];
				const badge = () => chrome.action.getBadgeText({tabId: tab.id});
				await d.setExtensionActionOptions({displayActionCountAsBadgeText: true});
				out.push(await badge());
				await d.setExtensionActionOptions({tabUpdate: {tabId: tab.id, increment: 3}});
				out.push(await badge());
				await d.setExtensionActionOptions({tabUpdate: {tabId: tab.id, increment: -1}});
				out.push(await badge());
				await chrome.action.setBadgeText({tabId: tab.id, text: "own"});
				out.push(await badge());
				await d.setExtensionActionOptions({tabUpdate: {tabId: tab.id, increment: 1}});
				out.push(await badge());
				await chrome.action.setBadgeText({tabId: tab.id, text: ""});
				out.push(await badge());
				try { await d.setExtensionActionOptions({tabUpdate: {tabId: 999999, increment: 1}}); out.push("no error"); } catch (e) { out.push(e.message); }
				await d.setExtensionActionOptions({displayActionCountAsBadgeText: false});
				out.push(await badge());
				try { await d.setExtensionActionOptions({tabUpdate: {tabId: 999999, increment: 1}}); out.push("no error"); } catch (e) { out.push(e.message); }
				return out; })()`), Want: `{"value":["","3","2","own","own","","No tab with id: 999999.","","Cannot increment action count unless displaying action count as badge text."]}`},
			// Conditions, through testMatchOutcome: urlFilter anchors, separators (a port's colon, a
			// query's "?", not "."), wildcards and case; regexFilter; domainType; initiator and request
			// domains with exclusions; methods; resource types (main_frame only when listed); tabIds.
			{Do: extwasmtest.Eval("worker", `(async () => { const d = chrome.declarativeNetRequest;
				const r = (id, condition) => ({id, condition, action: {type: "block"}});
				await d.updateSessionRules({removeRuleIds: (await d.getSessionRules()).map((x) => x.id), addRules: [
					r(1, {urlFilter: "||a.example^"}), r(2, {urlFilter: "|http://b.example/x|"}), r(3, {urlFilter: "c*d", isUrlFilterCaseSensitive: true}),
					r(4, {regexFilter: "^https?://r\\.example/[0-9]+$"}), r(5, {urlFilter: "/dt", domainType: "thirdParty"}),
					r(6, {urlFilter: "/idom", initiatorDomains: ["i.example"], excludedInitiatorDomains: ["x.i.example"]}),
					r(7, {urlFilter: "/rdom", requestDomains: ["q.example"], excludedRequestDomains: ["no.q.example"]}),
					r(8, {urlFilter: "/meth", excludedRequestMethods: ["get"]}), r(9, {urlFilter: "/types", excludedResourceTypes: ["image"]}),
					r(10, {urlFilter: "/tabs", tabIds: [-1]}), r(11, {urlFilter: "/sep^x"}), r(12, {urlFilter: "/frames", resourceTypes: ["main_frame", "sub_frame"]})]});
				const cases = [["http://a.example/"], ["http://sub.a.example/p"], ["http://aa.example/"], ["http://a.example.com/"], ["http://a.example:8080/"],
					["http://b.example/x"], ["http://b.example/xy"], ["http://z.example/cXd"], ["http://z.example/CXD"],
					["http://r.example/123"], ["https://r.example/9"], ["http://r.example/12a"],
					["http://t.example/dt", "xmlhttprequest", "get", "http://t.example"], ["http://t.example/dt", "xmlhttprequest", "get", "http://o.example"],
					["http://t.example/idom", "xmlhttprequest", "get", "http://i.example"], ["http://t.example/idom", "xmlhttprequest", "get", "http://x.i.example"],
					["http://t.example/idom"], ["http://q.example/rdom"], ["http://no.q.example/rdom"], ["http://t.example/meth"],
					["http://t.example/meth", "xmlhttprequest", "post"], ["http://t.example/types", "image"], ["http://t.example/types", "script"],
					["http://t.example/tabs"], ["http://t.example/sep/x"], ["http://t.example/sepax"], ["http://t.example/sep?x"],
					["http://t.example/frames"], ["http://t.example/frames", "main_frame"], ["http://t.example/frames", "sub_frame"]];
				const out = [];
				for (const [url, type = "xmlhttprequest", method, initiator] of cases) {
					const q = {url, type}; if (method) q.method = method; if (initiator) q.initiator = initiator;
					const m = await d.testMatchOutcome(q); out.push([url, type, m.matchedRules.map((x) => x.ruleId)]);
				}
				return out; })()`),
				Want: `{"value":[["http://a.example/","xmlhttprequest",[1]],["http://sub.a.example/p","xmlhttprequest",[1]],["http://aa.example/","xmlhttprequest",[]],["http://a.example.com/","xmlhttprequest",[]],["http://a.example:8080/","xmlhttprequest",[1]],["http://b.example/x","xmlhttprequest",[2]],["http://b.example/xy","xmlhttprequest",[]],["http://z.example/cXd","xmlhttprequest",[3]],["http://z.example/CXD","xmlhttprequest",[]],["http://r.example/123","xmlhttprequest",[4]],["https://r.example/9","xmlhttprequest",[4]],["http://r.example/12a","xmlhttprequest",[]],["http://t.example/dt","xmlhttprequest",[]],["http://t.example/dt","xmlhttprequest",[5]],["http://t.example/idom","xmlhttprequest",[6]],["http://t.example/idom","xmlhttprequest",[]],["http://t.example/idom","xmlhttprequest",[]],["http://q.example/rdom","xmlhttprequest",[7]],["http://no.q.example/rdom","xmlhttprequest",[]],["http://t.example/meth","xmlhttprequest",[]],["http://t.example/meth","xmlhttprequest",[8]],["http://t.example/types","image",[]],["http://t.example/types","script",[9]],["http://t.example/tabs","xmlhttprequest",[10]],["http://t.example/sep/x","xmlhttprequest",[11]],["http://t.example/sepax","xmlhttprequest",[]],["http://t.example/sep?x","xmlhttprequest",[11]],["http://t.example/frames","xmlhttprequest",[]],["http://t.example/frames","main_frame",[12]],["http://t.example/frames","sub_frame",[12]]]}`},
			// Precedence, through testMatchOutcome: at equal priority block > upgradeScheme > redirect
			// and allow > block; a higher priority wins over the action order; header rules of higher
			// priority than an allow act (and the allow is not reported), in priority order; a block
			// of any priority stops header rules; allowAllRequests > block on a main_frame;
			// upgradeScheme leaves https alone.
			{Do: extwasmtest.Eval("worker", `(async () => { const d = chrome.declarativeNetRequest; let id = 0;
				const r = (path, priority, action, types) => ({id: ++id, priority, condition: {urlFilter: path, resourceTypes: types}, action});
				const block = {type: "block"}, allow = {type: "allow"}, up = {type: "upgradeScheme"}, redir = {type: "redirect", redirect: {url: "http://dnr.example/to"}};
				const mh = (v) => ({type: "modifyHeaders", requestHeaders: [{header: "x-v", operation: "set", value: v}]});
				await d.updateSessionRules({removeRuleIds: (await d.getSessionRules()).map((x) => x.id), addRules: [
					r("/p1", 1, redir), r("/p1", 1, up), r("/p1", 1, block),
					r("/p2", 1, redir), r("/p2", 1, up),
					r("/p3", 1, block), r("/p3", 1, allow),
					r("/p4", 1, block), r("/p4", 2, redir),
					r("/p5", 1, mh("1")), r("/p5", 2, mh("2")), r("/p5", 1, allow),
					r("/p6", 1, mh("1")), r("/p6", 3, mh("3")),
					r("/p7", 5, mh("5")), r("/p7", 1, block),
					r("/p8", 1, block, ["main_frame"]), r("/p8", 1, {type: "allowAllRequests"}, ["main_frame"]),
					r("/p9", 1, up)]});
				const out = [];
				for (const [url, type = "xmlhttprequest"] of [["http://dnr.example/p1"], ["http://dnr.example/p2"], ["http://dnr.example/p3"],
					["http://dnr.example/p4"], ["http://dnr.example/p5"], ["http://dnr.example/p6"], ["http://dnr.example/p7"],
					["http://dnr.example/p8", "main_frame"], ["http://dnr.example/p9"], ["https://dnr.example/p9"]]) {
					const m = await d.testMatchOutcome({url, type}); out.push([url, m.matchedRules.map((x) => x.ruleId)]);
				}
				return out; })()`),
				Want: `{"value":[["http://dnr.example/p1",[3]],["http://dnr.example/p2",[5]],["http://dnr.example/p3",[7]],["http://dnr.example/p4",[9]],["http://dnr.example/p5",[11]],["http://dnr.example/p6",[14,13]],["http://dnr.example/p7",[16]],["http://dnr.example/p8",[18]],["http://dnr.example/p9",[19]],["https://dnr.example/p9",[]]]}`},
		},
	})
}
