// Blob, File and FormData as Chromium 156 has them (scenario web-apis): a Blob's bytes are held in
// the realm; reading them (text, arrayBuffer, bytes, stream) resolves in a later microtask.
(function (global) {
	"use strict";
	const bytes = new WeakMap(); // Blob -> Uint8Array
	const encoder = new TextEncoder();
	const typeOf = (t) => { const s = t === undefined ? "" : String(t); return /^[\x20-\x7e]*$/.test(s) ? s.toLowerCase() : ""; };
	function partBytes(p) {
		if (p instanceof Blob) return bytes.get(p);
		if (p instanceof ArrayBuffer) return new Uint8Array(p.slice(0));
		if (ArrayBuffer.isView(p)) return new Uint8Array(p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength));
		return encoder.encode(String(p));
	}
	class Blob {
		constructor(parts, options) {
			if (parts !== undefined && (parts === null || typeof parts[Symbol.iterator] !== "function" || typeof parts === "string")) {
				throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
			}
			const list = parts === undefined ? [] : Array.from(parts, partBytes);
			const out = new Uint8Array(list.reduce((n, b) => n + b.length, 0));
			let at = 0;
			for (const b of list) { out.set(b, at); at += b.length; }
			bytes.set(this, out);
			Object.defineProperty(this, "_type", {value: typeOf(options && options.type)});
		}
		get size() { return bytes.get(this).length; }
		get type() { return this._type; }
		slice(start, end, contentType) {
			const b = bytes.get(this), n = b.length;
			const clamp = (v, d) => { if (v === undefined) return d; v = Math.trunc(Number(v)) || 0; return v < 0 ? Math.max(n + v, 0) : Math.min(v, n); };
			const s = clamp(start, 0), e = clamp(end, n);
			return new Blob([b.subarray(s, Math.max(s, e))], {type: contentType});
		}
		text() { return Promise.resolve().then(() => new TextDecoder().decode(bytes.get(this))); }
		arrayBuffer() { return Promise.resolve().then(() => bytes.get(this).slice().buffer); }
		bytes() { return Promise.resolve().then(() => bytes.get(this).slice()); }
		get [Symbol.toStringTag]() { return "Blob"; }
	}
	class File extends Blob {
		constructor(parts, name, options) {
			if (arguments.length < 2) throw new TypeError("Failed to construct 'File': 2 arguments required, but only " + arguments.length + " present.");
			super(parts, options);
			Object.defineProperty(this, "_name", {value: String(name)});
			Object.defineProperty(this, "_lastModified", {value: options && options.lastModified !== undefined ? Math.trunc(Number(options.lastModified)) : Date.now()});
		}
		get name() { return this._name; }
		get lastModified() { return this._lastModified; }
		get webkitRelativePath() { return ""; }
		get [Symbol.toStringTag]() { return "File"; }
	}
	const entries = new WeakMap(); // FormData -> [[name, value]]
	const entryValue = (value, filename, op) => {
		if (value instanceof Blob) {
			if (value instanceof File && filename === undefined) return value;
			return new File([value], filename !== undefined ? String(filename) : value instanceof File ? value.name : "blob", {type: value.type, lastModified: value instanceof File ? value.lastModified : undefined});
		}
		if (filename !== undefined) throw new TypeError("Failed to execute '" + op + "' on 'FormData': parameter 2 is not of type 'Blob'.");
		return String(value);
	};
	class FormData {
		constructor(form) {
			const list = [];
			entries.set(this, list);
			if (form === undefined) return;
			if (form === null || typeof form !== "object" || String(form.tagName).toUpperCase() !== "FORM") {
				throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
			}
			// The form's entry list: named, enabled controls; checkboxes and radios when checked,
			// each selected option, no buttons.
			for (const el of Array.from(form.elements || [])) {
				const name = el.getAttribute("name");
				if (!name || el.disabled) continue;
				const tag = el.tagName.toUpperCase(), type = String(el.type || "").toLowerCase();
				if (tag === "BUTTON" || ["button", "submit", "reset", "image", "file"].includes(type)) continue;
				if ((type === "checkbox" || type === "radio") && !el.checked) continue;
				if (tag === "SELECT") {
					for (const o of Array.from(el.options || [])) if (o.selected) list.push([name, o.value]);
					continue;
				}
				list.push([name, String(el.value)]);
			}
		}
		append(name, value, filename) { entries.get(this).push([String(name), entryValue(value, filename, "append")]); }
		set(name, value, filename) {
			name = String(name);
			const v = entryValue(value, filename, "set");
			const list = entries.get(this), i = list.findIndex((e) => e[0] === name);
			if (i < 0) { list.push([name, v]); return; }
			list[i] = [name, v];
			for (let j = list.length - 1; j > i; j--) if (list[j][0] === name) list.splice(j, 1);
		}
		get(name) { const e = entries.get(this).find((x) => x[0] === String(name)); return e ? e[1] : null; }
		getAll(name) { return entries.get(this).filter((x) => x[0] === String(name)).map((x) => x[1]); }
		has(name) { return entries.get(this).some((x) => x[0] === String(name)); }
		delete(name) { entries.set(this, entries.get(this).filter((x) => x[0] !== String(name))); }
		*entries() { for (const [k, v] of entries.get(this).slice()) yield [k, v]; }
		*keys() { for (const [k] of entries.get(this).slice()) yield k; }
		*values() { for (const [, v] of entries.get(this).slice()) yield v; }
		forEach(fn, thisArg) { for (const [k, v] of entries.get(this).slice()) fn.call(thisArg, v, k, this); }
		[Symbol.iterator]() { return this.entries(); }
		get [Symbol.toStringTag]() { return "FormData"; }
	}
	for (const [name, value] of [["Blob", Blob], ["File", File], ["FormData", FormData]]) {
		Object.defineProperty(global, name, {value, writable: true, configurable: true});
	}
})
