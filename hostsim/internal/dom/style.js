// element.style: a CSSStyleDeclaration over the element's style attribute, as Chromium 156 reads
// and writes it (scenario dom-element-style): declarations in order, "name: value;" joined by
// spaces, !important kept, unknown property names dropped when the attribute is parsed and left as
// plain expandos when assigned. Values are not validated.
//
// A computed style (getComputedStyle) is the same interface over computedstyle.js's values: read
// only (every write throws NoModificationAllowedError, as in Chromium) and live.
(function (known, computed) {
	"use strict";
	const KNOWN = new Set(known);
	const kebab = (k) => (k === "cssFloat" ? "float" : k.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()));
	const isProp = (name) => KNOWN.has(name) || name.startsWith("--");
	function parse(text) {
		const decls = [];
		for (const part of String(text == null ? "" : text).split(";")) {
			const i = part.indexOf(":");
			if (i < 0) continue;
			let name = part.slice(0, i).trim();
			if (!name.startsWith("--")) name = name.toLowerCase();
			let value = part.slice(i + 1).trim(), important = false;
			const m = /!\s*important\s*$/i.exec(value);
			if (m) { important = true; value = value.slice(0, m.index).trim(); }
			if (!isProp(name) || value === "") continue;
			const j = decls.findIndex((d) => d.name === name);
			if (j >= 0) decls.splice(j, 1);
			decls.push({name, value, important});
		}
		return decls;
	}
	const serialize = (decls) => decls.map((d) => d.name + ": " + d.value + (d.important ? " !important" : "") + ";").join(" ");
	const cache = new WeakMap();
	class CSSStyleDeclaration {
		constructor() { throw new TypeError("Illegal constructor"); }
	}
	const slot = new WeakMap(); // declaration object → its element
	const computedSlot = new WeakMap(); // computed declaration object → its element
	// inlineOf reads elements' inline declarations for one computation, parsing each element's
	// style attribute once rather than once per property: nothing runs between the reads.
	const inlineOf = () => {
		const parsed = new Map();
		return (el, name) => {
			let list = parsed.get(el);
			if (list === undefined) {
				list = parse(el.getAttribute("style"));
				parsed.set(el, list);
			}
			const d = list.find((x) => x.name === name);
			return d ? d.value : "";
		};
	};
	const decls = (s) => {
		if (computedSlot.has(s)) {
			const values = computed.compute(computedSlot.get(s), inlineOf());
			return values === null ? [] : computed.names.map((name) => ({name, value: values.get(name), important: false}));
		}
		return parse(slot.get(s).getAttribute("style"));
	};
	const write = (s, list, name) => {
		if (computedSlot.has(s)) {
			throw new DOMException("Failed to execute 'setProperty' on 'CSSStyleDeclaration': These styles are computed, and therefore the '" + name + "' property is read-only.", "NoModificationAllowedError");
		}
		slot.get(s).setAttribute("style", serialize(list));
	};
	Object.defineProperties(CSSStyleDeclaration.prototype, {
		cssText: {get() { return computedSlot.has(this) ? "" : serialize(decls(this)); }, set(v) { write(this, parse(v), "cssText"); }, configurable: true},
		length: {get() { return decls(this).length; }, configurable: true},
		item: {value: function item(i) { const d = decls(this)[i >>> 0]; return d ? d.name : ""; }, configurable: true, writable: true},
		getPropertyValue: {value: function getPropertyValue(name) {
			const d = decls(this).find((x) => x.name === String(name).toLowerCase() || x.name === String(name));
			return d ? d.value : "";
		}, configurable: true, writable: true},
		getPropertyPriority: {value: function getPropertyPriority(name) {
			const d = decls(this).find((x) => x.name === String(name).toLowerCase() || x.name === String(name));
			return d && d.important ? "important" : "";
		}, configurable: true, writable: true},
		setProperty: {value: function setProperty(name, value, priority) {
			name = String(name);
			if (!name.startsWith("--")) name = name.toLowerCase();
			if (computedSlot.has(this)) write(this, null, name);
			if (!isProp(name)) return;
			value = value == null ? "" : String(value).trim();
			const list = decls(this), i = list.findIndex((d) => d.name === name);
			if (value === "") {
				if (i >= 0) { list.splice(i, 1); write(this, list, name); }
				return;
			}
			const d = {name, value, important: String(priority || "").toLowerCase() === "important"};
			if (i >= 0) list[i] = d; else list.push(d);
			write(this, list, name);
		}, configurable: true, writable: true},
		removeProperty: {value: function removeProperty(name) {
			const old = this.getPropertyValue(name);
			this.setProperty(name, "");
			return old;
		}, configurable: true, writable: true},
		[Symbol.toStringTag]: {value: "CSSStyleDeclaration", configurable: true},
	});
	// declaration makes the Proxy scripts see: indices and camelCase names read and write through
	// the interface's methods.
	function declaration(el, slots) {
		const target = Object.create(CSSStyleDeclaration.prototype);
		const p = new Proxy(target, {
			get(t, k, r) {
				if (typeof k === "string") {
					if (/^\d+$/.test(k)) return Reflect.apply(CSSStyleDeclaration.prototype.item, r, [Number(k)]) || undefined;
					if (!(k in t) && KNOWN.has(kebab(k))) return Reflect.apply(CSSStyleDeclaration.prototype.getPropertyValue, r, [kebab(k)]);
				}
				return Reflect.get(t, k, r);
			},
			set(t, k, v, r) {
				if (typeof k === "string" && !(k in t) && KNOWN.has(kebab(k))) {
					Reflect.apply(CSSStyleDeclaration.prototype.setProperty, r, [kebab(k), v]);
					return true;
				}
				return Reflect.set(t, k, v, r);
			},
			has(t, k) { return (typeof k === "string" && KNOWN.has(kebab(k))) || Reflect.has(t, k); },
		});
		slots.set(p, el);
		slots.set(target, el);
		return p;
	}
	return {
		CSSStyleDeclaration,
		styleOf(el) {
			let p = cache.get(el);
			if (!p) {
				p = declaration(el, slot);
				cache.set(el, p);
			}
			return p;
		},
		computedStyleOf: (el) => declaration(el, computedSlot),
	};
})
