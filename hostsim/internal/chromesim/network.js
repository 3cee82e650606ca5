// fetch, Headers, Request, Response, AbortController and AbortSignal in every context, and
// XMLHttpRequest in documents, over the simulated network (network.go): native.fetch(meta JSON,
// body ArrayBuffer or null) runs the request synchronously on the Go side and returns
// {type, url, redirected, status, statusText, headers, body} or {error}. A request is sent in the
// task after the call, as a browser's network stack does. cfg: {document, errors}.
(function (global, native, cfg) {
	"use strict";
	const E = cfg.errors;
	const define = (o, name, value) => Object.defineProperty(o, name, {value, writable: true, configurable: true});
	const BaseResponse = global.Response; // the runner's, which WebAssembly.instantiateStreaming takes

	// DOMException for the worker; documents get the DOM binding's.
	if (!cfg.document && typeof global.DOMException !== "function") {
		const codes = {NetworkError: 19, AbortError: 20, TimeoutError: 23, InvalidStateError: 11, SyntaxError: 12};
		class DOMException extends Error {
			constructor(message = "", name = "Error") {
				super(String(message));
				Object.defineProperty(this, "name", {value: String(name), configurable: true, writable: true});
			}
			get code() { return codes[this.name] || 0; }
		}
		define(global, "DOMException", DOMException);
	}
	const domError = (message, name) => typeof global.DOMException === "function" ?
		new global.DOMException(message, name) : Object.assign(new Error(message), {name});

	// A plain event target for AbortSignal and XMLHttpRequest (the worker has no EventTarget of
	// the DOM's).
	const listenersOf = new WeakMap();
	const eventTargetMethods = {
		addEventListener(type, fn) {
			if (typeof fn !== "function" && !(fn && typeof fn.handleEvent === "function")) return;
			let m = listenersOf.get(this);
			if (!m) listenersOf.set(this, (m = new Map()));
			const list = m.get(String(type)) || [];
			if (!list.includes(fn)) list.push(fn);
			m.set(String(type), list);
		},
		removeEventListener(type, fn) {
			const m = listenersOf.get(this);
			const list = m && m.get(String(type));
			if (list) m.set(String(type), list.filter((f) => f !== fn));
		},
	};
	function fire(target, type, extra) {
		const ev = Object.assign({type, target, currentTarget: target, bubbles: false, cancelable: false,
			defaultPrevented: false, timeStamp: Date.now(), preventDefault() {}, stopPropagation() {}, stopImmediatePropagation() {}}, extra || {});
		const call = (fn) => {
			try { typeof fn === "function" ? fn.call(target, ev) : fn.handleEvent(ev); }
			catch (e) { Promise.reject(e); } // reported as uncaught, as a listener's exception is
		};
		const own = target["on" + type];
		if (typeof own === "function") call(own);
		const m = listenersOf.get(target);
		for (const fn of ((m && m.get(type)) || []).slice()) call(fn);
	}

	// Headers: names lowercased, iterated sorted, values of one name joined with ", ".
	const LIST = Symbol("headers");
	const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
	const checkName = (op, name) => {
		name = String(name);
		if (!TOKEN.test(name)) throw new TypeError(`Failed to execute '${op}' on 'Headers': Invalid name`);
		return name.toLowerCase();
	};
	const normValue = (v) => String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
	class Headers {
		constructor(init) {
			define(this, LIST, []);
			if (init === undefined || init === null) return;
			if (typeof init !== "object" && typeof init !== "function") {
				throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
			}
			if (typeof init[Symbol.iterator] === "function") {
				for (const pair of init) {
					const p = Array.from(pair);
					if (p.length !== 2) throw new TypeError("Failed to construct 'Headers': Invalid value");
					this.append(p[0], p[1]);
				}
			} else {
				for (const k of Object.keys(init)) this.append(k, init[k]);
			}
		}
		append(name, value) { this[LIST].push([checkName("append", name), normValue(value)]); }
		set(name, value) {
			const n = checkName("set", name);
			const list = this[LIST];
			const i = list.findIndex((kv) => kv[0] === n);
			const kept = list.filter((kv) => kv[0] !== n);
			kept.splice(i < 0 ? kept.length : i, 0, [n, normValue(value)]);
			list.length = 0;
			list.push(...kept);
		}
		delete(name) {
			const n = checkName("delete", name);
			const kept = this[LIST].filter((kv) => kv[0] !== n);
			this[LIST].length = 0;
			this[LIST].push(...kept);
		}
		get(name) {
			const n = checkName("get", name);
			const vs = this[LIST].filter((kv) => kv[0] === n).map((kv) => kv[1]);
			return vs.length === 0 ? null : vs.join(", ");
		}
		getSetCookie() { return this[LIST].filter((kv) => kv[0] === "set-cookie").map((kv) => kv[1]); }
		has(name) { const n = checkName("has", name); return this[LIST].some((kv) => kv[0] === n); }
		forEach(fn, thisArg) { for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this); }
		entries() {
			const names = [...new Set(this[LIST].map((kv) => kv[0]))].sort();
			const out = [];
			for (const n of names) {
				if (n === "set-cookie") for (const v of this.getSetCookie()) out.push([n, v]);
				else out.push([n, this.get(n)]);
			}
			return out[Symbol.iterator]();
		}
		keys() { return Array.from(this.entries(), (kv) => kv[0])[Symbol.iterator](); }
		values() { return Array.from(this.entries(), (kv) => kv[1])[Symbol.iterator](); }
		[Symbol.iterator]() { return this.entries(); }
	}
	Object.defineProperty(Headers.prototype, Symbol.toStringTag, {value: "Headers", configurable: true});

	// Bodies: a string, an ArrayBuffer or a view, URLSearchParams; anything else as its string.
	const encoder = new TextEncoder();
	function bodyOf(body) {
		if (body === undefined || body === null) return {bytes: null, type: null};
		if (body instanceof ArrayBuffer) return {bytes: body.slice(0), type: null};
		if (ArrayBuffer.isView(body)) return {bytes: body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength), type: null};
		if (typeof global.URLSearchParams === "function" && body instanceof global.URLSearchParams) {
			return {bytes: encoder.encode(String(body)).buffer, type: "application/x-www-form-urlencoded;charset=UTF-8"};
		}
		const u8 = encoder.encode(String(body));
		return {bytes: u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength), type: "text/plain;charset=UTF-8"};
	}

	// AbortController and AbortSignal.
	const SIGNAL = Symbol("signal");
	class AbortSignal {
		constructor() { throw new TypeError("Illegal constructor"); }
		get aborted() { return this[SIGNAL].aborted; }
		get reason() { return this[SIGNAL].reason; }
		throwIfAborted() { if (this[SIGNAL].aborted) throw this[SIGNAL].reason; }
		static abort(reason) { const s = newSignal(); abortSignal(s, reason); return s; }
		static timeout(ms) {
			const s = newSignal();
			setTimeout(() => abortSignal(s, domError(E.timeout, "TimeoutError")), Number(ms));
			return s;
		}
		static any(signals) {
			const s = newSignal();
			for (const o of signals) {
				if (o.aborted) { abortSignal(s, o.reason); return s; }
			}
			for (const o of signals) o.addEventListener("abort", () => abortSignal(s, o.reason));
			return s;
		}
	}
	Object.assign(AbortSignal.prototype, eventTargetMethods);
	AbortSignal.prototype.onabort = null;
	Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, {value: "AbortSignal", configurable: true});
	function newSignal() {
		const s = Object.create(AbortSignal.prototype);
		define(s, SIGNAL, {aborted: false, reason: undefined});
		return s;
	}
	function abortSignal(s, reason) {
		const st = s[SIGNAL];
		if (st.aborted) return;
		st.aborted = true;
		st.reason = reason === undefined ? domError(E.aborted, "AbortError") : reason;
		fire(s, "abort");
	}
	class AbortController {
		constructor() { define(this, SIGNAL, newSignal()); }
		get signal() { return this[SIGNAL]; }
		abort(reason) { abortSignal(this[SIGNAL], reason); }
	}
	Object.defineProperty(AbortController.prototype, Symbol.toStringTag, {value: "AbortController", configurable: true});

	// Request: what fetch reads from its arguments.
	const REQ = Symbol("request");
	const METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"];
	class Request {
		constructor(input, init) {
			if (arguments.length === 0) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
			init = init === undefined || init === null ? {} : init;
			const base = input instanceof Request ? Object.assign({}, input[REQ]) :
				{url: String(input), method: "GET", headers: new Headers(), body: null, mode: "cors", credentials: "same-origin", redirect: "follow", signal: null};
			if (!(input instanceof Request)) {
				let parsed;
				try { parsed = new URL(base.url, location.href); } catch (e) { parsed = null; }
				if (parsed === null) throw new TypeError(`Failed to construct 'Request': Failed to parse URL from ${base.url}`);
			}
			if (init.method !== undefined) {
				const m = String(init.method);
				if (!TOKEN.test(m)) throw new TypeError(`Failed to construct 'Request': '${m}' is not a valid HTTP method.`);
				base.method = METHODS.includes(m.toUpperCase()) && m.toUpperCase() !== "PATCH" ? m.toUpperCase() : m;
			}
			if (init.headers !== undefined) base.headers = new Headers(init.headers);
			else base.headers = new Headers(base.headers);
			for (const k of ["mode", "credentials", "redirect"]) if (init[k] !== undefined) base[k] = String(init[k]);
			if (init.signal !== undefined) base.signal = init.signal;
			if (init.body !== undefined && init.body !== null) {
				if (base.method === "GET" || base.method === "HEAD") {
					throw new TypeError("Failed to construct 'Request': Request with GET/HEAD method cannot have body.");
				}
				const b = bodyOf(init.body);
				base.body = b.bytes;
				if (b.type !== null && !base.headers.has("content-type")) base.headers.set("content-type", b.type);
			}
			if (base.mode === "no-cors" && !["GET", "HEAD", "POST"].includes(base.method)) {
				throw new TypeError(`Failed to construct 'Request': '${base.method}' is unsupported in no-cors mode.`);
			}
			define(this, REQ, base);
		}
		get url() {
			try { return new URL(this[REQ].url, location.href).href; } catch (e) { return this[REQ].url; }
		}
		get method() { return this[REQ].method; }
		get headers() { return this[REQ].headers; }
		get mode() { return this[REQ].mode; }
		get credentials() { return this[REQ].credentials; }
		get redirect() { return this[REQ].redirect; }
		get signal() { return this[REQ].signal; }
	}
	Object.defineProperty(Request.prototype, Symbol.toStringTag, {value: "Request", configurable: true});

	// Response: the runner's Response (its arrayBuffer, text, json and bodyUsed) with the
	// network's status line, Headers, type and url, and a one-chunk ReadableStream body.
	const MADE = Symbol("made");
	class Response extends BaseResponse {
		constructor(body, init) {
			let r;
			if (body !== null && typeof body === "object" && body[MADE] !== undefined) {
				r = body[MADE];
			} else {
				init = init === undefined || init === null ? {} : init;
				const b = bodyOf(body);
				const headers = new Headers(init.headers);
				if (b.type !== null && !headers.has("content-type")) headers.set("content-type", b.type);
				r = {type: "default", url: "", redirected: false, status: init.status === undefined ? 200 : Number(init.status),
					statusText: init.statusText === undefined ? "" : String(init.statusText), headers, body: b.bytes, nullBody: b.bytes === null};
			}
			super(r.url, r.status, "", r.body === null ? new ArrayBuffer(0) : r.body);
			this.url = r.url;
			this.status = r.status;
			this.ok = r.status >= 200 && r.status <= 299;
			this.statusText = r.statusText;
			this.type = r.type;
			this.redirected = r.redirected;
			this.headers = r.headers;
			let stream;
			const nullBody = r.nullBody;
			Object.defineProperty(this, "body", {get: () => {
				if (nullBody) return null;
				if (stream === undefined) stream = newStream(this);
				return stream;
			}, enumerable: true, configurable: true});
			this.blob = () => { throw new Error("hostsim: Response.blob is not simulated"); };
			this.clone = () => {
				if (this.bodyUsed) throw new TypeError("Failed to execute 'clone' on 'Response': Response body is already used");
				const copy = Object.assign({}, r, {headers: new Headers(this.headers), body: r.body === null ? null : r.body.slice(0)});
				return new Response({[MADE]: copy});
			};
		}
		static error() {
			return new Response({[MADE]: {type: "error", url: "", redirected: false, status: 0, statusText: "", headers: new Headers(), body: null, nullBody: true}});
		}
		static json(data, init) {
			const h = new Headers((init && init.headers) || undefined);
			if (!h.has("content-type")) h.set("content-type", "application/json");
			return new Response(JSON.stringify(data), Object.assign({}, init, {headers: h}));
		}
	}
	Object.defineProperty(Response.prototype, Symbol.toStringTag, {value: "Response", configurable: true});
	// newStream is the one-chunk stream of a response's body, as far as readers use it.
	function newStream(resp) {
		let locked = false;
		return {
			get locked() { return locked; },
			getReader() {
				if (locked) throw new TypeError("Failed to execute 'getReader' on 'ReadableStream': ReadableStreamDefaultReader constructor can only accept readable streams that are not yet locked to a reader");
				locked = true;
				let done = false;
				return {
					read() {
						if (done) return Promise.resolve({done: true, value: undefined});
						done = true;
						return resp.arrayBuffer().then((b) => b.byteLength === 0 ? {done: true, value: undefined} : {done: false, value: new Uint8Array(b)});
					},
					cancel() { done = true; return Promise.resolve(); },
					releaseLock() { locked = false; },
					get closed() { return Promise.resolve(); },
				};
			},
			cancel() { return Promise.resolve(); },
		};
	}

	// send runs a request in a later task; the callbacks run in that task.
	function send(req, ok, fail) {
		const meta = {url: req.url, method: req.method, headers: Array.from(req.headers.entries()),
			mode: req.mode, credentials: req.credentials, redirect: req.redirect};
		const r = native.fetch(JSON.stringify(meta), req.body);
		if (r.error !== undefined) fail(r.error); else ok(r);
	}
	function responseOf(r) {
		const opaque = r.type === "opaque" || r.type === "opaqueredirect";
		return new Response({[MADE]: {type: r.type, url: r.url, redirected: r.redirected, status: opaque ? 0 : r.status,
			statusText: opaque ? "" : r.statusText, headers: new Headers(r.headers), body: r.body, nullBody: opaque}});
	}

	function fetch(input, init) {
		return new Promise((resolve, reject) => {
			const request = new Request(input, init);
			const req = request[REQ];
			const signal = req.signal;
			if (signal && signal.aborted) { reject(signal.reason); return; }
			let settled = false;
			const onAbort = () => { if (!settled) { settled = true; reject(signal.reason); } };
			if (signal) signal.addEventListener("abort", onAbort);
			setTimeout(() => {
				if (settled) return;
				settled = true;
				if (signal) signal.removeEventListener("abort", onAbort);
				send(req, (r) => resolve(responseOf(r)), (msg) => reject(new TypeError(msg)));
			}, 0);
		});
	}

	define(global, "fetch", fetch);
	define(global, "Headers", Headers);
	define(global, "Request", Request);
	define(global, "Response", Response);
	define(global, "AbortController", AbortController);
	define(global, "AbortSignal", AbortSignal);
	if (!cfg.document) return;

	// XMLHttpRequest, in documents (the worker has none).
	const XHR = Symbol("xhr");
	const states = {UNSENT: 0, OPENED: 1, HEADERS_RECEIVED: 2, LOADING: 3, DONE: 4};
	const decoder = new TextDecoder();
	class XMLHttpRequest {
		constructor() {
			define(this, XHR, {state: 0, method: "GET", url: "", async: true, headers: new Headers(), sent: false, resp: null, error: false, type: ""});
			for (const k of ["onreadystatechange", "onload", "onerror", "onloadend", "onloadstart", "onprogress", "onabort", "ontimeout"]) this[k] = null;
			this.timeout = 0;
			this.withCredentials = false;
		}
		get readyState() { return this[XHR].state; }
		get status() { const r = this[XHR].resp; return r && this[XHR].state >= 2 ? r.status : 0; }
		get statusText() { const r = this[XHR].resp; return r && this[XHR].state >= 2 ? r.statusText : ""; }
		get responseURL() { const r = this[XHR].resp; return r ? r.url : ""; }
		get responseType() { return this[XHR].type; }
		set responseType(v) { if (["", "text", "json", "arraybuffer", "blob", "document"].includes(String(v))) this[XHR].type = String(v); }
		get responseText() {
			const x = this[XHR];
			if (x.type !== "" && x.type !== "text") {
				throw domError(`Failed to read the 'responseText' property from 'XMLHttpRequest': The value is only accessible if the object's 'responseType' is '' or 'text' (was '${x.type}').`, "InvalidStateError");
			}
			return x.resp && x.state >= 3 ? decoder.decode(x.resp.body) : "";
		}
		get response() {
			const x = this[XHR];
			if (x.type === "" || x.type === "text") return this.responseText;
			if (x.state !== 4 || !x.resp) return null;
			if (x.type === "json") { try { return JSON.parse(decoder.decode(x.resp.body)); } catch (e) { return null; } }
			if (x.type === "arraybuffer") return x.resp.body.slice(0);
			throw new Error(`hostsim: XMLHttpRequest responseType '${x.type}' is not simulated`);
		}
		open(method, url, async) {
			const x = this[XHR];
			const m = String(method);
			if (!TOKEN.test(m)) throw domError(`Failed to execute 'open' on 'XMLHttpRequest': '${m}' is not a valid HTTP method.`, "SyntaxError");
			let parsed;
			try { parsed = new URL(String(url), location.href); } catch (e) { parsed = null; }
			if (parsed === null) throw domError(`Failed to execute 'open' on 'XMLHttpRequest': Invalid URL`, "SyntaxError");
			Object.assign(x, {method: METHODS.includes(m.toUpperCase()) ? m.toUpperCase() : m, url: String(url), async: async === undefined ? true : !!async,
				headers: new Headers(), sent: false, resp: null, error: false, state: 1});
			fire(this, "readystatechange");
		}
		setRequestHeader(name, value) {
			const x = this[XHR];
			if (x.state !== 1 || x.sent) throw domError("Failed to execute 'setRequestHeader' on 'XMLHttpRequest': The object's state must be OPENED.", "InvalidStateError");
			x.headers.append(name, value);
		}
		getResponseHeader(name) {
			const x = this[XHR];
			if (!x.resp || x.state < 2) return null;
			return x.resp.headers.get(String(name));
		}
		getAllResponseHeaders() {
			const x = this[XHR];
			if (!x.resp || x.state < 2) return "";
			let out = "";
			for (const [k, v] of x.resp.headers.entries()) out += k + ": " + v + "\r\n";
			return out;
		}
		overrideMimeType() {}
		abort() {
			const x = this[XHR];
			if (x.sent && x.state !== 4) {
				x.sent = false; x.error = true; x.state = 4;
				fire(this, "readystatechange"); fire(this, "abort"); fire(this, "loadend");
			}
			x.state = 0;
		}
		send(body) {
			const x = this[XHR];
			if (x.state !== 1 || x.sent) throw domError("Failed to execute 'send' on 'XMLHttpRequest': The object's state must be OPENED.", "InvalidStateError");
			const init = {method: x.method, headers: x.headers, credentials: this.withCredentials ? "include" : "same-origin", mode: "cors"};
			if (body !== undefined && body !== null && x.method !== "GET" && x.method !== "HEAD") init.body = body;
			const req = new Request(x.url, init)[REQ];
			x.sent = true;
			const done = (r) => {
				if (!x.sent) return;
				x.resp = {status: r.status, statusText: r.statusText, url: r.url, headers: new Headers(r.headers), body: new Uint8Array(r.body)};
				x.state = 2; fire(this, "readystatechange");
				x.state = 3; fire(this, "readystatechange");
				const n = x.resp.body.byteLength;
				fire(this, "progress", {lengthComputable: true, loaded: n, total: n});
				x.state = 4; x.sent = false; fire(this, "readystatechange");
				fire(this, "load", {lengthComputable: true, loaded: n, total: n});
				fire(this, "loadend", {lengthComputable: true, loaded: n, total: n});
			};
			const failed = () => {
				if (!x.sent) return;
				x.error = true; x.resp = null; x.state = 4; x.sent = false;
				fire(this, "readystatechange");
				if (!x.async) throw domError(`Failed to execute 'send' on 'XMLHttpRequest': Failed to load '${req.url}'.`, "NetworkError");
				fire(this, "error", {lengthComputable: false, loaded: 0, total: 0});
				fire(this, "loadend", {lengthComputable: false, loaded: 0, total: 0});
			};
			if (!x.async) { send(req, done, failed); return; }
			fire(this, "loadstart", {lengthComputable: false, loaded: 0, total: 0});
			setTimeout(() => { if (x.sent) send(req, done, failed); }, 0);
		}
	}
	Object.assign(XMLHttpRequest, states);
	Object.assign(XMLHttpRequest.prototype, states, eventTargetMethods);
	Object.defineProperty(XMLHttpRequest.prototype, Symbol.toStringTag, {value: "XMLHttpRequest", configurable: true});
	define(global, "XMLHttpRequest", XMLHttpRequest);
})
