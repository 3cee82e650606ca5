// localStorage and sessionStorage (webstorage.go): the Storage interface over the browser's areas,
// with named properties as Chromium has them (scenario web-storage). Values are strings; quotas and
// storage events are not modelled.
(function (global, native) {
	"use strict";
	function Storage() { throw new TypeError("Illegal constructor"); }
	const area = new WeakMap();
	const s = (o) => area.get(o);
	const methods = {
		key(i) { return native.key(s(this), Number(i) >>> 0); },
		getItem(k) { return native.get(s(this), String(k)); },
		setItem(k, v) { native.set(s(this), String(k), String(v)); },
		removeItem(k) { native.remove(s(this), String(k)); },
		clear() { native.clear(s(this)); },
	};
	for (const [k, f] of Object.entries(methods)) Object.defineProperty(Storage.prototype, k, {value: f, writable: true, configurable: true, enumerable: true});
	Object.defineProperty(Storage.prototype, "length", {get() { return native.length(s(this)); }, configurable: true, enumerable: true});
	Object.defineProperty(Storage.prototype, Symbol.toStringTag, {value: "Storage", configurable: true});
	const make = (session) => {
		const target = Object.create(Storage.prototype);
		const p = new Proxy(target, {
			get(t, k, r) {
				if (typeof k === "string" && !(k in Storage.prototype) && native.has(session, k)) return native.get(session, k);
				return Reflect.get(t, k, r);
			},
			set(t, k, v) {
				if (typeof k === "string" && !(k in Storage.prototype)) { native.set(session, k, String(v)); return true; }
				return Reflect.set(t, k, v);
			},
			has(t, k) { return (typeof k === "string" && native.has(session, k)) || Reflect.has(t, k); },
			deleteProperty(t, k) {
				if (typeof k === "string" && native.has(session, k)) { native.remove(session, k); return true; }
				return Reflect.deleteProperty(t, k);
			},
			ownKeys() { return native.keys(session); },
			getOwnPropertyDescriptor(t, k) {
				if (typeof k === "string" && native.has(session, k)) return {value: native.get(session, k), writable: true, enumerable: true, configurable: true};
				return undefined;
			},
		});
		area.set(p, session);
		area.set(target, session);
		return p;
	};
	const local = make(false), session = make(true);
	for (const [name, v] of [["Storage", Storage], ["localStorage", local], ["sessionStorage", session]]) {
		Object.defineProperty(global, name, {value: v, writable: true, configurable: true, enumerable: name !== "Storage"});
	}
})
