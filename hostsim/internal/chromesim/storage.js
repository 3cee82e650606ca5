// chrome.storage: the areas' methods parse their arguments and do their work in Go (storage.go);
// this half builds the objects with Chrome's key order and turns Go's answer into a promise or a
// callback call with lastError.
(function (native, global, cfg, kit) {
	"use strict";
	// methods in Chrome's order; withResult: the promise resolves (and the callback gets) a value.
	const methods = [
		["get", true],
		["getKeys", true],
		["set", false],
		["remove", false],
		["clear", false],
		["getBytesInUse", true],
		["setAccessLevel", false],
	];
	function method(area, name, withResult) {
		return function () {
			kit.alive();
			let settle;
			const r = kit.unwrap(native.call(area, name, (error, value) => settle(error, value), ...arguments));
			const cb = r.callback;
			if (cb) {
				settle = (error, value) => {
					if (error) kit.withLastError(error, () => kit.call(cb, []));
					else kit.call(cb, withResult ? [value] : []);
				};
				return undefined;
			}
			return new Promise((resolve, reject) => {
				settle = (error, value) => (error ? reject(new Error(error)) : resolve(withResult ? value : undefined));
			});
		};
	}
	const storage = {};
	for (const area of native.areas()) {
		const o = {};
		for (const [name, withResult] of methods) o[name] = method(area, name, withResult);
		o.onChanged = kit.event("storage." + area + ".onChanged");
		for (const [name, value] of native.constants(area)) o[name] = value;
		storage[area] = o;
	}
	storage.onChanged = kit.event("storage.onChanged");
	storage.AccessLevel = {};
	for (const level of native.accessLevels()) storage.AccessLevel[level] = level;
	kit.chrome.storage = storage;
});
