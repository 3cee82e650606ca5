// chrome.notifications (notifications.go): the extension's notifications, created, updated and
// cleared, and the events a user's clicks and dismissals fire.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const notifications = {};
	for (const m of ["create", "update", "clear", "getAll", "getPermissionLevel"]) {
		notifications[m] = function () {
			return settled(native[m], arguments);
		};
	}
	for (const e of ["onClosed", "onClicked", "onButtonClicked", "onPermissionLevelChanged", "onShowSettings"]) {
		notifications[e] = event("notifications." + e);
	}
	Object.assign(notifications, native.enums);
	chrome.notifications = notifications;
})
