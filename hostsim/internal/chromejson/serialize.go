// Package chromejson reproduces Chrome's default extension-message
// serialization on goja values: the sender runs v8::JSON::Stringify (after
// turning a top-level undefined into null), refuses anything that does not
// produce a string and anything over 64 MiB of UTF-8, and the receiver runs
// v8::JSON::Parse. The rules are the ECMAScript JSON.stringify ones; the
// walk is done here rather than through the realm's JSON object so that page
// code replacing JSON.stringify cannot change what crosses, as it cannot in
// Chrome, and so that V8's stack limit and string limits can be modelled.
package chromejson

import (
	"errors"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// MaxDepth is how deeply arrays and objects may nest before serialization
// fails, standing in for V8 running out of stack inside JSON.stringify.
// Chromium 156 serialized 1000 nested arrays and failed at 4775; the exact
// V8 limit depends on stack size, so the simulator fixes it between the two:
// 4096 levels pass, 4097 fail.
const MaxDepth = 4096

// maxStringLength is V8's String::kMaxLength on 64-bit builds; a
// JSON.stringify result longer than this throws RangeError in V8.
const maxStringLength = 1<<29 - 24

var (
	// ErrUnserializable is the failure for a value JSON.stringify throws on
	// or turns into undefined. Its text is Chrome's.
	ErrUnserializable = errors.New("Could not serialize message.")
	// ErrTooLarge is the failure for a JSON text over chromefacts.MaxMessageBytes. Its
	// text is Chrome's.
	ErrTooLarge = errors.New(chromefacts.ErrMessageTooLarge)
)

// Error is a serialization failure. Error() is exactly Chrome's message
// (the text of Kind); Reason says what was wrong, for logs and tests.
type Error struct {
	Kind   error // ErrUnserializable or ErrTooLarge
	Reason string
}

func (e *Error) Error() string { return e.Kind.Error() }

// Unwrap makes errors.Is(err, ErrUnserializable) and ErrTooLarge work.
func (e *Error) Unwrap() error { return e.Kind }

var bigIntType = reflect.TypeOf((*big.Int)(nil))

type serializer struct {
	vm    *goja.Runtime
	buf   []byte
	limit int // the longest text that may be returned
	// dropped counts text that was measured but not written: once the text is sure to be over
	// limit it can never be returned, so a long string past that point is only measured. The
	// walk itself goes on, as getters and toJSON still run in Chrome.
	dropped int
	stack   map[*goja.Object]struct{}
	depth   int
	fail    *Error
}

// Serialize returns the JSON text Chrome would send for v, or an *Error.
// A nil v is treated as undefined. Getters and toJSON methods run in vm, as
// they do in Chrome; an exception they throw makes the value unserializable.
func Serialize(vm *goja.Runtime, v goja.Value) (string, error) {
	return serialize(vm, v, chromefacts.MaxMessageBytes)
}

// SerializeText is Serialize without the message size limit, for JSON that is not itself the
// message (the structured-clone model's own encoding, whose size is counted apart).
func SerializeText(vm *goja.Runtime, v goja.Value) (string, error) {
	return serialize(vm, v, maxStringLength)
}

func serialize(vm *goja.Runtime, v goja.Value, limit int) (string, error) {
	if v == nil || goja.IsUndefined(v) {
		v = goja.Null()
	}
	s := &serializer{vm: vm, limit: limit, stack: map[*goja.Object]struct{}{}}
	var ok bool
	if exc := vm.Try(func() { ok = s.value(v, "") }); exc != nil {
		return "", &Error{Kind: ErrUnserializable, Reason: "exception: " + exc.Error()}
	}
	if s.fail != nil {
		return "", s.fail
	}
	if !ok {
		return "", &Error{Kind: ErrUnserializable, Reason: "JSON.stringify returned undefined"}
	}
	if n := s.size(); n > limit {
		return "", &Error{Kind: ErrTooLarge, Reason: strconv.Itoa(n) + " bytes"}
	}
	// s.buf is not touched again, so the text can share its bytes: a second copy of a 64 MiB
	// message costs as much as the whole walk.
	return unsafe.String(unsafe.SliceData(s.buf), len(s.buf)), nil
}

// size is the length of the text so far, written or only measured.
func (s *serializer) size() int { return s.dropped + len(s.buf) }

func (s *serializer) setFail(reason string) {
	if s.fail == nil {
		s.fail = &Error{Kind: ErrUnserializable, Reason: reason}
	}
}

// value appends the serialization of v (found under key) and
// reports whether anything was written; false means "undefined", which
// objects skip and arrays write as null.
func (s *serializer) value(v goja.Value, key string) bool {
	if s.fail != nil {
		return false
	}
	if s.size() > maxStringLength {
		s.setFail("result longer than V8's maximum string length")
		return false
	}
	// toJSON applies to objects and BigInts.
	if o, isObj := v.(*goja.Object); isObj || goja.IsBigInt(v) {
		if !isObj {
			o = v.ToObject(s.vm)
		}
		if fn, ok := goja.AssertFunction(o.Get("toJSON")); ok {
			r, err := fn(v, s.vm.ToValue(key))
			if err != nil {
				s.setFail("toJSON threw: " + err.Error())
				return false
			}
			v = r
		}
	}
	if o, ok := v.(*goja.Object); ok {
		switch o.ClassName() {
		case "Number":
			v = s.vm.ToValue(o.ToFloat())
		case "String":
			v = o.ToString()
		case "Boolean":
			v = s.vm.ToValue(o.ToBoolean() && o.Export() == true)
		case "BigInt":
			s.setFail("BigInt value")
			return false
		default:
			if o.ExportType() == bigIntType { // Object(1n) has no class of its own in goja
				s.setFail("BigInt value")
				return false
			}
		}
	}
	switch {
	case v == nil || goja.IsUndefined(v):
		return false
	case goja.IsNull(v):
		s.buf = append(s.buf, "null"...)
		return true
	case goja.IsBigInt(v):
		s.setFail("BigInt value")
		return false
	}
	switch x := v.(type) {
	case *goja.Symbol:
		return false
	case goja.String:
		s.quote(x)
		return true
	case *goja.Object:
		if _, callable := goja.AssertFunction(x); callable {
			return false
		}
		return s.object(x)
	}
	et := v.ExportType()
	if et == nil {
		return false
	}
	switch et.Kind().String() {
	case "bool":
		if v.ToBoolean() {
			s.buf = append(s.buf, "true"...)
		} else {
			s.buf = append(s.buf, "false"...)
		}
		return true
	case "int64", "float64":
		f := v.ToFloat()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			s.buf = append(s.buf, "null"...)
		} else {
			// goja formats numbers with ECMAScript Number::toString; -0 gives "0".
			s.buf = append(s.buf, v.String()...)
		}
		return true
	}
	return false
}

