package chromejson

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Past chromefacts.MaxMessageBytes long strings are measured instead of written; the outcome,
// the reported size and every side effect of the walk must be what writing them gives.
func TestOversizeTextIsMeasuredNotWritten(t *testing.T) {
	limit := chromefacts.MaxMessageBytes
	n := strconv.Itoa(limit)
	cases := []struct {
		name string
		js   string
		err  error
		size int // the text's true length, reported for ErrTooLarge
		out  string
	}{
		{name: "string one byte over", js: `"a".repeat(` + n + ` - 1)`, err: ErrTooLarge, size: limit + 1},
		{name: "escapes count", js: `"\"\n\u0001a".repeat(` + n + ` / 4)`, err: ErrTooLarge, size: limit/4*11 + 2},
		{name: "after other fields", js: `({a: 1, b: "x".repeat(` + n + `)})`, err: ErrTooLarge, size: len(`{"a":1,"b":""}`) + limit},
		{name: "later BigInt still unserializable", js: `({a: "x".repeat(` + n + `), b: 1n})`, err: ErrUnserializable},
		{name: "later getter still runs", js: `({a: "x".repeat(` + n + `), get b() { throw new Error("ran") }})`, err: ErrUnserializable},
		{name: "dropped key of an undefined value is rolled back", js: `({["k".repeat(` + n + `)]: undefined, a: 1})`, out: `{"a":1}`},
		{name: "array of two halves", js: `["x".repeat(` + n + ` / 2), "y".repeat(` + n + ` / 2)]`, err: ErrTooLarge, size: limit + 2*2 + 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vm := goja.New()
			out, err := Serialize(vm, eval(t, vm, c.js))
			if c.err == nil {
				require.NoError(t, err)
				assert.Equal(t, c.out, out)
				return
			}
			require.ErrorIs(t, err, c.err)
			if c.err == ErrTooLarge {
				var e *Error
				require.True(t, errors.As(err, &e))
				assert.Equal(t, strconv.Itoa(c.size)+" bytes", e.Reason)
			}
		})
	}
}

func FuzzQuotedLen(f *testing.F) {
	for _, s := range []string{"", "a", "\"\\", "\b\f\n\r\t", "\x00\x1f\x7f", "é😀", "a\u2028b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // quoteGo is only given valid UTF-8
		}
		w := &serializer{limit: maxStringLength}
		w.quoteGo(s)
		assert.Equal(t, len(w.buf), quotedLen(s))
		assert.True(t, strings.HasPrefix(string(w.buf), `"`))
	})
}
