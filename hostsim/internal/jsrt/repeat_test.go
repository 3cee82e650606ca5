package jsrt

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// outcome is what an expression gives: its string value, or the error it throws.
func outcome(vm *goja.Runtime, run func(string) (goja.Value, error), src string) string {
	v, err := run(src)
	if err != nil {
		return "threw " + err.Error()
	}
	return vm.ToValue(v).String()
}

func TestRepeatAgreesWithGoja(t *testing.T) {
	s := NewScheduler(Options{})
	r, _, _ := newRealm(t, s)
	tests := []struct{ name, src string }{
		{"ascii", `"ab".repeat(3)`},
		{"one", `"xyz".repeat(1)`},
		{"zero", `"x".repeat(0)`},
		{"empty string", `"".repeat(5)`},
		{"fraction truncates", `"x".repeat(2.9)`},
		{"string count", `"x".repeat("3")`},
		{"no count", `"x".repeat()`},
		{"NaN count", `"x".repeat(NaN)`},
		{"negative", `"x".repeat(-1)`},
		{"infinity", `"x".repeat(Infinity)`},
		{"non-ascii", `"é😀".repeat(3)`},
		{"lone surrogate", `"\uD800".repeat(2).length`},
		{"number this", `String.prototype.repeat.call(5, 2)`},
		{"string object this", `new String("ab").repeat(2)`},
		{"undefined this", `String.prototype.repeat.call(undefined, 2)`},
		{"valueOf count runs", `(() => { let n = 0; const r = "x".repeat({ valueOf() { n++; return 2; } }); return r + n; })()`},
		{"big", `"ab".repeat(1 << 20).length`},
		{"descriptor", `JSON.stringify(Object.getOwnPropertyDescriptor(String.prototype, "repeat"), (k, v) => typeof v === "function" ? v.name + "/" + v.length : v)`},
		{"not a constructor", `(() => { try { new "".repeat(); return "constructed"; } catch (e) { return e.constructor.name; } })()`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain := goja.New()
			want := outcome(plain, plain.RunString, tt.src)
			got := outcome(r.VM, func(src string) (goja.Value, error) { return r.RunScript("test.js", src) }, tt.src)
			assert.Equal(t, want, got)
		})
	}
}

func TestRepeatBuildsLongASCIIStrings(t *testing.T) {
	s := NewScheduler(Options{})
	r, _, _ := newRealm(t, s)
	v := run(t, r, `"xy".repeat(1 << 22)`)
	require.Equal(t, 1<<23, len(v.String()))
	assert.Equal(t, strings.Repeat("xy", 1<<22), v.String())
}
