// Stand-ins for the chrome.* namespaces and runtime members hostsim does not model, so that using
// one fails loudly instead of reading undefined. A namespace's stand-in exists only where Chrome
// would give the context that namespace (its permission is in the manifest, or it needs none);
// a namespace hostsim does model replaces its stand-in by assignment.
(function (native, global, cfg, kit) {
	"use strict";
	const {chrome} = kit;
	const rt = chrome.runtime || {};
	const fail = (what) => new Error("hostsim: chrome." + what + " is not simulated");
	// Symbols, then and toJSON stay undefined, so that awaiting, printing or JSON.stringify on a
	// stand-in behave as they would on an object.
	const quiet = (k) => typeof k === "symbol" || k === "then" || k === "toJSON";
	for (const ns of native.namespaces()) {
		if (chrome[ns] !== undefined) continue;
		const standIn = new Proxy(Object.create(null), {
			get(t, k) {
				if (quiet(k)) return undefined;
				throw fail(ns + "." + String(k));
			},
		});
		Object.defineProperty(chrome, ns, {value: standIn, writable: true, enumerable: true, configurable: true});
	}
	// Web platform globals Chrome has in this kind of context and hostsim's realms lack.
	for (const name of native.webGlobals()) {
		if (name in global) continue;
		Object.defineProperty(global, name, {
			get() {
				throw new Error("hostsim: " + name + " is not simulated");
			},
			set(v) {
				Object.defineProperty(global, name, {value: v, writable: true, enumerable: false, configurable: true});
			},
			enumerable: false,
			configurable: true,
		});
	}
	for (const m of native.runtimeMembers()) {
		if (m in rt) continue;
		Object.defineProperty(rt, m, {
			get() {
				throw fail("runtime." + m);
			},
			set(v) {
				Object.defineProperty(rt, m, {value: v, writable: true, enumerable: true, configurable: true});
			},
			enumerable: true,
			configurable: true,
		});
	}
})
