package envelope

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Go's encoding/json matches an object key to a struct field case-insensitively: with it alone,
// {"route":"a","ROUTE":"b"} passes the duplicate-key check (the keys differ) yet decodes "b" into
// Route, while JavaScript reading msg.route sees "a" — a parser differential that lets a sender
// show one value to the JavaScript that inspects a message and another to the Go that acts on it.
// checkFields closes it: walking the JSON text alongside the Go type, every key of an object
// decoded into a struct must name one of its fields exactly. It also refuses null where the Go
// type cannot hold it (encoding/json would silently leave the zero value).

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// FieldError is a value that strict decoding refused, told in JSON's terms only: where it is, as a
// path from the decoded value ("body.items[1].url"; "body" is the decoded value itself, a route's
// body or a port's message), and what is wrong with it ("expected a string, got a number"). It
// names no Go type: its text crosses to untrusted senders.
type FieldError struct {
	Path    string
	Problem string
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Problem }

// Unwrap returns ErrInvalid.
func (e *FieldError) Unwrap() error { return ErrInvalid }

// checkFields checks data, which Check has already accepted, against the type v points to; root
// names the value in error paths ("" for the envelope's own object).
func checkFields(data []byte, v any, root string) error {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer {
		return nil // json.Unmarshal reports the bad target itself
	}
	w := fieldWalker{data: data, root: root}
	w.ws()
	if w.peek() == 'n' {
		return nil // a missing or null body as a whole is the zero value: a request with no arguments
	}
	return w.value(t.Elem())
}

// fieldError locates problem at the path at; a path of the envelope's own object has no root.
func fieldError(at, problem string) *FieldError {
	return &FieldError{Path: truncate(strings.TrimPrefix(at, "."), 128), Problem: problem}
}

// jsonKind names the JSON value a Go type decodes from, for error texts.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		if t == numberType {
			return "a number"
		}
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !decodesItself(t.Elem()) {
			return "a string (base64) or an array"
		}
		return "an array"
	case reflect.Array:
		return "an array"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return "another kind of value"
}

// jsonGotWord names a JSON value as encoding/json's UnmarshalTypeError.Value starts.
var jsonGotWord = map[string]string{"number": "a number", "string": "a string", "bool": "a boolean",
	"array": "an array", "object": "an object", "null": "null"}

// jsonGot names the JSON value that starts with c.
func jsonGot(c byte) string {
	switch c {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

var numberType = reflect.TypeFor[json.Number]()

// accepts reports whether a JSON value starting with c decodes into t at all (encoding/json's
// rules; a value of the right kind may still be out of range, see number).
func accepts(t reflect.Type, c byte) bool {
	switch t.Kind() {
	case reflect.String:
		return c == '"' || (t == numberType && c != '{' && c != '[' && c != 't' && c != 'f' && c != 'n')
	case reflect.Bool:
		return c == 't' || c == 'f'
	case reflect.Struct, reflect.Map:
		return c == '{'
	case reflect.Slice:
		return c == '[' || (c == '"' && t.Elem().Kind() == reflect.Uint8 && !decodesItself(t.Elem()))
	case reflect.Array:
		return c == '['
	}
	return c == '-' || (c >= '0' && c <= '9') // the numeric kinds
}

// number checks a number literal against an integer or float32 type, as encoding/json would.
func number(t reflect.Type, lit string) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if _, err := strconv.ParseInt(lit, 10, t.Bits()); err != nil {
			lo := int64(-1) << (t.Bits() - 1)
			return fmt.Sprintf("expected an integer from %d to %d", lo, -(lo + 1))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if _, err := strconv.ParseUint(lit, 10, t.Bits()); err != nil {
			return fmt.Sprintf("expected an integer from 0 to %d", uint64(1)<<t.Bits()-1)
		}
	case reflect.Float32:
		if _, err := strconv.ParseFloat(lit, 32); err != nil {
			return "expected a number within ±3.4e38"
		}
	case reflect.Float64:
		if v, err := strconv.ParseFloat(lit, 64); err != nil && math.IsInf(v, 0) {
			return floatRange
		}
	}
	return ""
}

// floatRange says what a number beyond float64's range (1E700) is refused for.
const floatRange = "expected a number within ±1.8e308"

type fieldWalker struct {
	data []byte
	i    int
	// root and path locate the value being walked; the path's text is only built for an error,
	// since building it for every value was most of the walk's allocation.
	root string
	path []pathStep
}

// pathStep is one step from a value to one inside it: an object's key, or an array's index.
type pathStep struct {
	key     string
	index   int
	inArray bool
}

// at is the path of the value being walked, as FieldError.Path spells it before fieldError trims
// it: "body.items[1].url", or ".route" from the envelope's own object.
func (w *fieldWalker) at() string {
	var b strings.Builder
	b.WriteString(w.root)
	for _, p := range w.path {
		if p.inArray {
			b.WriteString("[")
			b.WriteString(strconv.Itoa(p.index))
			b.WriteString("]")
		} else {
			b.WriteString(".")
			b.WriteString(p.key)
		}
	}
	return b.String()
}

// decodesItself reports whether t (or *t) takes over its own decoding, so the walk stops there.
func decodesItself(t reflect.Type) bool {
	if t.Kind() != reflect.Pointer {
		t = reflect.PointerTo(t)
	}
	return t.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler)
}

