// The realm's intrinsics the clone needs, captured when the context starts so that later changes
// to Map.prototype or the global constructors by extension code do not change what crosses, as
// they do not in V8. Brand checks stand in for V8's instance types.
(function () {
	"use strict";
	const get = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
	const typedProto = Object.getPrototypeOf(Uint8Array.prototype);
	const typedTag = get(typedProto, Symbol.toStringTag);
	const typedBuffer = get(typedProto, "buffer");
	const typedOffset = get(typedProto, "byteOffset");
	const typedLength = get(typedProto, "length");
	const viewBuffer = get(DataView.prototype, "buffer");
	const viewOffset = get(DataView.prototype, "byteOffset");
	const viewLength = get(DataView.prototype, "byteLength");
	const mapHas = Map.prototype.has, mapEntries = Map.prototype.entries, mapSet = Map.prototype.set;
	const setHas = Set.prototype.has, setValues = Set.prototype.values, setAdd = Set.prototype.add;
	const weakMapHas = WeakMap.prototype.has, weakSetHas = WeakSet.prototype.has;
	const symbolValueOf = Symbol.prototype.valueOf;
	const regexpSource = get(RegExp.prototype, "source"), regexpFlags = get(RegExp.prototype, "flags");
	const getTime = Date.prototype.getTime;
	const unboxers = [Number.prototype.valueOf, String.prototype.valueOf, Boolean.prototype.valueOf, BigInt.prototype.valueOf];
	const arrayFrom = Array.from, apply = Reflect.apply, construct = Reflect.construct;
	const ctors = {
		Map, Set, Date, RegExp, DataView, ArrayBuffer, Object, Number, String, Boolean,
		Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
		Float32Array, Float64Array, BigInt64Array, BigUint64Array,
		Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError,
	};
	const branded = (fn, o, arg) => {
		try {
			apply(fn, o, [arg]);
			return true;
		} catch {
			return false;
		}
	};
	const key = {};
	return {
		// kind names what o is where goja's class says only "Object".
		kind(o) {
			const tag = apply(typedTag, o, []);
			if (tag !== undefined) return tag;
			if (branded(viewLength, o)) return "DataView";
			if (branded(mapHas, o, key)) return "Map";
			if (branded(setHas, o, key)) return "Set";
			if (branded(weakMapHas, o, key)) return "WeakMap";
			if (branded(weakSetHas, o, key)) return "WeakSet";
			if (branded(symbolValueOf, o)) return "Symbol";
			return "Object";
		},
		// view is [buffer, byteOffset, length] of a typed array or DataView.
		view(o, isDataView) {
			if (isDataView) return [apply(viewBuffer, o, []), apply(viewOffset, o, []), apply(viewLength, o, [])];
			return [apply(typedBuffer, o, []), apply(typedOffset, o, []), apply(typedLength, o, [])];
		},
		mapEntries: (m) => arrayFrom(apply(mapEntries, m, [])),
		setValues: (s) => arrayFrom(apply(setValues, s, [])),
		regexp: (r) => [apply(regexpSource, r, []), apply(regexpFlags, r, [])],
		time: (d) => apply(getTime, d, []),
		unbox(o) {
			for (const f of unboxers) {
				try {
					return apply(f, o, []);
				} catch {}
			}
		},
		make: (name, args) => construct(ctors[name], args),
		box: (v) => ctors.Object(v),
		mapSet: (m, k, v) => apply(mapSet, m, [k, v]),
		setAdd: (s, v) => apply(setAdd, s, [v]),
		isError: (name) => typeof name === "string" && name.endsWith("Error") && ctors[name] !== undefined,
	};
})()
