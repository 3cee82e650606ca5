package jsrt

import (
	"context"
	"errors"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Go panic under a script (here a native function dereferencing nil, as goja_nodejs did) fails
// that script and is reported in its realm; the realm and its scheduler keep working.
func TestEnginePanicIsContainedToItsRealm(t *testing.T) {
	s := NewScheduler(Options{})
	r, out, errb := newRealm(t, s)
	other, otherOut, _ := newRealm(t, s)
	require.NoError(t, r.VM.Set("crash", func() int {
		var p *struct{ n int }
		return p.n
	}))

	_, err := r.RunScript("direct.js", `crash()`)
	var ep *EnginePanic
	require.ErrorAs(t, err, &ep)
	assert.Contains(t, ep.Error(), "nil pointer dereference")

	run(t, r, `
		setTimeout(() => crash(), 5);
		Promise.resolve().then(() => console.log("microtasks still run"));
		setTimeout(() => console.log("timers still run"), 10);`)
	run(t, other, `setTimeout(() => console.log("other realm"), 20)`)
	require.NoError(t, s.Run(context.Background()))
	assert.Equal(t, "microtasks still run\ntimers still run\n", out.String())
	assert.Equal(t, "other realm\n", otherOut.String())
	require.Len(t, r.Errors(), 1, "the timer's panic is an uncaught error of its realm")
	require.ErrorAs(t, r.Errors()[0], &ep)
	assert.Contains(t, errb.String(), "Uncaught InternalError: the JavaScript engine failed: runtime error: invalid memory address or nil pointer dereference")
	assert.Empty(t, other.Errors())

	fn, ok := goja.AssertFunction(r.VM.Get("crash"))
	require.True(t, ok)
	_, err = r.Call(fn, nil)
	require.ErrorAs(t, err, &ep)
	assert.Len(t, r.Errors(), 2, "a panic in Call is reported in the realm too")
	assert.Equal(t, int64(3), run(t, r, `1 + 2`).ToInteger())
}

// Panics the realm's owner marks as unwinding (a program's exit) are not contained.
func TestUnwindingPanicsPass(t *testing.T) {
	type exit struct{}
	s := NewScheduler(Options{})
	r := s.NewRealm(RealmOptions{Unwinds: func(x any) bool { _, ok := x.(exit); return ok }})
	t.Cleanup(r.Close)
	require.NoError(t, r.VM.Set("exit", func() { panic(exit{}) }))
	assert.PanicsWithValue(t, exit{}, func() { _, _ = r.RunScript("exit.js", `exit()`) })
	assert.Equal(t, int64(2), run(t, r, `1 + 1`).ToInteger())
}

// goja's lexer panics on \u{10FFFF} in a string or template literal; such a script now runs
// with the same string value. A script that still cannot be parsed is a SyntaxError.
func TestMaxCodePointEscape(t *testing.T) {
	s := NewScheduler(Options{})
	r, _, _ := newRealm(t, s)
	cases := []struct{ src, want string }{
		{`'\u{10ffff}'.codePointAt(0).toString(16)`, "10ffff"},
		{`"a\u{10FFFF}b".length`, "4"},
		{"`x\\u{0010ffff}`.codePointAt(1).toString(16)", "10ffff"},
		{`['\u{10ffff}', '\\u{10ffff}'.length, '\\\u{10ffff}'.length].map(String).join()`, "\U0010ffff,10,3"},
		{`'\u{1F600}' === '\uD83D\uDE00'`, "true"},
	}
	for _, c := range cases {
		v, err := r.RunScript("escape.js", c.src)
		require.NoError(t, err, c.src)
		assert.Equal(t, c.want, v.String(), c.src)
	}
	_, err := r.RunScript("bad.js", `'\u{110000}'`)
	var se *goja.CompilerSyntaxError
	assert.True(t, errors.As(err, &se), "an escape past U+10FFFF stays a SyntaxError: %v", err)
}

func TestSpellMaxCodePoint(t *testing.T) {
	cases := []struct{ in, want string }{
		{`'\u{10ffff}'`, `'\uDBFF\uDFFF'`},
		{`"\u{0010FFFF}\u{10fFfF}"`, `"\uDBFF\uDFFF\uDBFF\uDFFF"`},
		{`'\\u{10ffff}'`, `'\\u{10ffff}'`},
		{`'\\\u{10ffff}'`, `'\\\uDBFF\uDFFF'`},
		{`'\u{10fffe}'`, `'\u{10fffe}'`},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, spellMaxCodePoint(c.in), c.in)
	}
}

// goja_nodejs's URLSearchParams dereferenced nil when a record's key was gone by the time it read
// it; RequireURL's constructor converts the record first, as WebIDL does.
func TestURLSearchParamsConstructor(t *testing.T) {
	r := urlRealm(t)
	cases := []struct{ src, want string }{
		{`new URLSearchParams({get a() { delete this.b; return 1; }, b: 2})`, "a=1"},
		{`new URLSearchParams(new Proxy({}, {ownKeys: () => ["x"],
			getOwnPropertyDescriptor: () => ({value: 1, enumerable: true, configurable: true})}))`, "x=undefined"},
		{`new URLSearchParams(new Proxy({a: 1, b: 2}, {getOwnPropertyDescriptor: (t, k) => k === "a" ? undefined : Reflect.getOwnPropertyDescriptor(t, k)}))`, "b=2"},
		{`new URLSearchParams({a: 1, b: {}, [Symbol("s")]: 3})`, "a=1&b=%5Bobject+Object%5D"},
		{`new URLSearchParams(Object.defineProperty({a: 1}, "hidden", {value: 2}))`, "a=1"},
		{`new URLSearchParams({[Symbol.iterator]: undefined, a: 1})`, "a=1"},
		{`new URLSearchParams([[1, 2], ["c", "d"]])`, "1=2&c=d"},
		{`new URLSearchParams({[Symbol.iterator]: function* () { yield ["x", "y"]; }})`, "x=y"},
		{`new URLSearchParams("?a=b&c")`, "a=b&c="},
		{`new URLSearchParams(new URLSearchParams("a=b"))`, "a=b"},
		{`new URLSearchParams()`, ""},
		{`new URLSearchParams(undefined)`, ""},
		{`new URLSearchParams(null)`, "null="},
		{`new URL("https://x/?q=1").searchParams`, "q=1"},
	}
	for _, c := range cases {
		v, err := r.RunScript("params.js", `String(`+c.src+`)`)
		require.NoError(t, err, c.src)
		assert.Equal(t, c.want, v.String(), c.src)
	}
	throws := []string{
		`URLSearchParams("a=b")`,
		`new URLSearchParams({a: Symbol()})`,
		`new URLSearchParams([["a"]])`,
		`new URLSearchParams({get a() { throw new TypeError("Illegal invocation"); }})`,
	}
	for _, src := range throws {
		v, err := r.RunScript("throws.js", `try { `+src+`; "no throw"; } catch (e) { e.constructor.name }`)
		require.NoError(t, err, src)
		assert.Equal(t, "TypeError", v.String(), src)
	}
	v := run(t, r, `const p = new URLSearchParams("a=1");
		[p instanceof URLSearchParams, Object.getPrototypeOf(p) === URLSearchParams.prototype, URLSearchParams.length, p.get("a")].join()`)
	assert.Equal(t, "true,true,0,1", v.String())
}
