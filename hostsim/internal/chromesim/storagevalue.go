package chromesim

import (
	"maps"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// Values in chrome.storage are not messages: Chrome converts them with its V8 value converter into
// base::Value (conformance-apis §1.5), which is neither JSON.stringify nor structured clone. A
// stored value is held here as the same tree:
//
//	nil (null), bool, int32 (a number V8 holds as a small integer, -0 included), float64, string,
//	[]any, map[string]any, or storedBinary (session only).
//
// Dictionaries have no order of their own: base::Value keeps keys sorted, which is the order get()
// hands them back in (S8).

// bigIntType is how goja exports Object(1n), which has no class name of its own.
var bigIntType = reflect.TypeOf((*big.Int)(nil))

var arrayBufferType = reflect.TypeOf(goja.ArrayBuffer{})

// storedBinary is the bytes of an ArrayBuffer, typed array or DataView; session storage keeps them
// and gives them back as an ArrayBuffer, local and sync refuse them.
type storedBinary []byte

// valueConverter turns realm values into stored values.
type valueConverter struct {
	vm     *goja.Runtime
	isView goja.Callable
	stack  map[*goja.Object]bool
	binary bool // a binary value was met
}

func newValueConverter(vm *goja.Runtime) *valueConverter {
	cv := &valueConverter{vm: vm, stack: map[*goja.Object]bool{}}
	if ab := vm.Get("ArrayBuffer"); ab != nil {
		cv.isView, _ = goja.AssertFunction(ab.ToObject(vm).Get("isView"))
	}
	return cv
}

// maxStoredDepth is how deeply a stored value may nest (V8ValueConverter's recursion limit): a
// value deeper than this is not converted, as if it were undefined. Measured in Chromium 156: of
// 300 nested arrays, 100 were kept and the 100th held null.
const maxStoredDepth = 100

// items converts the object given to set(), or the defaults given to get(): its own enumerable
// properties whose values convert (undefined, functions, symbols, NaN, ±Infinity and BigInts leave
// the key out). ok is false when reading one of those properties threw, which Chrome reports as
// an argument error.
func (cv *valueConverter) items(o *goja.Object) (out map[string]any, ok bool) {
	out = map[string]any{}
	cv.stack[o] = true
	defer delete(cv.stack, o)
	for _, k := range o.Keys() {
		var pv goja.Value
		if exc := cv.vm.Try(func() { pv = o.Get(k) }); exc != nil {
			return nil, false
		}
		if v, ok := cv.value(pv, 1); ok {
			out[k] = v
		}
	}
	return out, true
}

// get reads a property of a nested object or array; a getter that throws reads as null, as
// V8ValueConverter logs and carries on.
func (cv *valueConverter) get(o *goja.Object, k string) goja.Value {
	var v goja.Value
	if exc := cv.vm.Try(func() { v = o.Get(k) }); exc != nil {
		return goja.Null()
	}
	return v
}

// value converts v; ok is false for values that have no base::Value (dropped from objects, null
// in arrays).
func (cv *valueConverter) value(v goja.Value, depth int) (any, bool) {
	switch {
	case depth > maxStoredDepth:
		return nil, false
	case v == nil || goja.IsUndefined(v):
		return nil, false
	case goja.IsNull(v):
		return nil, true
	case goja.IsBigInt(v):
		return nil, false
	}
	switch x := v.(type) {
	case *goja.Symbol:
		return nil, false
	case goja.String:
		return x.String(), true
	case *goja.Object:
		return cv.object(x, depth)
	}
	et := v.ExportType()
	if et == nil {
		return nil, false
	}
	switch et.Kind().String() {
	case "bool":
		return v.ToBoolean(), true
	case "int64", "float64":
		f := v.ToFloat()
		switch {
		case math.IsNaN(f) || math.IsInf(f, 0):
			return nil, false
		case f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32:
			return int32(f), true // -0 too: it reads back as 0 (§1.5)
		}
		return f, true
	}
	return nil, false
}

func (cv *valueConverter) object(o *goja.Object, depth int) (any, bool) {
	if _, callable := goja.AssertFunction(o); callable {
		return nil, false
	}
	if cv.stack[o] {
		return nil, true // a cycle becomes null (§1.5)
	}
	if b, ok := cv.bytes(o); ok {
		cv.binary = true
		return b, true
	}
	if o.ExportType() == bigIntType {
		return nil, false
	}
	cv.stack[o] = true
	defer delete(cv.stack, o)
	if o.ClassName() == "Array" {
		n := o.Get("length").ToInteger()
		out := make([]any, n)
		for i := int64(0); i < n; i++ {
			if v, ok := cv.value(cv.get(o, strconv.FormatInt(i, 10)), depth+1); ok {
				out[i] = v
			}
		}
		return out, true
	}
	// Dates, Maps, Sets, RegExps, Errors and wrapper objects alike: own enumerable properties
	// only, and toJSON is not called.
	out := map[string]any{}
	for _, k := range o.Keys() {
		if v, ok := cv.value(cv.get(o, k), depth+1); ok {
			out[k] = v
		}
	}
	return out, true
}

// bytes returns the contents of an ArrayBuffer or of the window a view (typed array, DataView)
// has on its buffer.
func (cv *valueConverter) bytes(o *goja.Object) (storedBinary, bool) {
	// Export only what is an ArrayBuffer: exporting a plain object would run its getters.
	if o.ExportType() == arrayBufferType {
		return append(storedBinary{}, o.Export().(goja.ArrayBuffer).Bytes()...), true
	}
	if cv.isView == nil {
		return nil, false
	}
	if r, err := cv.isView(goja.Undefined(), o); err != nil || !r.ToBoolean() {
		return nil, false
	}
	ab, ok := o.Get("buffer").Export().(goja.ArrayBuffer)
	if !ok {
		return nil, false
	}
	all := ab.Bytes()
	off, n := int(o.Get("byteOffset").ToInteger()), int(o.Get("byteLength").ToInteger())
	if off < 0 || n < 0 || off+n > len(all) {
		return nil, false
	}
	return append(storedBinary{}, all[off:off+n]...), true
}

// toJS builds v in vm; binary values become ArrayBuffers.
func toJS(vm *goja.Runtime, v any) goja.Value {
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case bool:
		return vm.ToValue(x)
	case int32:
		return vm.ToValue(int64(x))
	case float64:
		return vm.ToValue(x)
	case string:
		return vm.ToValue(x)
	case storedBinary:
		return vm.ToValue(vm.NewArrayBuffer(append([]byte{}, x...)))
	case []any:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = toJS(vm, e)
		}
		return vm.NewArray(items...)
	case map[string]any:
		o := vm.NewObject()
		for _, k := range slices.Sorted(maps.Keys(x)) {
			_ = o.Set(k, toJS(vm, x[k]))
		}
		return o
	}
	panic("chrome: not a stored value")
}

