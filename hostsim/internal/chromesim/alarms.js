// chrome.alarms (conformance-apis §4). Scheduling lives in Go, on the browser's virtual clock.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const alarms = {};
	alarms.onAlarm = event("alarms.onAlarm");
	for (const m of ["clear", "clearAll", "create", "get", "getAll"]) {
		alarms[m] = function () {
			return settled(native[m], arguments);
		};
	}
	chrome.alarms = alarms;
})
