// chrome.commands (commands.go): the manifest's commands, and onCommand, which a pressed shortcut
// fires.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	chrome.commands = {
		getAll() {
			return settled(native.getAll, arguments);
		},
		onCommand: event("commands.onCommand"),
	};
})
