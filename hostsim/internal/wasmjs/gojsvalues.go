package wasmjs

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// goValues is wasm_exec.js's table of the JavaScript values Go holds references to (_values,
// _goRefCounts, _ids, _idPool), kept in Go. It follows wasm_exec.js step for step, so that ids,
// reference counts and the interning of equal values (SameValueZero) are the same in both modes.
type goValues struct {
	values []goja.Value
	flags  []uint8 // the typeof flag stored in each ref's high word
	counts []int64 // references Go holds; permanent ids are never counted
	keys   []any   // each id's key in ids, nil while a prepared string is not materialised
	ids    map[any]uint32
	pool   []uint32 // released ids, reused last-in first-out
	// prepared holds the UTF-8 bytes of valuePrepareString results by id: Go only ever reads
	// them back with valueLoadString and releases them, so no Uint8Array is made unless some
	// other import touches the id.
	prepared map[uint32][]byte
}

// permanentIDs are NaN, 0, null, true, false, globalThis and the Go object: never released.
const permanentIDs = 7

const nanHead = 0x7FF80000

type (
	zeroKey struct{}
	nullKey struct{}
	boolKey bool
	// strKey is a string without U+FFFD, whose UTF-8 form is exact; u16Key is any other string
	// by its UTF-16 code units, which tells lone surrogates apart.
	strKey   string
	u16Key   string
	bigKey   string
	undefKey struct{}
)

func newGoValues(vm *goja.Runtime, goObj *goja.Object) *goValues {
	global := vm.GlobalObject()
	t := &goValues{ids: map[any]uint32{}, prepared: map[uint32][]byte{}}
	t.values = []goja.Value{goja.NaN(), vm.ToValue(0), goja.Null(), vm.ToValue(true), vm.ToValue(false), global, goObj}
	t.counts = make([]int64, permanentIDs)
	t.flags = []uint8{0, 0, 0, 0, 0, 1, 1}
	t.keys = []any{nil, zeroKey{}, nullKey{}, boolKey(true), boolKey(false), global, goObj}
	for id, k := range t.keys {
		if k != nil {
			t.ids[k] = uint32(id)
		}
	}
	return t
}

// keyOf is v's key under SameValueZero, the equality of a JavaScript Map.
func keyOf(v goja.Value) any {
	switch x := v.(type) {
	case *goja.Object:
		return x
	case *goja.Symbol:
		return x
	case goja.String:
		s := x.String()
		if !strings.ContainsRune(s, utf8.RuneError) {
			return strKey(s)
		}
		n := x.Length()
		b := make([]byte, 0, 2*n)
		for i := 0; i < n; i++ {
			c := x.CharAt(i)
			b = append(b, byte(c), byte(c>>8))
		}
		return u16Key(b)
	}
	switch {
	case v == nil || goja.IsUndefined(v):
		return undefKey{}
	case goja.IsNull(v):
		return nullKey{}
	case goja.IsBigInt(v):
		return bigKey(v.String())
	case goja.IsNumber(v):
		return zeroKey{} // storeValue only interns the number 0 (and -0)
	}
	return boolKey(v.ToBoolean())
}

// typeFlag is wasm_exec.js's flag for typeof v.
func typeFlag(v goja.Value) uint8 {
	switch x := v.(type) {
	case *goja.Object:
		if _, ok := goja.AssertFunction(x); ok {
			return 4
		}
		return 1
	case goja.String:
		return 2
	case *goja.Symbol:
		return 3
	}
	return 0
}

// ref is storeValue: the 8-byte encoding of v, taking a reference to it when it is boxed.
func (t *goValues) ref(v goja.Value) uint64 {
	if goja.IsNumber(v) {
		f := v.ToFloat()
		if math.IsNaN(f) {
			return nanHead << 32
		}
		if f != 0 {
			return math.Float64bits(f)
		}
	}
	if v == nil || goja.IsUndefined(v) {
		return 0
	}
	k := keyOf(v)
	id, ok := t.ids[k]
	if !ok {
		id = t.alloc(v, k, typeFlag(v))
	}
	if id >= permanentIDs {
		t.counts[id]++
	}
	return uint64(nanHead|uint32(t.flags[id]))<<32 | uint64(id)
}

func (t *goValues) alloc(v goja.Value, k any, flag uint8) uint32 {
	var id uint32
	if n := len(t.pool); n > 0 {
		id = t.pool[n-1]
		t.pool = t.pool[:n-1]
		t.values[id], t.flags[id], t.counts[id], t.keys[id] = v, flag, 0, k
	} else {
		id = uint32(len(t.values))
		t.values = append(t.values, v)
		t.flags = append(t.flags, flag)
		t.counts = append(t.counts, 0)
		t.keys = append(t.keys, k)
	}
	if k != nil {
		t.ids[k] = id
	}
	return id
}

// refPrepared stores a fresh object standing for the bytes b: a new id each time, as the
// Uint8Array TextEncoder returns is a new object.
func (t *goValues) refPrepared(b []byte) uint64 {
	id := t.alloc(nil, nil, 1)
	t.prepared[id] = b
	t.counts[id]++
	return uint64(nanHead|1)<<32 | uint64(id)
}

// value is loadValue for a boxed id: undefined past the end, null once released.
func (t *goValues) value(id uint32, materialise func([]byte) goja.Value) goja.Value {
	if int(id) >= len(t.values) {
		return goja.Undefined()
	}
	if b, ok := t.prepared[id]; ok {
		v := materialise(b)
		delete(t.prepared, id)
		t.values[id], t.keys[id] = v, v
		t.ids[v] = id
	}
	v := t.values[id]
	if v == nil {
		return goja.Null()
	}
	return v
}

// finalize is finalizeRef: drop one reference and release the id at zero.
func (t *goValues) finalize(id uint32) {
	if int(id) >= len(t.values) || id < permanentIDs {
		return
	}
	t.counts[id]--
	if t.counts[id] != 0 {
		return
	}
	if k := t.keys[id]; k != nil && t.ids[k] == id {
		delete(t.ids, k)
	}
	delete(t.prepared, id)
	t.values[id], t.keys[id] = nil, nil
	t.pool = append(t.pool, id)
}

// live counts the references Go holds, past the permanent ids: wasm_exec.js's
// _values.length - _idPool.length - 7.
func (t *goValues) live() int { return len(t.values) - len(t.pool) - permanentIDs }

// GoValues reports how many JavaScript values the realm's Go modules hold references to (the size
// of wasm_exec.js's values table, less its free ids and the permanent ones), summed over the
// instances the fast mode runs; ok is false in GoJSReference mode, where the table is wasm_exec.js's
// own and JavaScript reads it. A leak test reads it between events.
func (h *Host) GoValues() (n int, ok bool) {
	for _, in := range h.instances {
		if in.native != nil {
			n += in.native.t.live()
		}
	}
	return n, h.gojs == GoJSFast
}
