// Node 20's util module: format and inspect (Node's output for the common value kinds),
// inherits, promisify, callbackify, deprecate, types and isDeepStrictEqual.
"use strict";

const customInspect = Symbol.for("nodejs.util.inspect.custom");
const customPromisify = Symbol.for("nodejs.util.promisify.custom");

function typeError(code, message) {
	const err = new TypeError(message);
	err.code = code;
	return err;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function quote(s) {
	const q = !s.includes("'") ? "'" : !s.includes('"') ? '"' : !s.includes("`") ? "`" : "'";
	const escaped = s.replace(/[\\\n\t\r\b\f\v]/g, (c) => ({ "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f", "\v": "\\v" })[c]);
	return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}

function formatKey(k) {
	if (typeof k === "symbol") {
		return "[" + k.toString() + "]";
	}
	return identifier.test(k) ? k : quote(k);
}

function constructorName(o) {
	let proto = Object.getPrototypeOf(o);
	while (proto) {
		const d = Object.getOwnPropertyDescriptor(proto, "constructor");
		if (d && typeof d.value === "function" && d.value.name !== "") {
			return d.value.name;
		}
		proto = Object.getPrototypeOf(proto);
	}
	return null;
}

function formatPrimitive(v, ctx) {
	switch (typeof v) {
		case "string":
			return ctx.top ? v : quote(v);
		case "number":
			return Object.is(v, -0) ? "-0" : String(v);
		case "bigint":
			return String(v) + "n";
		case "symbol":
			return v.toString();
		default:
			return String(v);
	}
}

function functionName(f) {
	const src = Function.prototype.toString.call(f);
	if (src.startsWith("class")) {
		return "[class " + (f.name || "(anonymous)") + "]";
	}
	const kind = src.startsWith("async") ? "AsyncFunction" : /^(async\s*)?function\s*\*/.test(src) ? "GeneratorFunction" : "Function";
	return f.name ? "[" + kind + ": " + f.name + "]" : "[" + kind + " (anonymous)]";
}

function join(parts, open, close, ctx, prefix) {
	if (parts.length === 0) {
		return prefix + open + close;
	}
	const start = prefix + open + " ";
	const oneLine = start + parts.join(", ") + " " + close;
	if (oneLine.length + ctx.indent.length <= ctx.breakLength && !parts.some((p) => p.includes("\n"))) {
		return oneLine;
	}
	const ind = ctx.indent + "  ";
	return prefix + open + "\n" + ind + parts.join(",\n" + ind) + "\n" + ctx.indent + close;
}

function formatValue(v, ctx, depth) {
	if (v === null || (typeof v !== "object" && typeof v !== "function")) {
		return formatPrimitive(v, ctx);
	}
	ctx.top = false;
	if (ctx.customInspect !== false && typeof v[customInspect] === "function" && v[customInspect] !== inspect) {
		const r = v[customInspect](ctx.depth - depth, Object.assign({}, ctx.opts), inspect);
		return typeof r === "string" ? r : formatValue(r, ctx, depth);
	}
	if (ctx.seen.includes(v)) {
		return "[Circular *1]";
	}
	const keys = Object.keys(v).concat(Object.getOwnPropertySymbols(v).filter((s) => Object.prototype.propertyIsEnumerable.call(v, s)));
	let prefix = "";
	let open = "{";
	let close = "}";
	const items = [];
	let base = "";
	let ownKeys = keys;
	const name = constructorName(v);
	if (typeof v === "function") {
		base = functionName(v);
		if (keys.length === 0) {
			return base;
		}
	} else if (Array.isArray(v)) {
		open = "[";
		close = "]";
		if (name !== "Array") {
			prefix = (name || "[Array: null prototype]") + "(" + v.length + ") ";
		}
		ownKeys = keys.filter((k) => typeof k === "symbol" || !/^(0|[1-9][0-9]*)$/.test(k));
	} else if (v instanceof Error) {
		base = v.stack || Error.prototype.toString.call(v);
		ownKeys = keys.filter((k) => k !== "stack" && k !== "message");
		if (ownKeys.length === 0) {
			return base;
		}
	} else if (v instanceof Date) {
		base = Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
		if (keys.length === 0) {
			return base;
		}
	} else if (v instanceof RegExp) {
		base = RegExp.prototype.toString.call(v);
		if (keys.length === 0) {
			return base;
		}
	} else if (v instanceof Map) {
		prefix = (name || "Map") + "(" + v.size + ") ";
	} else if (v instanceof Set) {
		prefix = (name || "Set") + "(" + v.size + ") ";
	} else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
		prefix = (name || "TypedArray") + "(" + v.length + ") ";
		open = "[";
		close = "]";
		ownKeys = keys.filter((k) => typeof k === "symbol" || !/^(0|[1-9][0-9]*)$/.test(k));
	} else if (v instanceof Promise) {
		prefix = "Promise ";
		items.push("<pending>");
	} else if (name === null) {
		prefix = "[Object: null prototype] ";
	} else if (name !== "Object") {
		prefix = name + " ";
	}
	if (depth > ctx.depth) {
		if (Array.isArray(v)) {
			return "[Array]";
		}
		return "[" + (name || "Object") + "]";
	}
	ctx.seen.push(v);
	const indent = ctx.indent;
	ctx.indent += "  ";
	const sub = (x) => formatValue(x, ctx, depth + 1);
	if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
		const n = Math.min(v.length, ctx.maxArrayLength);
		let holes = 0;
		for (let i = 0; i < n; i++) {
			if (!Object.prototype.hasOwnProperty.call(v, i) && Array.isArray(v)) {
				holes++;
				continue;
			}
			if (holes > 0) {
				items.push("<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">");
				holes = 0;
			}
			items.push(sub(v[i]));
		}
		if (holes > 0) {
			items.push("<" + holes + " empty item" + (holes > 1 ? "s" : "") + ">");
		}
		if (v.length > n) {
			const more = v.length - n;
			items.push("... " + more + " more item" + (more > 1 ? "s" : ""));
		}
	} else if (v instanceof Map) {
		for (const [k, val] of v) {
			items.push(sub(k) + " => " + sub(val));
		}
	} else if (v instanceof Set) {
		for (const k of v) {
			items.push(sub(k));
		}
	}
	for (const k of ownKeys) {
		const d = Object.getOwnPropertyDescriptor(v, k);
		let text;
		if (d.get && d.set) {
			text = "[Getter/Setter]";
		} else if (d.get) {
			text = "[Getter]";
		} else if (d.set) {
			text = "[Setter]";
		} else {
			text = sub(d.value);
		}
		items.push(formatKey(k) + ": " + text);
	}
	ctx.seen.pop();
	ctx.indent = indent;
	if (base) {
		return join(items, "{", "}", ctx, base + " ");
	}
	return join(items, open, close, ctx, prefix);
}

