package chromeclone

import (
	"strconv"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
)

// describe is the same probe the shared scenarios use: JSON that says what a value is.
const describe = `(function describe(root) {
  const seen = new Map();
  function d(v) {
    switch (typeof v) {
      case 'undefined': return {undefined: true};
      case 'bigint': return {bigint: v.toString()};
      case 'number':
        if (Number.isNaN(v) || !Number.isFinite(v)) return {number: String(v)};
        if (Object.is(v, -0)) return {number: '-0'};
        return v;
      case 'string': case 'boolean': return v;
    }
    if (v === null) return null;
    if (seen.has(v)) return {ref: seen.get(v)};
    seen.set(v, seen.size);
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return {[tag]: Array.from(v, Number), offset: v.byteOffset};
    if (v instanceof DataView) return {DataView: v.byteLength};
    if (v instanceof ArrayBuffer) return {ArrayBuffer: Array.from(new Uint8Array(v))};
    if (v instanceof Date) return {Date: isNaN(v) ? 'Invalid' : v.toISOString()};
    if (v instanceof Map) return {Map: Array.from(v, ([k, x]) => [d(k), d(x)])};
    if (v instanceof Set) return {Set: Array.from(v, d)};
    if (v instanceof RegExp) return {RegExp: String(v)};
    if (v instanceof Error) return {Error: [v.constructor.name, v.name, v.message, Object.keys(v)]};
    if (v instanceof Boolean || v instanceof Number || v instanceof String) return {[tag + 'Object']: d(v.valueOf())};
    if (Array.isArray(v)) {
      const out = {Array: [], length: v.length};
      for (let i = 0; i < v.length; i++) out.Array.push(i in v ? d(v[i]) : {hole: true});
      const extra = Object.keys(v).filter((k) => !/^\d+$/.test(k));
      if (extra.length) out.extra = extra;
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    return {object: proto === Object.prototype ? 'Object' : 'other', entries: Object.keys(v).map((k) => [k, d(v[k])])};
  }
  return JSON.stringify(d(root));
})`

func roundTrip(t *testing.T, expr string) (string, error) {
	t.Helper()
	from, to := goja.New(), goja.New()
	src, err := NewRealm(from, nil)
	require.NoError(t, err)
	dst, err := NewRealm(to, nil)
	require.NoError(t, err)
	v, err := from.RunString("(" + expr + ")")
	require.NoError(t, err)
	s, err := src.Serialize(v)
	if err != nil {
		return "", err
	}
	got, err := dst.Deserialize(s)
	require.NoError(t, err)
	fn, err := to.RunString(describe)
	require.NoError(t, err)
	call, _ := goja.AssertFunction(fn)
	out, err := call(goja.Undefined(), got)
	require.NoError(t, err)
	return out.String(), nil
}

