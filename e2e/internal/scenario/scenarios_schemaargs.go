package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// schemaArgumentCalls are calls of functions hostsim does not model that Chrome's bindings refuse
// before the call is made: each throws Chrome's TypeError, in hostsim checked against Chrome's API
// schema. Measured in Chromium 156 and left out because the schema lacks the fact: numeric bounds
// (bookmarks.getRecent(0) throws "Value must be at least 1.", idle.queryState(1) "Value must be at
// least 15."; hostsim takes both), and settings objects (proxy.settings.get(5) names
// types.ChromeSetting.get; hostsim does not check it). Chromium 156 does not refuse
// tabGroups.query({color: "pink"}), and neither does hostsim.
const schemaArgumentCalls = `(() => {
	const calls = {
		"cookies.getAll(5)": () => chrome.cookies.getAll(5),
		"cookies.getAll({bogus})": () => chrome.cookies.getAll({bogus: 1}),
		"cookies.get({url})": () => chrome.cookies.get({url: "https://a.example/"}),
		"cookies.set({url:5})": () => chrome.cookies.set({url: 5}),
		"cookies.getAll({},5)": () => chrome.cookies.getAll({}, 5),
		"bookmarks.get(5)": () => chrome.bookmarks.get(5),
		"bookmarks.get([])": () => chrome.bookmarks.get([]),
		"bookmarks.get([5])": () => chrome.bookmarks.get([5]),
		"bookmarks.create({title:5})": () => chrome.bookmarks.create({title: 5}),
		"bookmarks.getRecent(1.5)": () => chrome.bookmarks.getRecent(1.5),
		"bookmarks.move": () => chrome.bookmarks.move("1", {index: "x"}),
		"history.search({})": () => chrome.history.search({}),
		"history.search(maxResults)": () => chrome.history.search({text: "", maxResults: "x"}),
		"history.search(maxResults 1.5)": () => chrome.history.search({text: "", maxResults: 1.5}),
		"history.deleteUrl({url:5})": () => chrome.history.deleteUrl({url: 5}),
		"history.addUrl(extra)": () => chrome.history.addUrl({url: "x", extra: 1}),
		"idle.queryState('15')": () => chrome.idle.queryState("15"),
		"idle.setDetectionInterval()": () => chrome.idle.setDetectionInterval(),
		"downloads.search({bogus})": () => chrome.downloads.search({bogus: 1}),
		"downloads.download(enum)": () => chrome.downloads.download({url: "https://a.example/", conflictAction: "nope"}),
		"downloads.setUiOptions({})": () => chrome.downloads.setUiOptions({}),
		"sessions.getRecentlyClosed": () => chrome.sessions.getRecentlyClosed({maxResults: "1"}),
		"topSites.get(5)": () => chrome.topSites.get(5),
		"tts.speak(5)": () => chrome.tts.speak(5),
		"tts.speak(rate)": () => chrome.tts.speak("x", {rate: "x"}),
		"tts.speak(NaN)": () => chrome.tts.speak("x", {rate: NaN}),
		"fontSettings.getFont": () => chrome.fontSettings.getFont({genericFamily: "x"}),
		"readingList.query({url:5})": () => chrome.readingList.query({url: 5}),
		"management.get(5)": () => chrome.management.get(5),
		"search.query({text:5})": () => chrome.search.query({text: 5}),
		"power.requestKeepAwake(x)": () => chrome.power.requestKeepAwake("x"),
		"identity.getAuthToken(5)": () => chrome.identity.getAuthToken(5),
		"tabGroups.update(x)": () => chrome.tabGroups.update("x", {}),
		"dNR.updateDynamicRules(5)": () => chrome.declarativeNetRequest.updateDynamicRules(5),
		"dNR.getDynamicRules(ruleIds)": () => chrome.declarativeNetRequest.getDynamicRules({ruleIds: ["a"]}),
		"gcm.send(5)": () => chrome.gcm.send(5),
	};
	const out = [];
	for (const [name, fn] of Object.entries(calls)) {
		try {
			const p = fn();
			if (p && p.catch) p.catch(() => {});
			out.push([name, "no throw"]);
		} catch (e) {
			out.push([name, e.name, e.message]);
		}
	}
	return out;
})()`