// storedJSON is base::JSONWriter's text for v, which is what local and sync storage keep and
// count (S15): numbers V8 holds as doubles keep a ".0" when integral ("3000000000.0"), and '<',
// U+2028, U+2029 and control characters are \u-escaped. It is only called on values without
// binary parts.
func storedJSON(buf []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...)
	case bool:
		return strconv.AppendBool(buf, x)
	case int32:
		return strconv.AppendInt(buf, int64(x), 10)
	case float64:
		s := jsNumber(x)
		buf = append(buf, s...)
		for i := 0; i < len(s); i++ {
			if s[i] == '.' || s[i] == 'e' || s[i] == 'E' {
				return buf
			}
		}
		return append(buf, ".0"...)
	case string:
		return appendStoredString(buf, x)
	case []any:
		buf = append(buf, '[')
		for i, e := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = storedJSON(buf, e)
		}
		return append(buf, ']')
	case map[string]any:
		buf = append(buf, '{')
		for i, k := range slices.Sorted(maps.Keys(x)) {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = appendStoredString(buf, k)
			buf = append(buf, ':')
			buf = storedJSON(buf, x[k])
		}
		return append(buf, '}')
	}
	return append(buf, "null"...)
}

// jsNumber is ECMAScript's Number::toString, whose shortest round-trip form base::NumberToString
// shares.
func jsNumber(f float64) string {
	if a := math.Abs(f); a == 0 || (a >= 1e-6 && a < 1e21) {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	return mant + "e" + exp[:1] + strings.TrimLeft(exp[1:], "0")
}

// appendStoredString is base::EscapeJSONString. Runs of ASCII that need no escape are copied in
// one go: quota checks measure values of up to 10 MiB on every set.
func appendStoredString(buf []byte, s string) []byte {
	buf = slices.Grow(buf, len(s)+2)
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if n := plainStoredPrefix(s[i:]); n > 0 {
			i += n
			continue
		}
		buf = append(buf, s[start:i]...)
		r, size := storedRuneAt(s, i)
		buf = appendStoredRune(buf, r)
		i += size
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

// storedStringLen is len(appendStoredString(nil, s)), without building it.
func storedStringLen(s string) int {
	n := 2
	for i := 0; i < len(s); {
		if plain := plainStoredPrefix(s[i:]); plain > 0 {
			n += plain
			i += plain
			continue
		}
		r, size := storedRuneAt(s, i)
		n += storedRuneLen(r)
		i += size
	}
	return n
}

// plainStoredByte reports whether c is ASCII that EscapeJSONString writes unchanged.
func plainStoredByte(c byte) bool {
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<'
}

// plainStoredPrefix is the length of the longest prefix of s made of plainStoredByte bytes,
// tested eight at a time: a quota check measures a value of up to 10 MiB on every set.
func plainStoredPrefix(s string) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if x&highs != 0 {
			break // a byte from 0x80 up
		}
		// With every byte below 0x80, a byte below 0x20, or one equal to '"', '\\' or '<' (zero
		// after the xor), sets a high bit in its term, and without one no term sets any.
		control := (x - ones*0x20) &^ x
		q, b, lt := x^ones*'"', x^ones*'\\', x^ones*'<'
		if (control|(q-ones)&^q|(b-ones)&^b|(lt-ones)&^lt)&highs != 0 {
			break
		}
	}
	for i < len(s) && plainStoredByte(s[i]) {
		i++
	}
	return i
}

