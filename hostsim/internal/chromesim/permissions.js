// chrome.permissions (permissions.go): the extension's granted permissions and host patterns, the
// optional ones it requests and removes, and the events that report the changes.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const permissions = {};
	for (const m of ["getAll", "contains", "remove", "request"]) {
		permissions[m] = function () {
			return settled(native[m], arguments);
		};
	}
	permissions.onAdded = event("permissions.onAdded");
	permissions.onRemoved = event("permissions.onRemoved");
	chrome.permissions = permissions;
})
