"use strict";
// jsdom's JSDOM API over hostsim's own DOM, for require("jsdom") when the real jsdom cannot load.
// The real one makes each window a vm context; a goja runtime has one global object, so here the
// program's global object is the one JSDOM's window (made once per program), and Node's globals
// (require, process, Buffer) stay visible on it.
const internal = require("hostsim:internal");

const unsupported = (what) => {
	const e = new Error("hostsim: jsdom's " + what + " is not supported: hostsim serves jsdom's API from its own DOM");
	e.code = "ERR_HOSTSIM_UNSUPPORTED";
	return e;
};

// Classic scripts only: jsdom runs no module scripts, and none with src unless given resources.
const scriptTypes = new Set(["", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript", "module"]);
const isClassic = (s) => {
	const t = (s.getAttribute("type") || "").trim().toLowerCase();
	return t !== "module" && scriptTypes.has(t) && !s.hasAttribute("src");
};

const readyState = (controls, state) => {
	controls.setReadyState(state);
	document.dispatchEvent(new Event("readystatechange"));
};

class JSDOM {
	constructor(input, options) {
		const opts = options === undefined ? {} : options;
		if (opts.resources !== undefined && opts.resources !== "") {
			throw unsupported("resources option");
		}
		if (opts.runScripts !== undefined && opts.runScripts !== "dangerously" && opts.runScripts !== "outside-only") {
			throw new RangeError('runScripts must be undefined, "dangerously", or "outside-only"');
		}
		const html = input === undefined ? "" : String(input);
		const url = opts.url === undefined ? "about:blank" : new URL(String(opts.url)).href;
		const controls = internal.jsdomWindow(html, url);
		Object.defineProperty(this, "window", { value: globalThis, enumerable: true });
		this._controls = controls;
		if (opts.runScripts === "dangerously") {
			for (const s of Array.from(document.getElementsByTagName("script"))) {
				if (!isClassic(s)) continue;
				try {
					(0, eval)(s.textContent);
				} catch (e) {
					// jsdom reports a script's uncaught error to its virtual console and goes on.
					console.error("Error: Uncaught [" + (e && e.stack ? e.stack : e) + "]");
				}
			}
		}
		// As in jsdom: parsing ends after the constructor returns, then the load.
		setImmediate(() => {
			readyState(controls, "interactive");
			document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
			setImmediate(() => {
				readyState(controls, "complete");
				window.dispatchEvent(new Event("load"));
			});
		});
	}

	serialize() {
		return this._controls.serialize();
	}

	get virtualConsole() {
		throw unsupported("virtualConsole");
	}

	nodeLocation() {
		throw unsupported("nodeLocation");
	}

	getInternalVMContext() {
		throw unsupported("getInternalVMContext");
	}

	reconfigure() {
		throw unsupported("reconfigure");
	}

	static fromURL() {
		return Promise.reject(unsupported("JSDOM.fromURL"));
	}

	static fromFile(filename, options) {
		return new Promise((resolve) => resolve(new JSDOM(internal.readFile(String(filename)), options)));
	}

	static fragment(html) {
		if (typeof document === "undefined") {
			throw unsupported("JSDOM.fragment before a JSDOM is made");
		}
		const t = document.createElement("template");
		t.innerHTML = String(html);
		return t.content;
	}
}

const refusedClass = (what) => ({ [what]: class { constructor() { throw unsupported(what); } } })[what];

module.exports = {
	JSDOM,
	VirtualConsole: refusedClass("VirtualConsole"),
	CookieJar: refusedClass("CookieJar"),
	ResourceLoader: refusedClass("ResourceLoader"),
};
