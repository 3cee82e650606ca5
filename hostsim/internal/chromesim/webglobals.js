// navigator in every context, and, in the worker, the EventTarget methods of its global scope, as
// Chromium 156 has them (scenario web-globals). cfg: {worker, secure, cores, memory}.
(function (global, cfg) {
	"use strict";
	const define = (o, name, get) => Object.defineProperty(o, name, {get, enumerable: true, configurable: true});
	const illegal = () => { throw new TypeError("Illegal constructor"); };
	const Nav = cfg.worker ? function WorkerNavigator() { illegal(); } : function Navigator() { illegal(); };
	const proto = Nav.prototype;
	Object.defineProperty(proto, Symbol.toStringTag, {value: Nav.name, configurable: true});
	const brands = [{brand: "Not:A-Brand", version: "8"}, {brand: "Chromium", version: "156"}];
	const uaData = Object.freeze({brands: Object.freeze(brands.map(Object.freeze)), mobile: false, platform: "Linux",
		toJSON() { return {brands: this.brands, mobile: this.mobile, platform: this.platform}; }});
	const ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36";
	const values = {
		userAgent: ua, language: "en-US", onLine: true, hardwareConcurrency: cfg.cores, platform: "Linux x86_64", deviceMemory: cfg.memory,
		userAgentData: uaData,
		// The legacy identity members that platform sniffing reads (scenario navigator-legacy-and-hid).
		appVersion: ua.slice("Mozilla/".length), appName: "Netscape", appCodeName: "Mozilla", product: "Gecko",
	};
	if (!cfg.worker) {
		Object.assign(values, {vendor: "Google Inc.", cookieEnabled: true, webdriver: true, productSub: "20030107", vendorSub: ""});
	}
	for (const [k, v] of Object.entries(values)) define(proto, k, () => v);
	define(proto, "languages", () => Object.freeze(["en-US", "en"]));
	if (cfg.secure) {
		// WebHID, in secure contexts and extension service workers, with no device attached: the
		// simulated machine has none. The worker's has no requestDevice; a document's refuses
		// without a chooser to show.
		let hid;
		define(proto, "hid", () => hid || (hid = makeHID()));
	}
	function makeHID() {
		function HID() { illegal(); }
		const ET = global.EventTarget;
		let h = null;
		try { h = new ET(); } catch (e) { /* no constructible EventTarget in this realm */ }
		if (h === null) {
			const listeners = new Map();
			h = {
				addEventListener(type, fn) { const l = listeners.get(String(type)) || []; if (fn && !l.includes(fn)) l.push(fn); listeners.set(String(type), l); },
				removeEventListener(type, fn) { listeners.set(String(type), (listeners.get(String(type)) || []).filter((f) => f !== fn)); },
				dispatchEvent(ev) { for (const fn of (listeners.get(String(ev && ev.type)) || []).slice()) (typeof fn === "function" ? fn.call(h, ev) : fn.handleEvent(ev)); return true; },
			};
		}
		HID.prototype = Object.create(Object.getPrototypeOf(h));
		Object.defineProperty(HID.prototype, Symbol.toStringTag, {value: "HID", configurable: true});
		HID.prototype.getDevices = function getDevices() { return Promise.resolve([]); };
		if (!cfg.worker) {
			HID.prototype.requestDevice = function requestDevice() {
				const msg = "Failed to execute 'requestDevice' on 'HID': Must be handling a user gesture to show a permission request.";
				return Promise.reject(typeof DOMException === "function" ? new DOMException(msg, "SecurityError") : Object.assign(new Error(msg), {name: "SecurityError"}));
			};
		}
		Object.setPrototypeOf(h, HID.prototype);
		h.onconnect = null;
		h.ondisconnect = null;
		return h;
	}
	const nav = Object.create(proto);
	Object.defineProperty(global, "navigator", {value: nav, enumerable: true, configurable: true, writable: false});
	if (!cfg.worker || typeof global.addEventListener === "function") return;
	// The service worker's global scope is an EventTarget. hostsim fires none of the service
	// worker events (install, activate, fetch, message) at it; listeners are kept and called by
	// dispatchEvent.
	const listeners = new Map();
	const ET = typeof global.EventTarget === "function" ? global.EventTarget : function EventTarget() {};
	const methods = {
		addEventListener(type, fn) {
			if (typeof fn !== "function" && !(fn && typeof fn.handleEvent === "function")) return;
			const list = listeners.get(String(type)) || [];
			if (!list.includes(fn)) list.push(fn);
			listeners.set(String(type), list);
		},
		removeEventListener(type, fn) {
			const list = listeners.get(String(type));
			if (list) listeners.set(String(type), list.filter((f) => f !== fn));
		},
		dispatchEvent(event) {
			for (const fn of (listeners.get(String(event && event.type)) || []).slice()) {
				try { typeof fn === "function" ? fn.call(global, event) : fn.handleEvent(event); }
				catch (e) { Promise.reject(e); } // reported as uncaught, as a listener's exception is
			}
			return !(event && event.defaultPrevented);
		},
	};
	for (const [k, f] of Object.entries(methods)) {
		if (typeof ET.prototype[k] !== "function") Object.defineProperty(ET.prototype, k, {value: f, writable: true, configurable: true});
		Object.defineProperty(global, k, {value: f, writable: true, configurable: true});
	}
	if (typeof global.EventTarget !== "function") Object.defineProperty(global, "EventTarget", {value: ET, writable: true, configurable: true});
	if (typeof global.Event !== "function") {
		// Event and CustomEvent as far as dispatchEvent above reads them.
		class Event {
			constructor(type, init) {
				if (arguments.length === 0) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
				const o = init || {};
				Object.defineProperties(this, {type: {value: String(type), enumerable: true}, bubbles: {value: !!o.bubbles, enumerable: true},
					cancelable: {value: !!o.cancelable, enumerable: true}, timeStamp: {value: Date.now(), enumerable: true}});
				this.defaultPrevented = false;
			}
			preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
		}
		class CustomEvent extends Event {
			constructor(type, init) { super(type, init); Object.defineProperty(this, "detail", {value: init && init.detail !== undefined ? init.detail : null, enumerable: true}); }
		}
		for (const C of [Event, CustomEvent]) Object.defineProperty(global, C.name, {value: C, writable: true, configurable: true});
	}
	try { Object.setPrototypeOf(global, ET.prototype); } catch (e) { /* the global's prototype stays */ }
})
