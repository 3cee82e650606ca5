// Element geometry without layout. hostsim lays nothing out, so every element answers as Chromium
// does for one without a box (detached, or display: none): zero sizes, an empty DOMRectList and no
// offsetParent. DOMRect and DOMRectReadOnly are the Geometry Interfaces standard's, whole.
(function (global, Element, HTMLElement) {
	"use strict";
	const num = (v) => (v === undefined ? 0 : +v);
	const data = new WeakMap(); // rect -> {x, y, width, height}
	const self = (r, op) => {
		const d = data.get(r);
		if (d === undefined) throw new TypeError("Illegal invocation");
		return d;
	};

	class DOMRectReadOnly {
		constructor(x, y, width, height) {
			data.set(this, {x: num(x), y: num(y), width: num(width), height: num(height)});
		}
		static fromRect(other) {
			const o = other == null ? {} : other;
			return new this(o.x, o.y, o.width, o.height);
		}
		get x() { return self(this).x; }
		get y() { return self(this).y; }
		get width() { return self(this).width; }
		get height() { return self(this).height; }
		get top() { const d = self(this); return Math.min(d.y, d.y + d.height); }
		get right() { const d = self(this); return Math.max(d.x, d.x + d.width); }
		get bottom() { const d = self(this); return Math.max(d.y, d.y + d.height); }
		get left() { const d = self(this); return Math.min(d.x, d.x + d.width); }
		toJSON() {
			return {x: this.x, y: this.y, width: this.width, height: this.height, top: this.top, right: this.right, bottom: this.bottom, left: this.left};
		}
	}

	class DOMRect extends DOMRectReadOnly {
		get x() { return self(this).x; }
		set x(v) { self(this).x = +v; }
		get y() { return self(this).y; }
		set y(v) { self(this).y = +v; }
		get width() { return self(this).width; }
		set width(v) { self(this).width = +v; }
		get height() { return self(this).height; }
		set height(v) { self(this).height = +v; }
	}

	class DOMRectList {
		constructor(token) {
			if (token !== listToken) throw new TypeError("Illegal constructor");
		}
		get length() { return 0; }
		item() { return null; }
		*[Symbol.iterator]() {}
	}
	const listToken = Symbol("DOMRectList");

	for (const [name, value] of [["DOMRectReadOnly", DOMRectReadOnly], ["DOMRect", DOMRect], ["DOMRectList", DOMRectList]]) {
		Object.defineProperty(global, name, {value, writable: true, configurable: true});
	}

	const methods = (proto, fns) => {
		for (const [name, fn] of Object.entries(fns)) {
			Object.defineProperty(proto, name, {value: fn, writable: true, configurable: true, enumerable: true});
		}
	};
	const zeros = (proto, names) => {
		for (const name of names) {
			Object.defineProperty(proto, name, {get() { return 0; }, configurable: true, enumerable: true});
		}
	};
	methods(Element.prototype, {
		getBoundingClientRect() { return new DOMRect(); },
		getClientRects() { return new DOMRectList(listToken); },
	});
	zeros(Element.prototype, ["clientWidth", "clientHeight", "clientTop", "clientLeft", "scrollWidth", "scrollHeight"]);
	// Scrolling an element without a box does nothing: it stays at 0, as in Chromium.
	for (const name of ["scrollTop", "scrollLeft"]) {
		Object.defineProperty(Element.prototype, name, {get() { return 0; }, set(v) {}, configurable: true, enumerable: true});
	}
	zeros(HTMLElement.prototype, ["offsetWidth", "offsetHeight", "offsetTop", "offsetLeft"]);
	Object.defineProperty(HTMLElement.prototype, "offsetParent", {get() { return null; }, configurable: true, enumerable: true});
})