function inspect(value, opts) {
	const ctx = { depth: 2, breakLength: 80, maxArrayLength: 100, customInspect: true, seen: [], indent: "", top: false, opts: {} };
	if (opts !== null && typeof opts === "object") {
		Object.assign(ctx, opts);
		ctx.opts = opts;
		if (opts.depth === null) {
			ctx.depth = Infinity;
		}
	} else if (typeof opts === "boolean") {
		// Legacy signature inspect(value, showHidden, depth, colors).
		if (arguments.length > 2 && arguments[2] !== undefined) {
			ctx.depth = arguments[2] === null ? Infinity : arguments[2];
		}
	}
	return formatValue(value, ctx, 0);
}
inspect.custom = customInspect;
inspect.defaultOptions = { depth: 2, breakLength: 80, maxArrayLength: 100, customInspect: true };

function format(...args) {
	return formatWithOptions(undefined, ...args);
}

function formatWithOptions(opts, f, ...args) {
	const show = (v) => (typeof v === "string" ? v : inspect(v, opts));
	if (typeof f !== "string") {
		return [f, ...args].map(show).join(" ");
	}
	let i = 0;
	let out = "";
	let last = 0;
	for (let p = 0; p < f.length - 1; p++) {
		if (f.charCodeAt(p) !== 37) {
			continue;
		}
		const c = f[p + 1];
		if (c === "%") {
			out += f.slice(last, p) + "%";
			last = p + 2;
			p++;
			continue;
		}
		if (i >= args.length || !"sdifjoOc".includes(c)) {
			continue;
		}
		const a = args[i++];
		let s;
		switch (c) {
			case "s":
				if (typeof a === "bigint") {
					s = a + "n";
				} else if (typeof a === "number") {
					s = formatPrimitive(a, {});
				} else if (a !== null && typeof a === "object") {
					s = inspect(a, { depth: 0 });
				} else {
					s = String(a);
				}
				break;
			case "d":
				s = typeof a === "bigint" ? a + "n" : typeof a === "symbol" ? "NaN" : formatPrimitive(Number(a), {});
				break;
			case "i":
				s = typeof a === "bigint" ? a + "n" : typeof a === "symbol" ? "NaN" : String(parseInt(a));
				break;
			case "f":
				s = typeof a === "symbol" ? "NaN" : String(parseFloat(a));
				break;
			case "j":
				try {
					s = JSON.stringify(a);
				} catch (e) {
					s = "[Circular]";
				}
				break;
			case "o":
				s = inspect(a, { depth: 4 });
				break;
			case "O":
				s = inspect(a, opts);
				break;
			case "c":
				s = "";
				break;
		}
		out += f.slice(last, p) + s;
		last = p + 2;
		p++;
	}
	out += f.slice(last);
	for (; i < args.length; i++) {
		out += " " + show(args[i]);
	}
	return out;
}