func (s *serializer) object(o *goja.Object) bool {
	if _, seen := s.stack[o]; seen {
		s.setFail("cyclic structure")
		return false
	}
	if s.depth >= MaxDepth {
		s.setFail("nesting deeper than " + strconv.Itoa(MaxDepth))
		return false
	}
	s.stack[o] = struct{}{}
	s.depth++
	defer func() { delete(s.stack, o); s.depth-- }()

	if o.ClassName() == "Array" {
		n := o.Get("length").ToInteger()
		s.buf = append(s.buf, '[')
		for i := int64(0); i < n; i++ {
			if i > 0 {
				s.buf = append(s.buf, ',')
			}
			k := strconv.FormatInt(i, 10)
			if !s.value(o.Get(k), k) {
				if s.fail != nil {
					return false
				}
				s.buf = append(s.buf, "null"...)
			}
		}
		s.buf = append(s.buf, ']')
		return s.fail == nil
	}
	s.buf = append(s.buf, '{')
	first := true
	for _, k := range o.Keys() {
		mark, markDropped := len(s.buf), s.dropped
		if !first {
			s.buf = append(s.buf, ',')
		}
		s.quoteGo(k)
		s.buf = append(s.buf, ':')
		if s.value(o.Get(k), k) {
			first = false
		} else {
			if s.fail != nil {
				return false
			}
			s.buf, s.dropped = s.buf[:mark], markDropped
		}
	}
	s.buf = append(s.buf, '}')
	return true
}