// value walks one JSON value decoded into t (nil: any Go value, no rules below).
func (w *fieldWalker) value(t reflect.Type) error {
	for t != nil && t.Kind() == reflect.Pointer && !decodesItself(t) {
		if w.peek() == 'n' {
			w.skip()
			return nil // a nil pointer holds null
		}
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface || decodesItself(t) {
		w.skip()
		return nil
	}
	c := w.peek()
	if c == 'n' && (t.Kind() == reflect.Map || t.Kind() == reflect.Slice) {
		w.skip()
		return nil
	}
	if !accepts(t, c) {
		return fieldError(w.at(), "expected "+jsonKind(t)+", got "+jsonGot(c))
	}
	switch {
	case c != '"' && c != '{' && c != '[' && c != 't' && c != 'f' && t.Kind() != reflect.String:
		start := w.i
		w.skip()
		if problem := number(t, string(w.data[start:w.i])); problem != "" {
			return fieldError(w.at(), problem)
		}
		return nil
	case c == '{' && t.Kind() == reflect.Struct:
		fields := fieldsOf(t)
		return w.object(func(key string) (reflect.Type, error) {
			if ft, ok := fields.exact[key]; ok {
				return ft, nil
			}
			if name, ok := fields.folded[strings.ToLower(key)]; ok {
				return nil, fieldError(w.at(), fmt.Sprintf("key %q differs only in case from field %q; keys must match exactly",
					truncate(key, 64), name))
			}
			return nil, fieldError(w.at(), fmt.Sprintf("unknown field %q", truncate(key, 64)))
		})
	case c == '{' && t.Kind() == reflect.Map:
		kt := t.Key()
		return w.object(func(key string) (reflect.Type, error) {
			if kt.Kind() != reflect.String && !decodesItself(kt) {
				if problem := number(kt, key); problem != "" {
					return nil, fieldError(w.at(), fmt.Sprintf("key %q: %s", truncate(key, 64), problem))
				}
			}
			return t.Elem(), nil
		})
	case c == '[' && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		w.i++
		w.ws()
		for n := 0; w.peek() != ']'; n++ {
			w.path = append(w.path, pathStep{index: n, inArray: true})
			err := w.value(t.Elem())
			w.path = w.path[:len(w.path)-1]
			if err != nil {
				return err
			}
			w.ws()
			if w.peek() == ',' {
				w.i++
				w.ws()
			}
		}
		w.i++
		return nil
	}
	w.skip()
	return nil
}

// object walks an object, asking field for the Go type of each key's value.
func (w *fieldWalker) object(field func(key string) (reflect.Type, error)) error {
	w.i++ // {
	w.ws()
	for w.peek() != '}' {
		key := w.key()
		ft, err := field(key)
		if err != nil {
			return err
		}
		w.path = append(w.path, pathStep{key: key})
		err = w.value(ft)
		w.path = w.path[:len(w.path)-1]
		if err != nil {
			return err
		}
		w.ws()
		if w.peek() == ',' {
			w.i++
			w.ws()
		}
	}
	w.i++
	return nil
}

// key reads `"name" :` and the white space after it.
func (w *fieldWalker) key() string {
	start := w.i
	w.skipString()
	raw := w.data[start+1 : w.i-1]
	name := string(raw) // Check accepted the data: without escapes, the key is its bytes
	if bytes.IndexByte(raw, '\\') >= 0 {
		if err := json.Unmarshal(w.data[start:w.i], &name); err != nil {
			name = string(raw) // Check accepted it, so this cannot happen
		}
	}
	w.ws()
	w.i++ // :
	w.ws()
	return name
}

func (w *fieldWalker) peek() byte {
	if w.i < len(w.data) {
		return w.data[w.i]
	}
	return 0
}

func (w *fieldWalker) ws() {
	for w.i < len(w.data) {
		switch w.data[w.i] {
		case ' ', '\t', '\n', '\r':
			w.i++
		default:
			return
		}
	}
}

func (w *fieldWalker) skipString() {
	w.i++ // opening quote
	for w.i < len(w.data) {
		switch w.data[w.i] {
		case '\\':
			w.i += 2
		case '"':
			w.i++
			return
		default:
			w.i++
		}
	}
}

// skip passes over one well-formed value (Check has validated the grammar).
func (w *fieldWalker) skip() {
	depth := 0
	for w.i < len(w.data) {
		switch c := w.data[w.i]; c {
		case '"':
			w.skipString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return // the end of the container holding a scalar
			}
			depth--
			if depth == 0 {
				w.i++
				return
			}
		case ',', ' ', '\t', '\n', '\r', ':':
			if depth == 0 {
				return
			}
		}
		w.i++
	}
}