function inherits(ctor, superCtor) {
	if (ctor === undefined || ctor === null) {
		throw typeError("ERR_INVALID_ARG_TYPE", 'The "ctor" argument must be of type function. Received ' + ctor);
	}
	if (superCtor === undefined || superCtor === null) {
		throw typeError("ERR_INVALID_ARG_TYPE", 'The "superCtor" argument must be of type function. Received ' + superCtor);
	}
	if (superCtor.prototype === undefined) {
		throw typeError("ERR_INVALID_ARG_TYPE", 'The "superCtor.prototype" property must be of type object. Received undefined');
	}
	Object.defineProperty(ctor, "super_", { value: superCtor, writable: true, configurable: true });
	Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

function promisify(original) {
	if (typeof original !== "function") {
		throw typeError("ERR_INVALID_ARG_TYPE", 'The "original" argument must be of type function. Received ' + (original === undefined ? "undefined" : typeof original));
	}
	if (original[customPromisify]) {
		const fn = original[customPromisify];
		return Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
	}
	function fn(...args) {
		return new Promise((resolve, reject) => {
			Reflect.apply(original, this, [...args, (err, value) => (err ? reject(err) : resolve(value))]);
		});
	}
	Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
	Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
	return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = customPromisify;

function callbackify(original) {
	if (typeof original !== "function") {
		throw typeError("ERR_INVALID_ARG_TYPE", 'The "original" argument must be of type function. Received ' + (original === undefined ? "undefined" : typeof original));
	}
	return function (...args) {
		const cb = args.pop();
		if (typeof cb !== "function") {
			throw typeError("ERR_INVALID_ARG_TYPE", 'The last argument must be of type function. Received ' + (cb === undefined ? "undefined" : typeof cb));
		}
		Reflect.apply(original, this, args).then(
			(v) => process.nextTick ? process.nextTick(cb, null, v) : cb(null, v),
			(err) => {
				if (!err) {
					const e = new Error("Promise was rejected with a falsy value");
					e.code = "ERR_FALSY_VALUE_REJECTION";
					e.reason = err;
					err = e;
				}
				cb(err);
			},
		);
	};
}

const warned = new Set();
function deprecate(fn, msg, code) {
	let warnedHere = false;
	return function deprecated(...args) {
		if (!warnedHere && !(code && warned.has(code))) {
			warnedHere = true;
			if (code) {
				warned.add(code);
			}
			console.error("(node:" + process.pid + ") " + (code ? "[" + code + "] " : "") + "DeprecationWarning: " + msg + "\n(Use `node --trace-deprecation ...` to show where the warning was created)");
		}
		return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
	};
}

const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
const typedArrays = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"];
const types = {
	isPromise: (v) => v instanceof Promise,
	isRegExp: (v) => v instanceof RegExp,
	isDate: (v) => v instanceof Date,
	isMap: (v) => v instanceof Map,
	isSet: (v) => v instanceof Set,
	isWeakMap: (v) => v instanceof WeakMap,
	isWeakSet: (v) => v instanceof WeakSet,
	isNativeError: (v) => v instanceof Error,
	isArrayBuffer: (v) => v instanceof ArrayBuffer,
	isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== "undefined" && v instanceof SharedArrayBuffer),
	isArrayBufferView: (v) => ArrayBuffer.isView(v),
	isDataView: (v) => v instanceof DataView,
	isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
	isAsyncFunction: (v) => typeof v === "function" && tag(v) === "AsyncFunction",
	isGeneratorFunction: (v) => typeof v === "function" && /^(async\s*)?function\s*\*/.test(Function.prototype.toString.call(v)),
	isGeneratorObject: (v) => tag(v) === "Generator",
	isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean || (typeof v === "object" && v !== null && ["Symbol", "BigInt"].includes(tag(v))),
	isSymbolObject: (v) => typeof v === "object" && v !== null && tag(v) === "Symbol",
	isNumberObject: (v) => v instanceof Number,
	isStringObject: (v) => v instanceof String,
	isBooleanObject: (v) => v instanceof Boolean,
};
for (const name of typedArrays) {
	types["is" + name] = (v) => typeof globalThis[name] === "function" && v instanceof globalThis[name];
}

function isDeepStrictEqual(a, b) {
	return deepEqual(a, b, true, []);
}

// deepEqual is assert.deepStrictEqual's comparison (strict) and assert.deepEqual's (loose).
function deepEqual(a, b, strict, memo) {
	if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) {
		return true;
	}
	if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
		if (!strict && (a === null || typeof a !== "object") && (b === null || typeof b !== "object")) {
			return a == b;
		}
		return false;
	}
	if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) {
		return false;
	}
	if (tag(a) !== tag(b)) {
		return false;
	}
	for (const [x, y] of memo) {
		if (x === a && y === b) {
			return true;
		}
	}
	memo = memo.concat([[a, b]]);
	if (a instanceof Date) {
		if (a.getTime() !== b.getTime()) {
			return false;
		}
	} else if (a instanceof RegExp) {
		if (String(a) !== String(b) || a.lastIndex !== b.lastIndex) {
			return false;
		}
	} else if (a instanceof Error) {
		if (a.message !== b.message || a.name !== b.name) {
			return false;
		}
	} else if (ArrayBuffer.isView(a)) {
		if (a.length !== b.length) {
			return false;
		}
		for (let i = 0; i < a.length; i++) {
			if (!Object.is(a[i], b[i])) {
				return false;
			}
		}
	} else if (a instanceof Number || a instanceof String || a instanceof Boolean) {
		if (!Object.is(a.valueOf(), b.valueOf())) {
			return false;
		}
	}
	if (a instanceof Set) {
		if (a.size !== b.size) {
			return false;
		}
		outer: for (const x of a) {
			if (b.has(x)) {
				continue;
			}
			for (const y of b) {
				if (deepEqual(x, y, strict, memo)) {
					continue outer;
				}
			}
			return false;
		}
	} else if (a instanceof Map) {
		if (a.size !== b.size) {
			return false;
		}
		for (const [k, v] of a) {
			if (!b.has(k) || !deepEqual(v, b.get(k), strict, memo)) {
				return false;
			}
		}
	}
	const keysOf = (o) => {
		const ks = Object.keys(o);
		return strict ? ks.concat(Object.getOwnPropertySymbols(o).filter((s) => Object.prototype.propertyIsEnumerable.call(o, s))) : ks;
	};
	const ka = keysOf(a);
	const kb = keysOf(b);
	if (ka.length !== kb.length) {
		return false;
	}
	for (const k of ka) {
		if (!Object.prototype.propertyIsEnumerable.call(b, k) || !deepEqual(a[k], b[k], strict, memo)) {
			return false;
		}
	}
	return true;
}

