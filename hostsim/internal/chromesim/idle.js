// chrome.idle (idle.go): the user's idle state, which a test sets, and its event.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	chrome.idle = {
		queryState() {
			return settled(native.queryState, arguments);
		},
		setDetectionInterval() {
			kit.unwrap(native.setDetectionInterval.apply(undefined, arguments));
		},
		onStateChanged: event("idle.onStateChanged"),
	};
})
