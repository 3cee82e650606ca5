// chrome.commands (commands.go): the manifest's commands, and onCommand, which a pressed shortcut
// fires.
(function (native, global, cfg, kit) {
	"use strict";
	const {alive, unwrap, request, event, chrome} = kit;
	chrome.commands = {
		getAll() {
			alive();
			const r = unwrap(native.getAll.apply(undefined, arguments));
			if (r.callback) {
				const cb = r.callback;
				return request(r.id, (v) => cb(v));
			}
			return request(r.id);
		},
		onCommand: event("commands.onCommand"),
	};
})
