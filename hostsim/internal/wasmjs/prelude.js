// The JavaScript face of the WebAssembly API. The work is done by `native` (Go, over wazero);
// classes live here so prototypes, instanceof and error subclassing behave as in a browser.
(function (native, global) {
	"use strict";

	const errorClass = (name) => {
		const C = class extends Error {
			constructor(message) {
				super(message);
			}
		};
		Object.defineProperty(C, "name", { value: name });
		Object.defineProperty(C.prototype, "name", { value: name, writable: true, configurable: true });
		return C;
	};
	const CompileError = errorClass("CompileError");
	const LinkError = errorClass("LinkError");
	const RuntimeError = errorClass("RuntimeError");

	const handles = new WeakMap();

	const bytesOf = (src, where) => {
		if (src instanceof ArrayBuffer) {
			return new Uint8Array(src);
		}
		if (ArrayBuffer.isView(src)) {
			return new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
		}
		throw new TypeError(where + ": Argument 0 must be a buffer source");
	};

	class Module {
		constructor(bytes) {
			if (new.target === undefined) {
				throw new TypeError("WebAssembly.Module must be invoked with 'new'");
			}
			handles.set(this, native.compile(bytesOf(bytes, "WebAssembly.Module()")));
		}
		static exports(module) {
			return native.moduleExports(handleOf(module, "WebAssembly.Module.exports()"));
		}
		static imports(module) {
			return native.moduleImports(handleOf(module, "WebAssembly.Module.imports()"));
		}
		static customSections(module, name) {
			handleOf(module, "WebAssembly.Module.customSections()");
			return [];
		}
	}
	const handleOf = (module, where) => {
		const h = module instanceof Module ? handles.get(module) : undefined;
		if (h === undefined) {
			throw new TypeError(where + ": Argument 0 must be a WebAssembly.Module");
		}
		return h;
	};

	class Instance {
		constructor(module, importObject) {
			if (new.target === undefined) {
				throw new TypeError("WebAssembly.Instance must be invoked with 'new'");
			}
			const h = handleOf(module, "WebAssembly.Instance()");
			if (importObject !== undefined && (importObject === null || typeof importObject !== "object" && typeof importObject !== "function")) {
				throw new TypeError("WebAssembly.Instance(): Argument 1 must be an object");
			}
			const exports = Object.freeze(native.instantiate(h, importObject));
			Object.defineProperty(this, "exports", { value: exports, enumerable: true, configurable: true });
		}
	}

	class Memory {
		constructor(descriptor) {
			throw new TypeError("WebAssembly.Memory(): standalone memories are not supported by hostsim; use a module's exported memory");
		}
	}

	class Response {
		constructor(url, status, contentType, bytes) {
			this.url = url;
			this.status = status;
			this.ok = status >= 200 && status < 300;
			this.statusText = this.ok ? "OK" : "";
			this.type = "basic";
			this.redirected = false;
			const headers = new Map();
			if (contentType !== "") {
				headers.set("content-type", contentType);
			}
			headers.set("content-length", String(bytes.byteLength));
			this.headers = {
				get: (name) => headers.has(String(name).toLowerCase()) ? headers.get(String(name).toLowerCase()) : null,
				has: (name) => headers.has(String(name).toLowerCase()),
				forEach: (fn) => headers.forEach((v, k) => fn(v, k)),
			};
			let used = false;
			const take = () => {
				if (used) {
					return Promise.reject(new TypeError("Failed to execute 'arrayBuffer' on 'Response': body stream already read"));
				}
				used = true;
				return Promise.resolve(bytes.slice(0));
			};
			Object.defineProperty(this, "bodyUsed", { get: () => used });
			this.arrayBuffer = take;
			this.text = () => take().then((b) => native.utf8(b));
			this.json = () => this.text().then((t) => JSON.parse(t));
		}
	}

	const WebAssembly = {
		Module,
		Instance,
		Memory,
		CompileError,
		LinkError,
		RuntimeError,
		validate(bytes) {
			return native.validate(bytesOf(bytes, "WebAssembly.validate()"));
		},
		compile(bytes) {
			return new Promise((resolve) => resolve(new Module(bytes)));
		},
		instantiate(source, importObject) {
			if (source instanceof Module) {
				return new Promise((resolve) => resolve(new Instance(source, importObject)));
			}
			return WebAssembly.compile(source).then((module) => ({ module, instance: new Instance(module, importObject) }));
		},
		compileStreaming(source) {
			return streamBytes(source, "WebAssembly.compileStreaming()").then((b) => WebAssembly.compile(b));
		},
		instantiateStreaming(source, importObject) {
			return streamBytes(source, "WebAssembly.instantiateStreaming()").then((b) => WebAssembly.instantiate(b, importObject));
		},
	};
	const streamBytes = (source, where) => Promise.resolve(source).then((response) => {
		if (!(response instanceof Response)) {
			throw new TypeError(where + ": Argument 0 must be provided and must be a Response");
		}
		const ct = response.headers.get("content-type");
		if (ct === null || ct.split(";")[0].trim().toLowerCase() !== "application/wasm") {
			throw new TypeError(where + ": Incorrect response MIME type. Expected 'application/wasm'.");
		}
		if (!response.ok) {
			throw new TypeError(where + ": HTTP status code is not ok");
		}
		return response.arrayBuffer();
	});
	Object.defineProperty(WebAssembly, Symbol.toStringTag, { value: "WebAssembly", configurable: true });
	Object.defineProperty(global, "WebAssembly", { value: WebAssembly, writable: true, configurable: true });

	if (native.fetch !== undefined) {
		const fetch = function fetch(input) {
			return new Promise((resolve) => {
				const url = String(input !== null && typeof input === "object" && "url" in input ? input.url : input);
				const r = native.fetch(url);
				resolve(new Response(url, r.status, r.contentType, r.body));
			});
		};
		Object.defineProperty(global, "fetch", { value: fetch, writable: true, configurable: true });
		Object.defineProperty(global, "Response", { value: Response, writable: true, configurable: true });
	}
	return { CompileError, LinkError, RuntimeError, Memory };
})
