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
	// windows.remove resolves undefined and calls back with no arguments.
	windows.remove = function () {
		kit.alive();
		const r = kit.unwrap(native.remove.apply(undefined, arguments));
		if (r.callback) {
			const cb = r.callback;
			return kit.request(r.id, () => cb());
		}
		return kit.request(r.id).then(() => undefined);
	};
	windows.update = function () {
		throw new Error(native.notSimulated("windows.update"));
	};
	windows.onBoundsChanged = kit.event("windows.onBoundsChanged"); // bounds never change here
	Object.assign(windows, native.enums);
	windows.WINDOW_ID_CURRENT = -2;
	windows.WINDOW_ID_NONE = -1;
	windows.onCreated = kit.event("windows.onCreated");
	windows.onRemoved = kit.event("windows.onRemoved");
	windows.onFocusChanged = kit.event("windows.onFocusChanged");
	kit.chrome.windows = windows;
});
