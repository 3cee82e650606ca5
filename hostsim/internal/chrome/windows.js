// chrome.windows: the windows tabs live in (api.go explains the shape of this file).
(function (native, global, cfg, kit) {
	"use strict";
	const windows = {};
	const call = (fn) =>
		function () {
			kit.alive();
			const r = kit.unwrap(fn.apply(undefined, arguments));
			return kit.request(r.id, r.callback);
		};
	for (const name of ["get", "getCurrent", "getLastFocused", "getAll", "create"]) windows[name] = call(native[name]);
	windows.WINDOW_ID_CURRENT = -2;
	windows.WINDOW_ID_NONE = -1;
	windows.onCreated = kit.event("windows.onCreated");
	windows.onRemoved = kit.event("windows.onRemoved");
	windows.onFocusChanged = kit.event("windows.onFocusChanged");
	kit.chrome.windows = windows;
});
