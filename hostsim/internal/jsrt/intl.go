package jsrt

import (
	"github.com/dop251/goja"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// intlProgram is the part of Intl that extensions were found to use, Intl.Collator, on
// golang.org/x/text's CLDR collation (goja has no Intl). Compare, the numeric and sensitivity
// options and the resolved locale (en-US by default) are Chromium 156's (scenario intl-collator);
// the other Intl constructors are not there.
var intlProgram = goja.MustCompile("jsrt/intl.js", `(function (makeCompare) {
	"use strict";
	const sensitivities = ["base", "accent", "case", "variant"];
	const state = new WeakMap();
	class Collator {
		constructor(locales, options) {
			const o = options === undefined ? {} : Object(options);
			const first = Array.isArray(locales) ? locales[0] : locales;
			const locale = first === undefined ? "en-US" : String(first);
			const sensitivity = o.sensitivity === undefined ? "variant" : String(o.sensitivity);
			if (!sensitivities.includes(sensitivity)) {
				throw new RangeError("Value " + sensitivity + " out of range for Intl.Collator options property sensitivity");
			}
			const numeric = o.numeric === undefined ? false : Boolean(o.numeric);
			const cmp = makeCompare(locale, numeric, sensitivity);
			state.set(this, {cmp, bound: null, resolved: {locale, usage: "sort", sensitivity, ignorePunctuation: false,
				collation: "default", numeric, caseFirst: "false"}});
		}
		get compare() {
			const s = state.get(this);
			if (s === undefined) throw new TypeError("Method get Intl.Collator.prototype.compare called on incompatible receiver " + String(this));
			if (s.bound === null) s.bound = (a, b) => s.cmp(String(a), String(b));
			return s.bound;
		}
		resolvedOptions() {
			return Object.assign({}, state.get(this).resolved);
		}
		static supportedLocalesOf(locales) {
			return locales === undefined ? [] : Array.isArray(locales) ? locales.map(String) : [String(locales)];
		}
	}
	Object.defineProperty(Collator.prototype, Symbol.toStringTag, {value: "Intl.Collator", configurable: true});
	const Intl = {};
	Object.defineProperty(Intl, "Collator", {value: Collator, writable: true, configurable: true});
	Object.defineProperty(Intl, Symbol.toStringTag, {value: "Intl", configurable: true});
	return Intl;
})`, true)

// installIntl defines Intl with its Collator.
func installIntl(vm *goja.Runtime) {
	fn, err := vm.RunProgram(intlProgram)
	must(err)
	build, _ := goja.AssertFunction(fn)
	makeCompare := func(locale string, numeric bool, sensitivity string) func(a, b string) int {
		tag, err := language.Parse(locale)
		if err != nil {
			tag = language.AmericanEnglish
		}
		var opts []collate.Option
		if numeric {
			opts = append(opts, collate.Numeric)
		}
		switch sensitivity {
		case "base":
			opts = append(opts, collate.IgnoreCase, collate.IgnoreDiacritics)
		case "accent":
			opts = append(opts, collate.IgnoreCase)
		case "case":
			opts = append(opts, collate.IgnoreDiacritics)
		}
		c := collate.New(tag, opts...)
		return c.CompareString
	}
	intl, err := build(goja.Undefined(), vm.ToValue(makeCompare))
	must(err)
	must(vm.GlobalObject().DefineDataProperty("Intl", intl, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
}