func where(at string) string {
	if at == "" {
		return ""
	}
	return " at " + truncate(strings.TrimPrefix(at, "."), 128)
}

// structFields are the JSON names encoding/json decodes into a struct, with their types.
type structFields struct {
	exact  map[string]reflect.Type
	folded map[string]string // lower-cased name → name, for the error message
}

var fieldCache sync.Map // reflect.Type → *structFields

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	f := &structFields{exact: map[string]reflect.Type{}, folded: map[string]string{}}
	for _, fd := range visibleFields(t) {
		f.exact[fd.name] = fd.typ
		f.folded[strings.ToLower(fd.name)] = fd.name
	}
	fieldCache.Store(t, f)
	return f
}

type namedField struct {
	name   string
	typ    reflect.Type
	depth  int
	tagged bool
}

// visibleFields lists the fields encoding/json would decode into t by name: exported fields by
// their tag or Go name, "-" skipped, and the fields of untagged embedded structs promoted, where
// a shallower field hides deeper ones and, at equal depth, a tagged field wins and two untagged
// ones cancel out (encoding/json's rules).
func visibleFields(t reflect.Type) []namedField {
	var all []namedField
	var walk func(t reflect.Type, depth int, seen map[reflect.Type]bool)
	walk = func(t reflect.Type, depth int, seen map[reflect.Type]bool) {
		if seen[t] {
			return
		}
		seen[t] = true
		defer delete(seen, t)
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := sf.Type
			if sf.Anonymous {
				et := ft
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if !sf.IsExported() && et.Kind() != reflect.Struct {
					continue
				}
				if name == "" && et.Kind() == reflect.Struct {
					walk(et, depth+1, seen)
					continue
				}
			} else if !sf.IsExported() {
				continue
			}
			tagged := name != ""
			if !tagged {
				name = sf.Name
			}
			all = append(all, namedField{name: name, typ: ft, depth: depth, tagged: tagged})
		}
	}
	walk(t, 0, map[reflect.Type]bool{})
	byName := map[string][]namedField{}
	var order []string
	for _, f := range all {
		if _, ok := byName[f.name]; !ok {
			order = append(order, f.name)
		}
		byName[f.name] = append(byName[f.name], f)
	}
	var out []namedField
	for _, name := range order {
		if f, ok := dominant(byName[name]); ok {
			out = append(out, f)
		}
	}
	return out
}

// dominant picks the field encoding/json uses among those sharing a name.
func dominant(fs []namedField) (namedField, bool) {
	minDepth := fs[0].depth
	for _, f := range fs {
		minDepth = min(minDepth, f.depth)
	}
	var top []namedField
	for _, f := range fs {
		if f.depth == minDepth {
			top = append(top, f)
		}
	}
	if len(top) == 1 {
		return top[0], true
	}
	var tagged []namedField
	for _, f := range top {
		if f.tagged {
			tagged = append(tagged, f)
		}
	}
	if len(tagged) == 1 {
		return tagged[0], true
	}
	return namedField{}, false
}
