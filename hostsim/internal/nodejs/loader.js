// Node 20's CommonJS loader: Module objects, per-module require, the module cache and built-in
// modules. Resolution, file reading and compiling are Go natives (`native`).
(function (native, mainFilename) {
	"use strict";
	const dirname = (f) => {
		const i = f.lastIndexOf("/");
		return i <= 0 ? "/" : f.slice(0, i);
	};
	const cache = Object.create(null);
	const internal = { post: native.post, goBuiltin: native.goBuiltinExports, jsdomWindow: native.jsdomWindow, readFile: native.readFile };
	const builtins = Object.create(null);

	function codedError(Ctor, code, message) {
		const err = new Ctor(message);
		Object.defineProperty(err, "code", { value: code, enumerable: true, writable: true, configurable: true });
		return err;
	}

	function describe(v) {
		if (v === null || v === undefined) {
			return "Received " + v;
		}
		if (typeof v === "function") {
			return "Received function " + (v.name || "<anonymous>");
		}
		if (typeof v === "object") {
			return v.constructor && v.constructor.name ? "Received an instance of " + v.constructor.name : "Received " + String(v);
		}
		let s = typeof v === "string" ? "'" + v + "'" : String(v);
		if (typeof v === "bigint") {
			s += "n";
		}
		return "Received type " + typeof v + " (" + s + ")";
	}

	function requireStack(parent) {
		const stack = [];
		for (let m = parent; m; m = m[kParent]) {
			stack.push(m.filename || m.id);
		}
		return stack;
	}

	const kParent = Symbol("parent");

	class Module {
		constructor(id, parent) {
			this.id = id;
			this.path = dirname(id);
			this.exports = {};
			this.filename = null;
			this.loaded = false;
			this.children = [];
			this.paths = [];
			Object.defineProperty(this, kParent, { value: parent, writable: true });
			if (parent) {
				parent.children.push(this);
			}
		}
		get parent() {
			return this[kParent];
		}
		require(id) {
			if (typeof id !== "string") {
				throw codedError(TypeError, "ERR_INVALID_ARG_TYPE", 'The "id" argument must be of type string. ' + describe(id));
			}
			if (id === "") {
				throw codedError(TypeError, "ERR_INVALID_ARG_VALUE", "The argument 'id' must be a non-empty string. Received ''");
			}
			return load(id, this);
		}
	}

	function resolveFilename(request, parent) {
		const r = native.resolve(request, parent.path);
		if (typeof r === "string") {
			return r;
		}
		let message = r.message;
		const stack = r.requireStack ? requireStack(parent) : [];
		if (stack.length > 0) {
			message += "\nRequire stack:\n- " + stack.join("\n- ");
		}
		const err = codedError(Error, r.code, message);
		if (r.requireStack) {
			err.requireStack = stack;
		}
		throw err;
	}

	function builtinName(request) {
		if (request.startsWith("node:")) {
			const name = request.slice(5);
			if (!native.isBuiltin(name) && !native.isBuiltin(request)) {
				throw codedError(Error, "ERR_UNKNOWN_BUILTIN_MODULE", "No such built-in module: " + request);
			}
			return native.isBuiltin(request) ? request : name;
		}
		return native.isBuiltin(request) && !native.prefixOnly(request) ? request : "";
	}

	function loadBuiltin(name) {
		if (name in builtins) {
			return builtins[name].exports;
		}
		if (!native.supported(name)) {
			throw codedError(Error, "ERR_HOSTSIM_UNSUPPORTED_BUILTIN", "hostsim: Node built-in module '" + name + "' is not supported");
		}
		const m = new Module(name, null);
		m.filename = "node:" + name;
		builtins[name] = m;
		try {
			const src = native.builtinSource(name);
			if (src !== undefined) {
				// Built-ins alone may reach hostsim's internals.
				const req = (id) => (id === "hostsim:internal" ? internal : m.require(id));
				native.compile(m.filename, src).call(m.exports, m.exports, req, m, m.filename, ".");
			} else {
				native.goBuiltin(name, m);
			}
		} catch (e) {
			delete builtins[name];
			throw e;
		}
		m.loaded = true;
		return m.exports;
	}

	function load(request, parent) {
		const name = builtinName(request);
		if (name) {
			return loadBuiltin(name);
		}
		if (request === "jsdom") {
			// The real jsdom needs Node's vm module, which goja cannot provide: when it cannot load
			// (or is not installed), hostsim's own DOM serves its JSDOM API.
			try {
				return loadFile(request, parent);
			} catch (e) {
				return loadBuiltin("hostsim/jsdom");
			}
		}
		return loadFile(request, parent);
	}

	function loadFile(request, parent) {
		const filename = resolveFilename(request, parent);
		const cached = cache[filename];
		if (cached !== undefined) {
			if (parent && !parent.children.includes(cached)) {
				parent.children.push(cached);
			}
			return cached.exports;
		}
		const m = new Module(filename, parent);
		m.filename = filename;
		m.paths = native.nodeModulePaths(m.path);
		cache[filename] = m;
		let ok = false;
		try {
			compileModule(m);
			ok = true;
		} finally {
			if (!ok) {
				delete cache[filename];
				if (parent) {
					const i = parent.children.indexOf(m);
					if (i >= 0) {
						parent.children.splice(i, 1);
					}
				}
			}
		}
		m.loaded = true;
		return m.exports;
	}

	const stripBOM = (s) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

	function compileModule(m) {
		const filename = m.filename;
		if (filename.endsWith(".node")) {
			throw codedError(Error, "ERR_DLOPEN_FAILED", "hostsim: " + filename + " is a native addon; only a real Node.js can load it");
		}
		const content = native.readFile(filename);
		if (filename.endsWith(".json")) {
			try {
				m.exports = JSON.parse(stripBOM(content));
			} catch (e) {
				e.message = filename + ": " + e.message;
				throw e;
			}
			return;
		}
		const fn = native.compile(filename, stripBOM(content));
		fn.call(m.exports, m.exports, makeRequire(m), m, filename, m.path);
	}

	const extensions = Object.create(null);
	for (const ext of [".js", ".json", ".node"]) {
		extensions[ext] = function () {
			throw codedError(Error, "ERR_HOSTSIM_UNSUPPORTED", "hostsim: require.extensions handlers cannot be called");
		};
	}

	let mainModule;

	function makeRequire(m) {
		const require = function require(id) {
			return m.require(id);
		};
		const resolve = function resolve(request, options) {
			if (typeof request !== "string") {
				throw codedError(TypeError, "ERR_INVALID_ARG_TYPE", 'The "request" argument must be of type string. ' + describe(request));
			}
			const name = builtinName(request);
			if (name) {
				return request;
			}
			if (options && Array.isArray(options.paths)) {
				for (const p of options.paths) {
					const r = native.resolve(request, p);
					if (typeof r === "string") {
						return r;
					}
				}
			}
			return resolveFilename(request, m);
		};
		resolve.paths = function paths(request) {
			return builtinName(request) ? null : native.lookupPaths(request, m.path);
		};
		require.resolve = resolve;
		require.main = mainModule;
		require.cache = cache;
		require.extensions = extensions;
		return require;
	}

	// The module whose require() the program sees as the global one: wasm_exec_node.js, as Node
	// runs it.
	mainModule = new Module(".", null);
	mainModule.filename = mainFilename;
	mainModule.path = dirname(mainFilename);
	mainModule.paths = native.nodeModulePaths(mainModule.path);
	mainModule.loaded = true;
	const mainRequire = makeRequire(mainModule);
	mainRequire.main = mainModule;
	return { require: mainRequire, loadBuiltin };
})
