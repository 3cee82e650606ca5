package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// collatorProbe sorts and compares strings with Intl.Collator, as a popup sorting tab titles does.
const collatorProbe = `(() => {
	const c = new Intl.Collator();
	return [typeof Intl, Object.prototype.toString.call(c), c.compare("a", "B"), c.compare("b", "a"), c.compare("a", "a"),
		["b", "a", "C", "á", "A", "10", "9", "Z", "é", "e", ""].sort(c.compare),
		new Intl.Collator(undefined, {numeric: true}).compare("10", "9"), c.compare("10", "9"),
		new Intl.Collator("en", {sensitivity: "base"}).compare("a", "A"), new Intl.Collator("en", {sensitivity: "base"}).compare("a", "á"),
		new Intl.Collator("en", {sensitivity: "accent"}).compare("a", "á"),
		c.resolvedOptions().locale, c.resolvedOptions().sensitivity, c.resolvedOptions().numeric];
})()`

// collatorWant is Chromium 156's: CLDR order, lower case first, "10" before "9" unless numeric.
const collatorWant = `{"value":["object","[object Intl.Collator]",-1,1,0,["","10","9","a","A","á","b","C","e","é","Z"],1,-1,0,0,-1,"en-US","variant",false]}`

func init() {
	All = append(All, Scenario{
		Name: "intl-collator",
		Doc:  "Intl.Collator's compare, numeric and sensitivity options and resolved locale, in a page and the worker (measured in Chromium 156).",
		Tabs: []Tab{{Name: "page", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("page/page", collatorProbe), Want: collatorWant},
			{Do: extwasmtest.Eval("worker", collatorProbe), Want: collatorWant},
		},
	})
}