// The expected descriptions are what Chromium 156 delivered for the same values (scenarios
// clone-onetime and clone-port in e2e/internal/scenario).
func TestRoundTripKeepsWhatChromeKeeps(t *testing.T) {
	cases := []struct{ name, expr, want string }{
		{"bytes", `new Uint8Array([1, 2, 255])`, `{"Uint8Array":[1,2,255],"offset":0}`},
		{"view offset", `new Uint8Array([1, 2, 3, 4]).subarray(1, 3)`, `{"Uint8Array":[2,3],"offset":1}`},
		{"arraybuffer", `new Uint8Array([7, 8]).buffer`, `{"ArrayBuffer":[7,8]}`},
		{"dataview", `new DataView(new ArrayBuffer(3))`, `{"DataView":3}`},
		{"date", `new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6))`, `{"Date":"2026-01-02T03:04:05.006Z"}`},
		{"invalid date", `new Date(NaN)`, `{"Date":"Invalid"}`},
		{"map", `new Map([["a", 1], [2, {b: true}]])`, `{"Map":[["a",1],[2,{"object":"Object","entries":[["b",true]]}]]}`},
		{"set", `new Set(["x", 1, "x"])`, `{"Set":["x",1]}`},
		{"bigint", `({n: 12345678901234567890123n, neg: -1n})`, `{"object":"Object","entries":[["n",{"bigint":"12345678901234567890123"}],["neg",{"bigint":"-1"}]]}`},
		{"numbers", `[NaN, Infinity, -Infinity, -0, 1.5]`, `{"Array":[{"number":"NaN"},{"number":"Infinity"},{"number":"-Infinity"},{"number":"-0"},1.5],"length":5}`},
		{"cycle", `(() => { const o = {name: "root"}; o.self = o; o.list = [o]; return o; })()`, `{"object":"Object","entries":[["name","root"],["self",{"ref":0}],["list",{"Array":[{"ref":0}],"length":1}]]}`},
		{"error", `(() => { const e = new TypeError("bad"); e.extra = 1; return e; })()`, `{"Error":["TypeError","TypeError","bad",[]]}`},
		{"class", `new (class Point { constructor() { this.x = 1; } get y() { return 2; } })()`, `{"object":"Object","entries":[["x",1]]}`},
		{"undefined members", `({a: undefined, b: [undefined, 1]})`, `{"object":"Object","entries":[["a",{"undefined":true}],["b",{"Array":[{"undefined":true},1],"length":2}]]}`},
		{"undefined", `undefined`, `{"undefined":true}`},
		{"sparse", `(() => { const a = [1, , 3]; a.length = 5; a.k = "v"; return a; })()`, `{"Array":[1,{"hole":true},3,{"hole":true},{"hole":true}],"length":5,"extra":["k"]}`},
		{"regexp", `/a+b/gi`, `{"RegExp":"/a+b/gi"}`},
		{"boxed", `[new Number(3), new String("s"), new Boolean(false)]`, `{"Array":[{"NumberObject":3},{"StringObject":"s"},{"BooleanObject":false}],"length":3}`},
		{"order", `({b: 1, a: 2, 1: "one", 0: "zero"})`, `{"object":"Object","entries":[["0","zero"],["1","one"],["b",1],["a",2]]}`},
		{"getter", `({get g() { return 5; }})`, `{"object":"Object","entries":[["g",5]]}`},
		{"lone surrogate", `"\ud800x"`, `"\ud800x"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := roundTrip(t, c.expr)
			require.NoError(t, err)
			assert.JSONEq(t, c.want, got)
		})
	}
}

func TestUnclonableValuesFailWithChromesText(t *testing.T) {
	for _, expr := range []string{
		`() => 1`, `({f() {}})`, `Symbol("s")`, `({s: Symbol()})`, `new WeakMap()`, `new WeakSet()`,
		`Promise.resolve(1)`, `new Proxy({}, {})`, `({get g() { throw new Error("getter"); }})`,
		`({toJSON() { return 1; }})`,
	} {
		t.Run(expr, func(t *testing.T) {
			_, err := roundTrip(t, expr)
			require.Error(t, err)
			assert.ErrorIs(t, err, chromejson.ErrUnserializable)
			assert.Equal(t, "Could not serialize message.", err.Error())
		})
	}
}

func TestDepthLimit(t *testing.T) {
	vm := goja.New()
	r, err := NewRealm(vm, nil)
	require.NoError(t, err)
	nest := func(n int) goja.Value {
		v, err := vm.RunString(`(() => { let a = []; for (let i = 1; i < ` + itoa(n) + `; i++) a = [a]; return a; })()`)
		require.NoError(t, err)
		return v
	}
	_, err = r.Serialize(nest(MaxDepth))
	assert.NoError(t, err)
	_, err = r.Serialize(nest(MaxDepth + 1))
	assert.ErrorIs(t, err, chromejson.ErrUnserializable)
}

func TestHostObjectsAreRefused(t *testing.T) {
	vm := goja.New()
	host := vm.NewObject()
	r, err := NewRealm(vm, func(o *goja.Object) bool { return o == host })
	require.NoError(t, err)
	_, err = r.Serialize(vm.NewArray(host))
	assert.ErrorIs(t, err, chromejson.ErrUnserializable)
}

func TestDeserializeRefusesForeignText(t *testing.T) {
	r, err := NewRealm(goja.New(), nil)
	require.NoError(t, err)
	for _, s := range []string{`{}`, Prefix, Prefix + `2:[]`, Prefix + `8:[["r",3]]`, Prefix + `9:[1,["Z"]]`,
		Prefix + `10:[["f","x"]]`, Prefix + `99:[]`, Prefix + `x:[]`, Prefix + `15:[1,["B",0,9]]`} {
		_, err := r.Deserialize(s)
		assert.Error(t, err, s)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestSummaryShowsTheJSONPartAndTheBufferSize(t *testing.T) {
	vm := goja.New()
	r, err := NewRealm(vm, nil)
	require.NoError(t, err)
	v, err := vm.RunString(`({b: new Uint8Array([1, 2, 3]), s: "x"})`)
	require.NoError(t, err)
	s, err := r.Serialize(v)
	require.NoError(t, err)
	assert.Equal(t, `clone [["r",0],["O","b",["r",1],"s","x"],["V","Uint8Array",["r",2],0,3],["B",0,3]] + 3 bytes of buffers`, Summary(s))
	assert.Equal(t, `{"a":1}`, Summary(`{"a":1}`))
}
