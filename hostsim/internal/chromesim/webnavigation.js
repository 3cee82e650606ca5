// chrome.webNavigation: frames of tabs and their navigation events (api.go explains the shape
// of this file).
(function (native, global, cfg, kit) {
	"use strict";
	const call = (fn) =>
		function () {
			kit.alive();
			const r = kit.unwrap(fn.apply(undefined, arguments));
			return kit.request(r.id, r.callback);
		};
	const webNavigation = {getAllFrames: call(native.getAllFrames), getFrame: call(native.getFrame)};
	for (const name of ["onBeforeNavigate", "onCommitted", "onDOMContentLoaded", "onCompleted", "onReferenceFragmentUpdated",
		"onErrorOccurred", "onCreatedNavigationTarget", "onHistoryStateUpdated", "onTabReplaced"]) {
		webNavigation[name] = kit.event("webNavigation." + name);
	}
	Object.assign(webNavigation, native.enums);
	kit.chrome.webNavigation = webNavigation;
});
