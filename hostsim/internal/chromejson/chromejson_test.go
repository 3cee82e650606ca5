package chromejson

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

func eval(t testing.TB, vm *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := vm.RunString("(" + src + ")")
	require.NoError(t, err, src)
	return v
}

// Every case of conformance §6 and chromium.md §5(g).
func TestSerialize(t *testing.T) {
	cases := []struct{ js, want string }{
		{`undefined`, `null`},
		{`null`, `null`},
		{`[1, undefined, 2]`, `[1,null,2]`},
		{`({a:1, b:undefined})`, `{"a":1}`},
		{`[1, ()=>{}, 2]`, `[1,null,2]`},
		{`({a:1, b:()=>{}})`, `{"a":1}`},
		{`({a: Symbol()})`, `{}`},
		{`[Symbol()]`, `[null]`},
		{`NaN`, `null`},
		{`[NaN, Infinity, -Infinity]`, `[null,null,null]`},
		{`-0`, `0`},
		{`[-0]`, `[0]`},
		{`({a:1, toJSON:()=>({b:2})})`, `{"b":2}`},
		{`new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6))`, `"2020-01-02T03:04:05.006Z"`},
		{`new Map([[1,2]])`, `{}`},
		{`new Set([1])`, `{}`},
		{`/re/g`, `{}`},
		{`new Error("x")`, `{}`},
		{`Object.assign(new Error("x"), {code: 7})`, `{"code":7}`},
		{`new ArrayBuffer(8)`, `{}`},
		{`new Uint8Array([1,2])`, `{"0":1,"1":2}`},
		{`new Float64Array([0.5])`, `{"0":0.5}`},
		{`"é\u2028"`, "\"é\u2028\""},
		{`"a\"b\\c\n\t\b\f\r\u0001\u001f\u007f"`, `"a\"b\\c\n\t\b\f\r\u0001\u001f` + "\x7f" + `"`},
		{`"\uD800"`, `"\ud800"`},
		{`"x\uDC00y"`, `"x\udc00y"`},
		{`"\uD83D\uDE00"`, `"😀"`},
		{`"\uFFFD"`, "\"\uFFFD\""},
		{`1e21`, `1e+21`},
		{`0.1`, `0.1`},
		{`123456789012`, `123456789012`},
		{`true`, `true`},
		{`new Number(3)`, `3`},
		{`new String("s")`, `"s"`},
		{`new Boolean(false)`, `false`},
		{`({2:"b", 1:"a", x:1})`, `{"1":"a","2":"b","x":1}`},
		{`({get g() { return 5 }})`, `{"g":5}`},
		{`Object.create({inherited: 1}, {own: {value: 2, enumerable: true}, hidden: {value: 3}})`, `{"own":2}`},
		{`(() => { class C { constructor() { this.a = 1 } m() {} }; return new C })()`, `{"a":1}`},
		{`(() => { const o = {}; return [o, o] })()`, `[{},{}]`},
		{`({"__proto__": 1})`, `{}`},
		{`JSON.parse('{"__proto__": 1}')`, `{"__proto__":1}`},
		{`(() => { BigInt.prototype.toJSON = function () { return this.toString() }; const r = {b: 5n}; delete BigInt.prototype.toJSON; return r })()`, ``},
	}
	for _, c := range cases {
		t.Run(c.js, func(t *testing.T) {
			vm := goja.New()
			v := eval(t, vm, c.js)
			got, err := Serialize(vm, v)
			if c.want == "" { // the BigInt case: toJSON was removed again before serializing
				assert.ErrorIs(t, err, ErrUnserializable)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestSerializeBigIntToJSON(t *testing.T) {
	vm := goja.New()
	v := eval(t, vm, `(() => { BigInt.prototype.toJSON = function () { return this.toString() }; return {b: 5n} })()`)
	got, err := Serialize(vm, v)
	require.NoError(t, err)
	assert.Equal(t, `{"b":"5"}`, got)
}

func TestUnserializable(t *testing.T) {
	cases := []struct{ name, js string }{
		{"top-level function", `() => {}`},
		{"top-level symbol", `Symbol("s")`},
		{"bigint", `10n`},
		{"nested bigint", `({a: [1n]})`},
		{"bigint object", `Object(1n)`},
		{"cycle", `(() => { const o = {}; o.self = o; return o })()`},
		{"array cycle", `(() => { const a = []; a.push([a]); return a })()`},
		{"toJSON throws", `({toJSON() { throw new Error("no") }})`},
		{"getter throws", `({get x() { throw new Error("no") }})`},
		{"toJSON returns function", `({toJSON() { return () => 1 }})`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vm := goja.New()
			_, err := Serialize(vm, eval(t, vm, c.js))
			require.Error(t, err)
			assert.Equal(t, "Could not serialize message.", err.Error())
			assert.ErrorIs(t, err, ErrUnserializable)
			var e *Error
			require.True(t, errors.As(err, &e))
			assert.NotEmpty(t, e.Reason)
		})
	}
}

func TestDepthLimit(t *testing.T) {
	vm := goja.New()
	nest := func(n int) goja.Value {
		return eval(t, vm, `(() => { let a = 0; for (let i = 0; i < `+strconv.Itoa(n)+`; i++) a = [a]; return a })()`)
	}
	_, err := Serialize(vm, nest(1000))
	assert.NoError(t, err, "Chromium serialized 1000 levels")
	_, err = Serialize(vm, nest(MaxDepth))
	assert.NoError(t, err)
	_, err = Serialize(vm, nest(MaxDepth+1))
	assert.ErrorIs(t, err, ErrUnserializable)
	_, err = Serialize(vm, nest(4775))
	assert.ErrorIs(t, err, ErrUnserializable, "Chromium failed at 4775 levels")
}

// chromium.md §5(h): 67,108,862 chars (67,108,864 bytes of JSON) pass, one
// more fails; 33,554,431 × é pass, 33,554,432 fail.
func TestSizeLimit(t *testing.T) {
	vm := goja.New()
	cases := []struct {
		s  string
		ok bool
	}{
		{strings.Repeat("a", chromefacts.MaxMessageBytes-2), true},
		{strings.Repeat("a", chromefacts.MaxMessageBytes-1), false},
		{strings.Repeat("é", 33554431), true},
		{strings.Repeat("é", 33554432), false},
	}
	for _, c := range cases {
		out, err := Serialize(vm, vm.ToValue(c.s))
		if c.ok {
			require.NoError(t, err)
			assert.Len(t, out, chromefacts.MaxMessageBytes)
			continue
		}
		require.Error(t, err)
		assert.Equal(t, "Message exceeded maximum allowed size of 64MiB.", err.Error())
		assert.ErrorIs(t, err, ErrTooLarge)
	}
}

func TestDeserialize(t *testing.T) {
	vm := goja.New()
	cases := []struct{ in, check string }{
		{`null`, `v === null`},
		{`{"a":[1,2,{"b":"c"}]}`, `v.a.length === 3 && v.a[2].b === "c"`},
		{`{"__proto__":1}`, `Object.getPrototypeOf(v) === Object.prototype && v.__proto__ === 1 && Object.keys(v)[0] === "__proto__"`},
		{`{"a":1,"a":2}`, `v.a === 2 && Object.keys(v).length === 1`},
		{`"\ud800"`, `v.length === 1 && v.charCodeAt(0) === 0xD800`},
		{`"\uD83D\uDE00 é"`, `v === "😀 é"`},
		{`"a\"\\\/\b\f\n\r\t"`, `v === "a\"\\/\b\f\n\r\t"`},
		{` [ -0 , 1.5e3 , 1E-2, 9007199254740993, 1e400 ] `, `Object.is(v[0], -0) && v[1] === 1500 && v[2] === 0.01 && v[3] === 9007199254740992 && v[4] === Infinity`},
		{`true`, `v === true`},
		{`[]`, `Array.isArray(v) && v.length === 0`},
		{`{}`, `typeof v === "object" && Object.keys(v).length === 0`},
		{`"plain"`, `v === "plain"`},
	}
	for _, c := range cases {
		v, err := Deserialize(vm, c.in)
		require.NoError(t, err, c.in)
		require.NoError(t, vm.Set("v", v))
		ok, err := vm.RunString(c.check)
		require.NoError(t, err)
		assert.True(t, ok.ToBoolean(), "%s: %s", c.in, c.check)
	}
}

func TestDeserializeMalformed(t *testing.T) {
	vm := goja.New()
	for _, in := range []string{``, `{`, `[1,]`, `{"a" 1}`, `{a:1}`, `01`, `1.`, `-`, `1e`, `"\x"`, `"\u12"`, "\"\x01\"", `tru`, `nul`, `[1] x`, `"abc`, `{"a":1,}`, `NaN`, `'s'`} {
		_, err := Deserialize(vm, in)
		require.Error(t, err, in)
		assert.Equal(t, "The sender sent an invalid JSON message; message ignored.", err.Error())
		assert.ErrorIs(t, err, ErrMalformed)
	}
}

// The round trip must equal what the realm's own JSON does for ordinary
// values (goja's JSON implements the same ECMAScript algorithm).
func TestRoundTripMatchesRealmJSON(t *testing.T) {
	vm := goja.New()
	for _, js := range []string{
		`{"x":[1,"two",{"three":3.5,"n":null}],"t":true,"u":"ü\n"}`,
		`[[],{},[[[]]],"",0,-1.25e-7]`,
	} {
		v := eval(t, vm, js)
		got, err := Serialize(vm, v)
		require.NoError(t, err)
		want := eval(t, vm, "JSON.stringify("+js+")").String()
		assert.Equal(t, want, got)
		back, err := Deserialize(vm, got)
		require.NoError(t, err)
		again, err := Serialize(vm, back)
		require.NoError(t, err)
		assert.Equal(t, got, again)
	}
}

func FuzzDeserialize(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":"c"}]}`, `"\ud800"`, `[-0,1e400]`, `{"__proto__":{}}`, `"é"`} {
		f.Add(s)
	}
	vm := goja.New()
	f.Fuzz(func(t *testing.T, in string) {
		v, err := Deserialize(vm, in)
		if err != nil {
			require.ErrorIs(t, err, ErrMalformed)
			return
		}
		// Whatever parses must serialize, and serializing again is stable.
		out, err := Serialize(vm, v)
		if err != nil {
			require.ErrorIs(t, err, ErrUnserializable) // only depth can fail
			return
		}
		back, err := Deserialize(vm, out)
		require.NoError(t, err, out)
		again, err := Serialize(vm, back)
		require.NoError(t, err)
		require.Equal(t, out, again)
	})
}

func BenchmarkSerialize32MiB(b *testing.B) {
	vm := goja.New()
	v := vm.ToValue(map[string]any{"payload": strings.Repeat("x", 32<<20)})
	b.SetBytes(32 << 20)
	for b.Loop() {
		if _, err := Serialize(vm, v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDeserialize32MiB(b *testing.B) {
	vm := goja.New()
	msg := `{"payload":"` + strings.Repeat("x", 32<<20) + `"}`
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		if _, err := Deserialize(vm, msg); err != nil {
			b.Fatal(err)
		}
	}
}
