package chromejson

import (
	"errors"
	"strconv"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// ErrMalformed is the failure for text that is not JSON. Its text is what
// Chrome logs when it drops such a message on a native channel.
var ErrMalformed = errors.New("The sender sent an invalid JSON message; message ignored.")

// MaxParseDepth bounds nesting on the receiving side. V8's JSON.parse is not
// recursive and has no such limit, but everything Serialize produces nests
// at most MaxDepth levels; the bound only stops hostile native-host output
// from exhausting memory.
const MaxParseDepth = 100000

// ParseError reports malformed JSON; Error() is Chrome's text and Offset the
// byte where parsing failed.
type ParseError struct {
	Offset int
	Reason string
}

func (e *ParseError) Error() string { return ErrMalformed.Error() }

// Unwrap makes errors.Is(err, ErrMalformed) work.
func (e *ParseError) Unwrap() error { return ErrMalformed }

// Deserialize parses a JSON message into a value of vm, as v8::JSON::Parse
// does on the receiving side: fresh plain objects and arrays, own data
// properties (a "__proto__" key is an ordinary property), duplicate keys
// keeping the last value.
func Deserialize(vm *goja.Runtime, s string) (goja.Value, error) {
	d := &decoder{vm: vm, s: s}
	d.ws()
	v := d.value(0)
	if d.err == nil {
		d.ws()
		if d.i != len(d.s) {
			d.fail("trailing data")
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return v, nil
}

type decoder struct {
	vm  *goja.Runtime
	s   string
	i   int
	err *ParseError
}

func (d *decoder) fail(reason string) {
	if d.err == nil {
		d.err = &ParseError{Offset: d.i, Reason: reason}
	}
}

func (d *decoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) literal(word string, v goja.Value) goja.Value {
	if len(d.s)-d.i >= len(word) && d.s[d.i:d.i+len(word)] == word {
		d.i += len(word)
		return v
	}
	d.fail("invalid literal")
	return nil
}

func (d *decoder) value(depth int) goja.Value {
	if d.i >= len(d.s) {
		d.fail("unexpected end of input")
		return nil
	}
	switch c := d.s[d.i]; {
	case c == '{':
		return d.object(depth + 1)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		return d.str()
	case c == 't':
		return d.literal("true", d.vm.ToValue(true))
	case c == 'f':
		return d.literal("false", d.vm.ToValue(false))
	case c == 'n':
		return d.literal("null", goja.Null())
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	}
	d.fail("unexpected character")
	return nil
}

func (d *decoder) object(depth int) goja.Value {
	if depth > MaxParseDepth {
		d.fail("nesting too deep")
		return nil
	}
	d.i++ // '{'
	o := d.vm.NewObject()
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return o
	}
	for d.err == nil {
		d.ws()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			d.fail("expected property name")
			return nil
		}
		k := d.str()
		d.ws()
		if d.err != nil || d.i >= len(d.s) || d.s[d.i] != ':' {
			d.fail("expected ':'")
			return nil
		}
		d.i++
		d.ws()
		v := d.value(depth)
		if d.err != nil {
			return nil
		}
		// Keys are defined, not assigned, so "__proto__" stays data.
		if err := o.DefineDataProperty(k.String(), v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			d.fail(err.Error())
			return nil
		}
		d.ws()
		if d.i < len(d.s) && d.s[d.i] == ',' {
			d.i++
			continue
		}
		if d.i < len(d.s) && d.s[d.i] == '}' {
			d.i++
			return o
		}
		d.fail("expected ',' or '}'")
	}
	return nil
}

func (d *decoder) array(depth int) goja.Value {
	if depth > MaxParseDepth {
		d.fail("nesting too deep")
		return nil
	}
	d.i++ // '['
	var items []any
	d.ws()
	if d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		return d.vm.NewArray()
	}
	for d.err == nil {
		d.ws()
		v := d.value(depth)
		if d.err != nil {
			return nil
		}
		items = append(items, v)
		d.ws()
		if d.i < len(d.s) && d.s[d.i] == ',' {
			d.i++
			continue
		}
		if d.i < len(d.s) && d.s[d.i] == ']' {
			d.i++
			return d.vm.NewArray(items...)
		}
		d.fail("expected ',' or ']'")
	}
	return nil
}

func (d *decoder) number() goja.Value {
	start := d.i
	if d.s[d.i] == '-' {
		d.i++
	}
	digits := func() int {
		n := 0
		for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
			d.i++
			n++
		}
		return n
	}
	if d.i < len(d.s) && d.s[d.i] == '0' {
		d.i++
	} else if digits() == 0 {
		d.fail("invalid number")
		return nil
	}
	isInt := true
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		isInt = false
		if digits() == 0 {
			d.fail("invalid number")
			return nil
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		isInt = false
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if digits() == 0 {
			d.fail("invalid number")
			return nil
		}
	}
	text := d.s[start:d.i]
	if isInt && text != "-0" {
		if n, err := strconv.ParseInt(text, 10, 64); err == nil && n > -1<<53 && n < 1<<53 {
			return d.vm.ToValue(n)
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		// Out of range parses to ±Inf with an error; JSON.parse gives ±Infinity too.
		var ne *strconv.NumError
		if !errors.As(err, &ne) || ne.Err != strconv.ErrRange {
			d.fail("invalid number")
			return nil
		}
	}
	return d.vm.ToValue(f)
}

// str parses a JSON string. Unescaped strings are sliced from the input
// without copying; escapes that leave a lone surrogate produce a UTF-16
// string, which UTF-8 cannot carry.
func (d *decoder) str() goja.String {
	d.i++ // '"'
	start := d.i
	d.i += plainPrefix(d.s[d.i:])
	if d.i < len(d.s) {
		switch c := d.s[d.i]; {
		case c == '"':
			s := d.s[start:d.i]
			d.i++
			return d.vm.ToValue(s).(goja.String)
		case c < 0x20:
			d.fail("control character in string")
			return nil
		}
	}
	var units []uint16
	units = appendUTF16(units, d.s[start:d.i])
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return goja.StringFromUTF16(units)
		case c < 0x20:
			d.fail("control character in string")
			return nil
		case c == '\\':
			if d.i+1 >= len(d.s) {
				d.fail("unterminated escape")
				return nil
			}
			e := d.s[d.i+1]
			d.i += 2
			switch e {
			case '"', '\\', '/':
				units = append(units, uint16(e))
			case 'b':
				units = append(units, '\b')
			case 'f':
				units = append(units, '\f')
			case 'n':
				units = append(units, '\n')
			case 'r':
				units = append(units, '\r')
			case 't':
				units = append(units, '\t')
			case 'u':
				if d.i+4 > len(d.s) {
					d.fail("short unicode escape")
					return nil
				}
				n, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 16)
				if err != nil {
					d.fail("bad unicode escape")
					return nil
				}
				units = append(units, uint16(n))
				d.i += 4
			default:
				d.fail("bad escape")
				return nil
			}
		default:
			j := d.i + plainPrefix(d.s[d.i:])
			units = appendUTF16(units, d.s[d.i:j])
			d.i = j
		}
	}
	d.fail("unterminated string")
	return nil
}

func appendUTF16(units []uint16, s string) []uint16 {
	for _, r := range s { // invalid UTF-8 decodes to U+FFFD, as Chrome's conversion does
		if r >= 0x10000 {
			a, b := utf16.EncodeRune(r)
			units = append(units, uint16(a), uint16(b))
		} else {
			units = append(units, uint16(r))
		}
	}
	return units
}