func init() {
	All = append(All, Scenario{
		Name: "schema-arguments",
		Doc: "Arguments of chrome.* functions hostsim does not model are checked as Chrome's bindings check them, " +
			"with Chrome's TypeError texts: signatures, missing and unexpected properties, types, integers, enums " +
			"(listed sorted), choices, array items and the callback (measured in Chromium 156).",
		Fixture: "surfaceext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", schemaArgumentCalls), Want: `{"value":[["cookies.getAll(5)","TypeError","Error in invocation of cookies.getAll(object details, optional function callback): No matching signature."],["cookies.getAll({bogus})","TypeError","Error in invocation of cookies.getAll(object details, optional function callback): Error at parameter 'details': Unexpected property: 'bogus'."],["cookies.get({url})","TypeError","Error in invocation of cookies.get(cookies.CookieDetails details, optional function callback): Error at parameter 'details': Missing required property 'name'."],["cookies.set({url:5})","TypeError","Error in invocation of cookies.set(object details, optional function callback): Error at parameter 'details': Error at property 'url': Invalid type: expected string, found integer."],["cookies.getAll({},5)","TypeError","Error in invocation of cookies.getAll(object details, optional function callback): No matching signature."],["bookmarks.get(5)","TypeError","Error in invocation of bookmarks.get([string|array] idOrIdList, optional function callback): No matching signature."],["bookmarks.get([])","TypeError","Error in invocation of bookmarks.get([string|array] idOrIdList, optional function callback): Error at parameter 'idOrIdList': Value did not match any choice."],["bookmarks.get([5])","TypeError","Error in invocation of bookmarks.get([string|array] idOrIdList, optional function callback): Error at parameter 'idOrIdList': Value did not match any choice."],["bookmarks.create({title:5})","TypeError","Error in invocation of bookmarks.create(bookmarks.CreateDetails bookmark, optional function callback): Error at parameter 'bookmark': Error at property 'title': Invalid type: expected string, found integer."],["bookmarks.getRecent(1.5)","TypeError","Error in invocation of bookmarks.getRecent(integer numberOfItems, optional function callback): No matching signature."],["bookmarks.move","TypeError","Error in invocation of bookmarks.move(string id, object destination, optional function callback): Error at parameter 'destination': Error at property 'index': Invalid type: expected integer, found string."],["history.search({})","TypeError","Error in invocation of history.search(object query, optional function callback): Error at parameter 'query': Missing required property 'text'."],["history.search(maxResults)","TypeError","Error in invocation of history.search(object query, optional function callback): Error at parameter 'query': Error at property 'maxResults': Invalid type: expected integer, found string."],["history.search(maxResults 1.5)","TypeError","Error in invocation of history.search(object query, optional function callback): Error at parameter 'query': Error at property 'maxResults': Invalid type: expected integer, found number."],["history.deleteUrl({url:5})","TypeError","Error in invocation of history.deleteUrl(history.UrlDetails details, optional function callback): Error at parameter 'details': Error at property 'url': Invalid type: expected string, found integer."],["history.addUrl(extra)","TypeError","Error in invocation of history.addUrl(history.UrlDetails details, optional function callback): Error at parameter 'details': Unexpected property: 'extra'."],["idle.queryState('15')","TypeError","Error in invocation of idle.queryState(integer detectionIntervalInSeconds, optional function callback): No matching signature."],["idle.setDetectionInterval()","TypeError","Error in invocation of idle.setDetectionInterval(integer intervalInSeconds): No matching signature."],["downloads.search({bogus})","TypeError","Error in invocation of downloads.search(downloads.DownloadQuery query, optional function callback): Error at parameter 'query': Unexpected property: 'bogus'."],["downloads.download(enum)","TypeError","Error in invocation of downloads.download(downloads.DownloadOptions options, optional function callback): Error at parameter 'options': Error at property 'conflictAction': Value must be one of overwrite, prompt, uniquify."],["downloads.setUiOptions({})","TypeError","Error in invocation of downloads.setUiOptions(downloads.UiOptions options, optional function callback): Error at parameter 'options': Missing required property 'enabled'."],["sessions.getRecentlyClosed","TypeError","Error in invocation of sessions.getRecentlyClosed(optional sessions.Filter filter, optional function callback): Error at parameter 'filter': Error at property 'maxResults': Invalid type: expected integer, found string."],["topSites.get(5)","TypeError","Error in invocation of topSites.get(optional function callback): No matching signature."],["tts.speak(5)","TypeError","Error in invocation of tts.speak(string utterance, optional tts.TtsOptions options, optional function callback): No matching signature."],["tts.speak(rate)","TypeError","Error in invocation of tts.speak(string utterance, optional tts.TtsOptions options, optional function callback): Error at parameter 'options': Error at property 'rate': Invalid type: expected number, found string."],["tts.speak(NaN)","TypeError","Error in invocation of tts.speak(string utterance, optional tts.TtsOptions options, optional function callback): Error at parameter 'options': Error at property 'rate': Value must not be NaN or Infinity."],["fontSettings.getFont","TypeError","Error in invocation of fontSettings.getFont(object details, optional function callback): Error at parameter 'details': Error at property 'genericFamily': Value must be one of cursive, fantasy, fixed, math, sansserif, serif, standard."],["readingList.query({url:5})","TypeError","Error in invocation of readingList.query(readingList.QueryInfo info, optional function callback): Error at parameter 'info': Error at property 'url': Invalid type: expected string, found integer."],["management.get(5)","TypeError","Error in invocation of management.get(string id, optional function callback): No matching signature."],["search.query({text:5})","TypeError","Error in invocation of search.query(search.QueryInfo queryInfo, optional function callback): Error at parameter 'queryInfo': Error at property 'text': Invalid type: expected string, found integer."],["power.requestKeepAwake(x)","TypeError","Error in invocation of power.requestKeepAwake(power.Level level): Error at parameter 'level': Value must be one of display, system."],["identity.getAuthToken(5)","TypeError","Error in invocation of identity.getAuthToken(optional identity.TokenDetails details, optional function callback): No matching signature."],["tabGroups.update(x)","TypeError","Error in invocation of tabGroups.update(integer groupId, object updateProperties, optional function callback): No matching signature."],["dNR.updateDynamicRules(5)","TypeError","Error in invocation of declarativeNetRequest.updateDynamicRules(declarativeNetRequest.UpdateRuleOptions options, optional function callback): No matching signature."],["dNR.getDynamicRules(ruleIds)","TypeError","Error in invocation of declarativeNetRequest.getDynamicRules(optional declarativeNetRequest.GetRulesFilter filter, optional function callback): Error at parameter 'filter': Error at property 'ruleIds': Error at index 0: Invalid type: expected integer, found string."],["gcm.send(5)","TypeError","Error in invocation of gcm.send(object message, optional function callback): No matching signature."]]}`},
		},
	})
}
