// chrome.alarms (conformance-apis §4). Scheduling lives in Go, on the browser's virtual clock.
(function (native, global, cfg, kit) {
	"use strict";
	const {alive, unwrap, request, event, chrome} = kit;
	// The natives settle with JSON; null stands for "no value", which Chrome reports as a
	// callback called with no arguments and a promise resolved with undefined (A1, A6).
	function call(method, args) {
		alive();
		const r = unwrap(native[method].apply(undefined, args));
		if (r.callback) {
			const cb = r.callback;
			return request(r.id, (...a) => (a.length === 0 || a[0] === null ? cb() : cb(a[0])));
		}
		return request(r.id).then((v) => (v === null ? undefined : v));
	}
	const alarms = {};
	alarms.onAlarm = event("alarms.onAlarm");
	for (const m of ["clear", "clearAll", "create", "get", "getAll"]) {
		alarms[m] = function () {
			return call(m, arguments);
		};
	}
	chrome.alarms = alarms;
})
