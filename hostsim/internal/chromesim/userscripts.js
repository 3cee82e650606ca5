// chrome.userScripts (userscripts.go): scripts registered to run in matching pages in a
// USER_SCRIPT world (or the main world), the worlds' configuration, and execute.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, chrome} = kit;
	const userScripts = {};
	for (const m of ["register", "update", "unregister", "getScripts", "execute", "configureWorld",
		"getWorldConfigurations", "resetWorldConfiguration"]) {
		userScripts[m] = function () {
			return settled(native[m], arguments);
		};
	}
	Object.assign(userScripts, native.enums);
	chrome.userScripts = userScripts;
})
