// chrome.history (history.go): the profile's browsing history, which tabs' navigations fill.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const history = {};
	for (const m of ["search", "getVisits", "addUrl", "deleteUrl", "deleteRange", "deleteAll"]) {
		history[m] = function () {
			return settled(native[m], arguments);
		};
	}
	history.onVisited = event("history.onVisited");
	history.onVisitRemoved = event("history.onVisitRemoved");
	chrome.history = history;
})
