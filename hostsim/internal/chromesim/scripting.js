// chrome.scripting (scripting.go): scripts and functions injected into a tab's frames, CSS
// injections (checked, without effect), and content scripts registered at run time.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, chrome} = kit;
	const scripting = {};
	for (const m of ["executeScript", "insertCSS", "removeCSS", "registerContentScripts", "updateContentScripts",
		"getRegisteredContentScripts", "unregisterContentScripts"]) {
		scripting[m] = function () {
			return settled(native[m], arguments);
		};
	}
	Object.assign(scripting, native.enums);
	chrome.scripting = scripting;
})
