package jsrt

import (
	"net/url"

	"github.com/dop251/goja"
	nodeurl "github.com/dop251/goja_nodejs/url"
)

// searchParamsWrapper converts a URLSearchParams constructor argument the way WebIDL does before
// goja_nodejs's constructor sees it. goja_nodejs reads a record by listing its keys and then
// getting each one, and a key gone by then (deleted by an earlier getter, or listed by a Proxy
// that has no such property) made it dereference nil and crash the process. Here a record
// becomes the sequence of its own enumerable string-keyed properties, each value converted to a
// string in order (a Symbol throws a TypeError, as in Chrome), and an object whose
// Symbol.iterator is undefined or null is a record, as WebIDL says.
var searchParamsWrapper = goja.MustCompile("jsrt/searchparams.js", `(function (Native) {
	"use strict";
	const toUSVString = (v) => {
		if (typeof v === "symbol") {
			throw new TypeError("Cannot convert a Symbol value to a string");
		}
		return String(v);
	};
	const record = (init) => {
		const pairs = [];
		for (const key of Reflect.ownKeys(init)) {
			if (typeof key !== "string") {
				continue;
			}
			const desc = Reflect.getOwnPropertyDescriptor(init, key);
			if (desc !== undefined && desc.enumerable) {
				pairs.push([key, toUSVString(init[key])]);
			}
		}
		return pairs;
	};
	const URLSearchParams = function URLSearchParams(...args) {
		if (new.target === undefined) {
			throw new TypeError("Failed to construct 'URLSearchParams': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
		}
		let init = args[0];
		if (init !== null && (typeof init === "object" || typeof init === "function") && init[Symbol.iterator] == null) {
			init = record(init);
		}
		return args.length === 0 ? new Native() : new Native(init);
	};
	URLSearchParams.prototype = Native.prototype;
	return URLSearchParams;
})`, true)

// originGetter gives URL a subclass whose origin replaces goja_nodejs's, which is scheme://hostname for every URL
// (no port, no opaque origins), with the WHATWG URL rule as Chromium applies it (measured in
// Chromium 156, TestURLOrigin): a special scheme's origin keeps a non-default port, a blob: URL has
// its inner URL's origin, file: gives "file://", chrome-extension: its scheme and host, and any
// other scheme the opaque origin "null". Node's realm gets the same rule; Node differs only for
// file: and chrome-extension: URLs ("null"), which Go programs do not ask for.
//
// Its constructor also resolves a relative reference against a base itself (resolve, net/url's
// RFC 3986 resolution): goja_nodejs roots every relative path, so "y.txt" against
// "https://h/x/sw.js" gave "https://h/y.txt" where Chromium gives "https://h/x/y.txt" (scenario
// url-relative), and a wasm-bindgen module's new URL("x_bg.wasm", import.meta.url) missed its file.
var originGetter = goja.MustCompile("jsrt/urlorigin.js", `(function (Native, resolve) {
	"use strict";
	const tuple = {"http:": true, "https:": true, "ws:": true, "wss:": true, "ftp:": true, "chrome-extension:": true};
	const origin = (u) => {
		const protocol = u.protocol;
		if (tuple[protocol] === true) {
			return protocol + "//" + u.host;
		}
		if (protocol === "file:") {
			return "file://";
		}
		if (protocol === "blob:") {
			let inner;
			try {
				inner = new URL(u.href.slice("blob:".length));
			} catch (e) {
				return "null";
			}
			return inner.protocol === "http:" || inner.protocol === "https:" ? origin(inner) : "null";
		}
		return "null";
	};
	// goja_nodejs defines origin as a non-configurable accessor, so a subclass shadows it; its
	// constructor builds the instance on new.target's prototype.
	class URL extends Native {
		constructor(...args) {
			const abs = args.length > 1 && args[1] !== undefined ? resolve(String(args[0]), String(args[1])) : null;
			if (abs !== null) {
				super(abs);
			} else {
				super(...args);
			}
		}
		get origin() { return origin(this); }
	}
	return URL;
})`, true)

// RequireURL is goja_nodejs's url module loader (module.exports gets URL and URLSearchParams)
// with URLSearchParams's constructor made safe (see searchParamsWrapper) and URL's origin as
// Chromium gives it (see originGetter). Instances still come
// from goja_nodejs, so their prototype's constructor property is goja_nodejs's function.
func RequireURL(vm *goja.Runtime, module *goja.Object) {
	nodeurl.Require(vm, module)
	exports := module.Get("exports").ToObject(vm)
	wrap, err := vm.RunProgram(searchParamsWrapper)
	must(err)
	fn, _ := goja.AssertFunction(wrap)
	ctor, err := fn(goja.Undefined(), exports.Get("URLSearchParams"))
	must(err)
	must(exports.Set("URLSearchParams", ctor))
	wrapURL, err := vm.RunProgram(originGetter)
	must(err)
	fn, _ = goja.AssertFunction(wrapURL)
	resolve := func(ref, base string) goja.Value {
		b, err := url.Parse(base)
		if err != nil || !b.IsAbs() {
			return goja.Null() // goja_nodejs's constructor then throws its own error
		}
		r, err := url.Parse(ref)
		if err != nil {
			return goja.Null() // goja_nodejs's constructor then throws its own error
		}
		return vm.ToValue(b.ResolveReference(r).String())
	}
	urlCtor, err := fn(goja.Undefined(), exports.Get("URL"), vm.ToValue(resolve))
	must(err)
	must(exports.Set("URL", urlCtor))
}
