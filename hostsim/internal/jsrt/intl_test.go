package jsrt

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIntlCollator(t *testing.T) {
	r, _, _ := newRealm(t, NewScheduler(Options{}))
	tests := []struct{ name, expr, want string }{
		{"default order", `["b", "a", "C", "A", "é", "e"].sort(new Intl.Collator().compare).join()`, "a,A,b,C,e,é"},
		{"detached compare", `((c) => [c("a", "b"), c("b", "a"), c("x", "x")].join())(new Intl.Collator().compare)`, "-1,1,0"},
		{"numeric", `new Intl.Collator(undefined, {numeric: true}).compare("10", "9")`, "1"},
		{"base ignores case and accents", `((b) => [b.compare("a", "A"), b.compare("a", "á")].join())(new Intl.Collator("en", {sensitivity: "base"}))`, "0,0"},
		{"resolved options", `((o) => [o.locale, o.sensitivity, o.numeric].join())(new Intl.Collator("de").resolvedOptions())`, "de,variant,false"},
		{"bad sensitivity", `(() => { try { new Intl.Collator("en", {sensitivity: "loud"}); return "no error"; } catch (e) { return e.name; } })()`, "RangeError"},
		{"tag", `Object.prototype.toString.call(new Intl.Collator())`, "[object Intl.Collator]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, run(t, r, tt.expr).String())
		})
	}
}
