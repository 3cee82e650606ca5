// Stand-ins for what Chrome's API schema has and hostsim does not model, so that an extension's
// script runs as far as it would in Chrome and using what is missing fails loudly: a function
// checks its arguments as Chrome's bindings do (from the schema) and then throws "not simulated"
// (unless the test answers it with a fake), an event takes listeners (with a console warning: it
// never fires here), and constants and enums hold Chrome's values. A namespace gets stand-ins only where
// Chrome would give the context that namespace (its permission or manifest key is there, or it
// needs none), and only for the members its model, if any, lacks.
(function (native, global, cfg, kit) {
	"use strict";
	const {chrome} = kit;
	const warned = new Set();
	const define = (obj, name, value) =>
		Object.defineProperty(obj, name, {value, writable: true, enumerable: true, configurable: true});
	function standIn(path, shape) {
		switch (shape.k) {
			case "function":
				// A test may answer it with a Go fake (Extension.Fake); without one it throws.
				return function (...args) {
					kit.unwrap(native.standInCheck(path, ...args));
					const cb = args.length > 0 && typeof args[args.length - 1] === "function" ? args.pop() : undefined;
					const r = kit.unwrap(native.standInCall(path, JSON.stringify(args)));
					if (cb) return kit.request(r.id, (...v) => (v.length === 0 || v[0] === null ? cb() : cb(v[0])));
					return kit.request(r.id).then((v) => (v === null ? undefined : v));
				};
			case "event": {
				const ev = kit.event(path);
				const add = ev.addListener;
				ev.addListener = function (fn) {
					if (!warned.has(path)) {
						warned.add(path);
						console.warn("hostsim: chrome." + path + " is not simulated: its listeners never fire");
					}
					return add.call(this, fn);
				};
				return ev;
			}
			case "value":
				return shape.v !== null && typeof shape.v === "object" ? Object.freeze(shape.v) : shape.v;
		}
		return fill({}, path, shape);
	}
	// fill gives obj the members of shape it lacks, and fills the objects it has. (Indexed loops
	// here: goja's for…of and destructuring allocate iterator results, and a worker has hundreds
	// of stand-ins.)
	function fill(obj, path, shape) {
		const members = shape.m || {}, names = Object.keys(members);
		for (let i = 0; i < names.length; i++) {
			const name = names[i], m = members[name];
			const at = path + "." + name;
			if (!(name in obj)) define(obj, name, standIn(at, m));
			else if (m.k === "object" && obj[name] !== null && typeof obj[name] === "object") fill(obj[name], at, m);
		}
		return obj;
	}
	const standIns = native.standIns(), namespaces = Object.keys(standIns);
	for (let i = 0; i < namespaces.length; i++) {
		const ns = namespaces[i];
		let obj = chrome;
		const parts = ns.split(".");
		for (let j = 0; j < parts.length; j++) {
			const part = parts[j];
			if (obj[part] === undefined) define(obj, part, {});
			obj = obj[part];
		}
		fill(obj, ns, standIns[ns]);
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
})