function debuglog(section) {
	const enabled = new RegExp("(^|,)" + section + "(,|$)", "i").test((process.env && process.env.NODE_DEBUG) || "");
	const log = (...args) => {
		if (enabled) {
			console.error(section.toUpperCase() + " " + process.pid + ": " + format(...args));
		}
	};
	log.enabled = enabled;
	return log;
}

module.exports = {
	format,
	formatWithOptions,
	inspect,
	inherits,
	promisify,
	callbackify,
	deprecate,
	debuglog,
	debug: debuglog,
	types,
	isDeepStrictEqual,
	TextEncoder: globalThis.TextEncoder,
	TextDecoder: globalThis.TextDecoder,
	stripVTControlCharacters: (s) => s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, ""),
	toUSVString: (s) => String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"),
	isArray: Array.isArray,
	isBoolean: (v) => typeof v === "boolean",
	isNull: (v) => v === null,
	isNullOrUndefined: (v) => v === null || v === undefined,
	isNumber: (v) => typeof v === "number",
	isString: (v) => typeof v === "string",
	isSymbol: (v) => typeof v === "symbol",
	isUndefined: (v) => v === undefined,
	isRegExp: types.isRegExp,
	isObject: (v) => v !== null && typeof v === "object",
	isDate: types.isDate,
	isError: (v) => v instanceof Error,
	isFunction: (v) => typeof v === "function",
	isPrimitive: (v) => v === null || (typeof v !== "object" && typeof v !== "function"),
};

// assert compares with the same code.
require("hostsim:internal").deepEqual = deepEqual;
