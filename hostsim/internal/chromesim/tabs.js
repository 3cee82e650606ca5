// chrome.tabs beyond messaging: the tab strip, navigation and its events (api.go explains the
// shape of this file). tabs.sendMessage and tabs.connect stay in the prelude with the rest of
// messaging.
(function (native, global, cfg, kit) {
	"use strict";
	const tabs = kit.chrome.tabs || (kit.chrome.tabs = {});
	const call = (fn, result) =>
		function () {
			kit.alive();
			const r = kit.unwrap(fn.apply(undefined, arguments));
			if (result === undefined) return kit.request(r.id, r.callback);
			// Methods that resolve undefined call their callback with no arguments (T15, T16).
			if (r.callback) {
				const cb = r.callback;
				return kit.request(r.id, (v) => (v === null || v === undefined ? cb() : cb(v)));
			}
			return kit.request(r.id).then((v) => (v === null ? undefined : v));
		};
	tabs.get = call(native.get);
	tabs.query = call(native.query);
	tabs.create = call(native.create);
	tabs.update = call(native.update);
	tabs.getCurrent = call(native.getCurrent, "void");
	tabs.reload = call(native.reload, "void");
	tabs.remove = call(native.remove, "void");
	// Tabs are never moved, attached, detached or replaced here, so those events exist and never fire.
	for (const name of ["onCreated", "onUpdated", "onActivated", "onHighlighted", "onRemoved", "onZoomChange",
		"onAttached", "onDetached", "onMoved", "onReplaced"]) {
		tabs[name] = kit.event("tabs." + name);
	}
	tabs.getZoom = call(native.getZoom);
	tabs.setZoom = call(native.setZoom, "void");
	tabs.getZoomSettings = call(native.getZoomSettings);
	tabs.setZoomSettings = call(native.setZoomSettings, "void");
	for (const name of ["captureVisibleTab", "createSplit", "detectLanguage", "discard", "duplicate",
		"goBack", "goForward", "group", "highlight", "move", "ungroup", "unsplit"]) {
		tabs[name] = function () {
			throw new Error(native.notSimulated("tabs." + name));
		};
	}
	Object.assign(tabs, native.enums);
	tabs.TAB_ID_NONE = -1;
	tabs.TAB_INDEX_NONE = -1;
	tabs.SPLIT_VIEW_ID_NONE = -1;
	tabs.MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND = 2;
});
