// chrome.action (action.go): badge, title, icon, popup and enabled state, global and per tab, and
// onClicked, which fires when the user clicks an action that has no popup.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const action = {};
	for (const m of ["openPopup", "getBadgeText", "setBadgeText", "getBadgeBackgroundColor", "setBadgeBackgroundColor",
		"getBadgeTextColor", "setBadgeTextColor", "getTitle", "setTitle", "getPopup", "setPopup", "setIcon",
		"enable", "disable", "isEnabled", "getUserSettings"]) {
		action[m] = function () {
			return settled(native[m], arguments);
		};
	}
	action.onClicked = event("action.onClicked");
	chrome.action = action;
})
