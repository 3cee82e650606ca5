// The chrome.* objects of one JavaScript context. The browser side (routing, channels, lifetimes)
// and Chrome's argument parsing and message serialisation live in Go behind `native`; listener
// bookkeeping, lastError and Port objects live here, in the realm itself, so that they use the
// realm's own Error and Promise.
//
// (native, global, cfg) => internals. cfg: {kind, extensionId, promiseListeners, tabs, errors}; errors
// holds Chrome's error texts from package chromefacts.
(function (native, global, cfg) {
	"use strict";
	const INVALIDATED = cfg.errors.contextInvalidated;
	let invalidated = false;
	let lastError;
	let lastErrorRead = false;

	function alive() {
		if (invalidated) throw new Error(INVALIDATED);
	}
	function invocation(sig, msg) {
		return new TypeError(cfg.errors.invocationPrefix + sig + ": " + msg);
	}
	// unwrap throws the {error, type} a native reports, or returns its result.
	function unwrap(r) {
		if (r !== null && typeof r === "object" && typeof r.error === "string") {
			throw r.type === "TypeError" ? new TypeError(r.error) : new Error(r.error);
		}
		return r;
	}
	function typeName(v) {
		if (v === null) return "null";
		if (Array.isArray(v)) return "array";
		if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
		return typeof v;
	}
	// serialize returns the JSON text Chrome would send, or throws what Chrome throws, built by
	// onError from Chrome's text. portId, for a port's message, lets a native port stay JSON.
	function serialize(v, onError, portId) {
		const r = native.serialize(v, portId);
		if (typeof r !== "string") throw onError(r.error);
		return r;
	}

	// events are the chrome.* events of this context by full name ("tabs.onUpdated"), so that Go
	// can dispatch any of them by name.
	const events = new Map();
	class Event {
		constructor(name) {
			this._name = name;
			this._listeners = [];
			this._dead = false;
		}
		addListener(fn) {
			alive();
			if (typeof fn !== "function") {
				throw invocation(this._name + ".addListener(function callback)", "No matching signature.");
			}
			if (this._dead) return;
			if (!this._listeners.includes(fn)) this._listeners.push(fn);
			native.touch();
			native.listened(this._name);
		}
		removeListener(fn) {
			alive();
			const i = this._listeners.indexOf(fn);
			if (i >= 0) this._listeners.splice(i, 1);
		}
		hasListener(fn) {
			alive();
			return this._listeners.includes(fn);
		}
		hasListeners() {
			alive();
			return this._listeners.length > 0;
		}
	}
	for (const m of ["addRules", "getRules", "removeRules"]) {
		Event.prototype[m] = function () {
			throw new Error("This event does not support rules.");
		};
	}

	function withLastError(msg, fn) {
		lastError = {message: msg};
		lastErrorRead = false;
		try {
			fn();
		} finally {
			if (!lastErrorRead) console.error("Unchecked runtime.lastError: " + msg);
			lastError = undefined;
		}
	}

	// pending one-time requests, by id: {resolve, reject} or {callback}.
	const requests = new Map();
	function request(id, callback) {
		if (callback) {
			requests.set(id, {callback});
			return undefined;
		}
		return new Promise((resolve, reject) => requests.set(id, {resolve, reject}));
	}

	const ports = new Map();
	class Port {
		constructor(id, name, sender) {
			this._id = id;
			this._gone = false;
			this.name = name;
			if (sender !== undefined) this.sender = sender;
			this.onDisconnect = new Event("Port.onDisconnect");
			this.onMessage = new Event("Port.onMessage");
			ports.set(id, this);
		}
		postMessage(msg) {
			alive();
			if (this._gone) throw new Error(cfg.errors.disconnectedPort);
			const s = serialize(msg, (m) => new Error(m), this._id);
			native.portPost(this._id, s);
		}
		disconnect() {
			alive();
			if (this._gone) return;
			this._gone = true;
			this.onMessage._dead = this.onDisconnect._dead = true;
			this.onMessage._listeners = [];
			this.onDisconnect._listeners = [];
			ports.delete(this._id);
			native.portDisconnect(this._id);
		}
	}

	// settled calls a chrome.* native that answers {id, callback} and settles later with JSON:
	// null stands for "no value", which Chrome reports as a callback called with no arguments and a
	// promise resolved with undefined (conformance-apis A1, A6).
	function settled(fn, args) {
		alive();
		const r = unwrap(fn.apply(undefined, args));
		if (r.callback) {
			const cb = r.callback;
			return request(r.id, (...a) => (a.length === 0 || a[0] === null ? cb() : cb(a[0])));
		}
		return request(r.id).then((v) => (v === null ? undefined : v));
	}

	function call(fn, args) {
		try {
			return fn.apply(undefined, args);
		} catch (e) {
			reportError(e);
		}
	}

	// The messaging parts of chrome.runtime, shared by every extension context.
	// event makes the named chrome.* event of this context, dispatchable from Go by that name.
	function event(name) {
		const ev = new Event(name);
		events.set(name, ev);
		return ev;
	}
	const runtime = {};
	// A USER_SCRIPT world has runtime messaging only when its world configuration enables it
	// (measured in Chromium 156: without it chrome.runtime has id, dynamicId and the enums).
	if (cfg.messaging) {
		runtime.onMessage = event("runtime.onMessage");
		runtime.onConnect = event("runtime.onConnect");
	}
	if (cfg.kind !== "content" && cfg.kind !== "userscript") {
		runtime.onMessageExternal = event("runtime.onMessageExternal");
		runtime.onConnectExternal = event("runtime.onConnectExternal");
	}
	if (cfg.kind === "worker" || cfg.kind === "page") {
		// Messages and ports from user-script worlds arrive here, not on onMessage and onConnect
		// (measured in Chromium 156; these events exist without the userScripts permission).
		runtime.onUserScriptMessage = event("runtime.onUserScriptMessage");
		runtime.onUserScriptConnect = event("runtime.onUserScriptConnect");
	}
	Object.defineProperty(runtime, "id", {enumerable: true, get: () => (invalidated ? undefined : cfg.extensionId)});
	if (cfg.dynamicId) runtime.dynamicId = cfg.dynamicId;
	// Not an own enumerable key: Object.keys(chrome.runtime) in Chrome 156 does not list it
	// (measured in an offscreen document, scenario offscreen).
	Object.defineProperty(runtime, "lastError", {
		enumerable: false,
		get() {
			if (lastError !== undefined) lastErrorRead = true;
			return lastError;
		},
	});
	if (cfg.kind !== "userscript") runtime.getURL = function (path) {
		alive();
		if (typeof path !== "string") {
			throw invocation("runtime.getURL(string path)", "Error at parameter 'path': Invalid type: expected string, found " + typeName(path) + ".");
		}
		return native.getURL(path);
	};
	if (cfg.kind !== "userscript") runtime.getManifest = function () {
		alive();
		return native.manifest();
	};

	if (cfg.messaging) {
		runtime.sendMessage = function () {
			alive();
			const r = unwrap(native.sendMessage.apply(undefined, arguments));
			return request(r.id, r.callback);
		};
		runtime.connect = function () {
			alive();
			const r = unwrap(native.connect.apply(undefined, arguments));
			return new Port(r.id, r.name);
		};
	}

	if ((cfg.kind === "worker" || cfg.kind === "page") && cfg.nativeMessaging) {
		runtime.sendNativeMessage = function () {
			alive();
			const r = unwrap(native.sendNativeMessage.apply(undefined, arguments));
			return request(r.id, r.callback);
		};
		runtime.connectNative = function () {
			alive();
			const r = unwrap(native.connectNative.apply(undefined, arguments));
			return new Port(r.id, r.name);
		};
	}

	let tabs;
	if (cfg.tabs) {
		tabs = {};
		tabs.sendMessage = function () {
			alive();
			const r = unwrap(native.tabsSendMessage.apply(undefined, arguments));
			return request(r.id, r.callback);
		};
		tabs.connect = function () {
			alive();
			const r = unwrap(native.tabsConnect.apply(undefined, arguments));
			return new Port(r.id, r.name);
		};
		tabs.TAB_ID_NONE = -1;
	}

	const chrome = {runtime};
	if (tabs) chrome.tabs = tabs;
	if (cfg.kind === "web") {
		// A web page sees chrome.runtime only when some extension lists it in externally_connectable;
		// then only the external messaging entry points exist, and lastError for their callbacks.
		let web = {};
		if (cfg.externallyConnectable) {
			web = {runtime: {sendMessage: runtime.sendMessage, connect: runtime.connect}};
			Object.defineProperty(web.runtime, "lastError", Object.getOwnPropertyDescriptor(runtime, "lastError"));
		}
		global.chrome = web;
	} else {
		global.chrome = chrome;
	}

	// kit is what the API modules (api.go) build their chrome.* namespaces from, so that every
	// namespace shares one Event class, one request table and one lastError.
	const kit = {Event, event, alive, invocation, unwrap, typeName, serialize, request, settled, withLastError, call, chrome, global, cfg};

	// The functions Go calls into this realm.
	return {
		kit,
		hasListeners(event) {
			if (invalidated) return false;
			const ev = runtime[event];
			return ev !== undefined && ev._listeners.length > 0;
		},
		// hasEventListeners is hasListeners for any chrome.* event by its full name.
		hasEventListeners(name) {
			if (invalidated) return false;
			const ev = events.get(name);
			return ev !== undefined && ev._listeners.length > 0;
		},
		// dispatchEvent calls the listeners of the named event with the arguments in argsJSON (a
		// JSON array, or an array already built in this realm); a listener's exception is reported
		// and the others still run. Chrome hands each listener the same argument objects.
		dispatchEvent(name, argsJSON) {
			if (invalidated) return;
			const ev = events.get(name);
			if (ev === undefined || ev._dead) return;
			const args = typeof argsJSON === "string" ? native.parse(argsJSON) : argsJSON;
			for (const fn of ev._listeners.slice()) call(fn, args);
		},
		// dispatchMessage runs this context's onMessage listeners and reports back how the
		// context's receiver ended: "replied" (a listener responded), "async" (a listener
		// returned true or a promise) or "closed".
		dispatchMessage(event, json, senderJSON, channel) {
			const ev = runtime[event];
			const msg = native.parse(json);
			const sender = native.parse(senderJSON);
			let open = true;
			const sendResponse = function (v) {
				if (!open) return;
				let s;
				try {
					s = serialize(v, (m) => new TypeError(m));
				} catch (e) {
					if (e.message === cfg.errors.messageTooLarge) {
						native.replyError(channel, e.message);
						return;
					}
					if (cfg.promiseListeners) native.replyError(channel, e.message);
					throw e;
				}
				native.reply(channel, s);
			};
			let async = false;
			for (const fn of ev._listeners.slice()) {
				let r;
				try {
					r = fn(msg, sender, sendResponse);
				} catch (e) {
					if (cfg.promiseListeners) {
						native.replyError(channel, native.listenerError(e, false));
					} else {
						reportError(e);
					}
					continue;
				}
				if (r === true) {
					async = true;
				} else if (cfg.promiseListeners && r instanceof Promise) {
					async = true;
					r.then(
						(v) => sendResponse(v),
						(e) => native.replyError(channel, native.listenerError(e, true)),
					);
				}
			}
			if (!async) open = false;
			return async;
		},
		// close makes this context's sendResponse functions for channel no-ops; Go calls it through
		// the returned closure only when needed, so nothing to do here.
		dispatchConnect(event, portId, name, senderJSON) {
			const port = new Port(portId, name, native.parse(senderJSON));
			for (const fn of runtime[event]._listeners.slice()) call(fn, [port]);
		},
		portMessage(portId, json) {
			const port = ports.get(portId);
			if (port === undefined || port._gone) return;
			const msg = native.parse(json);
			for (const fn of port.onMessage._listeners.slice()) call(fn, [msg, port]);
		},
		portDisconnected(portId, error) {
			const port = ports.get(portId);
			if (port === undefined || port._gone) return;
			port._gone = true;
			ports.delete(portId);
			const run = () => {
				for (const fn of port.onDisconnect._listeners.slice()) call(fn, [port]);
			};
			if (error) withLastError(error, run);
			else run();
			port.onMessage._dead = port.onDisconnect._dead = true;
		},
		// settle ends a pending one-time request. kind: "ok" (json is the reply), "none" (no reply)
		// or "error" (text is the error).
		settle(id, kind, text) {
			const r = requests.get(id);
			if (r === undefined) return;
			requests.delete(id);
			if (r.callback) {
				if (kind === "ok") call(r.callback, [native.parse(text)]);
				else if (kind === "undefined") call(r.callback, [undefined]);
				else if (kind === "none") withLastError(cfg.errors.portClosedBeforeResponse, () => call(r.callback, []));
				else withLastError(text, () => call(r.callback, []));
				return;
			}
			if (kind === "ok") r.resolve(native.parse(text));
			else if (kind === "undefined") r.resolve(undefined);
			else if (kind === "none") r.resolve(undefined);
			else r.reject(new Error(text));
		},
		// settleValue resolves a non-messaging request (tabs.get, tabs.query) with JSON, or fails it.
		settleValue(id, json, error) {
			const r = requests.get(id);
			if (r === undefined) return;
			requests.delete(id);
			if (r.callback) {
				if (error) withLastError(error, () => call(r.callback, []));
				else call(r.callback, [native.parse(json)]);
				return;
			}
			if (error) r.reject(new Error(error));
			else r.resolve(native.parse(json));
		},
		// settleWithArgs ends a request that failed with results, as Chrome's ErrorWithArguments
		// does: the callback gets the value with lastError set; the promise resolves with the value.
		settleWithArgs(id, json, error) {
			const r = requests.get(id);
			if (r === undefined) return;
			requests.delete(id);
			if (r.callback) withLastError(error, () => call(r.callback, [native.parse(json)]));
			else r.resolve(native.parse(json));
		},
		invalidate() {
			invalidated = true;
			for (const p of ports.values()) p._gone = true;
			ports.clear();
			// Pending requests stay: Chromium still settles them in an orphaned content script.
		},
	};
})
