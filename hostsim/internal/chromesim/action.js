// chrome.action (action.go): badge, title, icon, popup and enabled state, global and per tab, and
// onClicked, which fires when the user clicks an action that has no popup.
(function (native, global, cfg, kit) {
	"use strict";
	const {alive, unwrap, request, event, chrome} = kit;
	// The natives settle with JSON; null stands for "no value": a callback called with no
	// arguments and a promise resolved with undefined.
	function call(method, args) {
		alive();
		const r = unwrap(native[method].apply(undefined, args));
		if (r.callback) {
			const cb = r.callback;
			return request(r.id, (...a) => (a.length === 0 || a[0] === null ? cb() : cb(a[0])));
		}
		return request(r.id).then((v) => (v === null ? undefined : v));
	}
	const action = {};
	for (const m of ["openPopup", "getBadgeText", "setBadgeText", "getBadgeBackgroundColor", "setBadgeBackgroundColor",
		"getBadgeTextColor", "setBadgeTextColor", "getTitle", "setTitle", "getPopup", "setPopup", "setIcon",
		"enable", "disable", "isEnabled", "getUserSettings"]) {
		action[m] = function () {
			return call(m, arguments);
		};
	}
	action.onClicked = event("action.onClicked");
	chrome.action = action;
})