const hexDigits = "0123456789abcdef"

// quote writes a JS string. Lone surrogates cannot be expressed in UTF-8,
// so a string that has them is walked as UTF-16 and they are escaped as
// V8's well-formed JSON.stringify does.
func (s *serializer) quote(str goja.String) {
	gs := str.String()
	if strings.Contains(gs, "\uFFFD") && hasLoneSurrogate(str) {
		s.quoteUTF16(str)
		return
	}
	s.quoteGo(gs)
}

func hasLoneSurrogate(str goja.String) bool {
	n := str.Length()
	for i := 0; i < n; i++ {
		c := str.CharAt(i)
		switch {
		case c >= 0xD800 && c <= 0xDBFF:
			if i+1 < n {
				if d := str.CharAt(i + 1); d >= 0xDC00 && d <= 0xDFFF {
					i++
					continue
				}
			}
			return true
		case c >= 0xDC00 && c <= 0xDFFF:
			return true
		}
	}
	return false
}

func (s *serializer) quoteUTF16(str goja.String) {
	s.buf = append(s.buf, '"')
	n := str.Length()
	for i := 0; i < n; i++ {
		c := str.CharAt(i)
		switch {
		case c >= 0xD800 && c <= 0xDBFF && i+1 < n && str.CharAt(i+1) >= 0xDC00 && str.CharAt(i+1) <= 0xDFFF:
			r := (rune(c)-0xD800)<<10 + (rune(str.CharAt(i+1)) - 0xDC00) + 0x10000
			s.buf = utf8.AppendRune(s.buf, r)
			i++
		case c >= 0xD800 && c <= 0xDFFF:
			s.buf = append(s.buf, '\\', 'u', hexDigits[c>>12], hexDigits[c>>8&0xF], hexDigits[c>>4&0xF], hexDigits[c&0xF])
		case c < 0x80:
			s.buf = appendEscapedASCII(s.buf, byte(c))
		default:
			s.buf = utf8.AppendRune(s.buf, rune(c))
		}
	}
	s.buf = append(s.buf, '"')
}

// quoteGo writes a valid-UTF-8 Go string as a JSON string, copying runs
// that need no escaping in one go: this is the hot path for big messages.
func (s *serializer) quoteGo(str string) {
	if s.size()+len(str)+2 > s.limit {
		s.dropped += quotedLen(str)
		return
	}
	// One growth up front instead of append's repeated doubling and copying of a long string.
	s.buf = slices.Grow(s.buf, len(str)+2)
	s.buf = append(s.buf, '"')
	for {
		i := plainPrefix(str)
		s.buf = append(s.buf, str[:i]...)
		if i == len(str) {
			break
		}
		s.buf = appendEscapedASCII(s.buf, str[i])
		str = str[i+1:]
	}
	s.buf = append(s.buf, '"')
}

// quotedLen is the length of what quoteGo writes for str.
func quotedLen(str string) int {
	n := len(str) + 2
	for i := plainPrefix(str); i < len(str); i += 1 + plainPrefix(str[i+1:]) {
		switch c := str[i]; {
		case c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t':
			n++
		case c < 0x20:
			n += 5
		}
	}
	return n
}

func appendEscapedASCII(b []byte, c byte) []byte {
	switch c {
	case '"':
		return append(b, '\\', '"')
	case '\\':
		return append(b, '\\', '\\')
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	if c < 0x20 {
		return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
	}
	return append(b, c)
}