// storedRuneAt decodes the rune at s[i] as ranging over s does: invalid UTF-8 is U+FFFD, one byte.
func storedRuneAt(s string, i int) (rune, int) {
	if c := s[i]; c < 0x80 {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func appendStoredRune(buf []byte, r rune) []byte {
	const hex = "0123456789ABCDEF"
	switch r {
	case '\b':
		return append(buf, `\b`...)
	case '\f':
		return append(buf, `\f`...)
	case '\n':
		return append(buf, `\n`...)
	case '\r':
		return append(buf, `\r`...)
	case '\t':
		return append(buf, `\t`...)
	case '\\':
		return append(buf, `\\`...)
	case '"':
		return append(buf, `\"`...)
	case '<', 0x2028, 0x2029:
		return append(buf, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
	}
	if r < 0x20 {
		return append(buf, '\\', 'u', '0', '0', hex[r>>4], hex[r&0xF])
	}
	return utf8.AppendRune(buf, r)
}

// storedRuneLen is how many bytes appendStoredRune writes for r.
func storedRuneLen(r rune) int {
	switch r {
	case '\b', '\f', '\n', '\r', '\t', '\\', '"':
		return 2
	case '<', 0x2028, 0x2029:
		return 6
	}
	if r < 0x20 {
		return 6
	}
	return utf8.RuneLen(r)
}

// sessionSize is an estimate of the memory a session value takes, which is what session storage
// counts (S16): strings longer than the small-string buffer cost their heap allocation (length+1
// rounded up to 8), binary data its length, each list element 32 bytes and each dictionary entry
// 64; other scalars cost nothing. These figures match what Chromium 156 reported for lists,
// dictionaries, binary data and most strings (a 23-character string counted 26, not 24), so
// session byte counts are close, not exact.
func sessionSize(v any) int {
	switch x := v.(type) {
	case string:
		return heapString(len(x))
	case storedBinary:
		return len(x)
	case []any:
		n := 32 * len(x)
		for _, e := range x {
			n += sessionSize(e)
		}
		return n
	case map[string]any:
		n := 0
		for k, e := range x {
			n += 64 + heapString(len(k)) + sessionSize(e)
		}
		return n
	}
	return 0
}

func heapString(n int) int {
	if n <= 22 {
		return 0
	}
	return (n + 1 + 7) &^ 7
}
