package envelope

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Under "message_serialization": "structured_clone" a message keeps JavaScript types JSON cannot
// hold. It still crosses the Go/JS boundary as one text: the glue writes it in the clone form, JSON
// in which such a value is an object with one key starting with NUL, and reads that form back:
//
//	{"\u0000bytes": "<base64>"}         Uint8Array (an ArrayBuffer arrives as one too)
//	{"\u0000date": <ms>}                Date (null for an invalid date)
//	{"\u0000bigint": "<decimal>"}       BigInt
//	{"\u0000number": "NaN"}             NaN, Infinity, -Infinity or -0
//	{"\u0000map": [[k, v], …]}          Map
//	{"\u0000set": [v, …]}               Set
//
// A key of an ordinary object that starts with NUL is written with one more NUL in front.
//
// Go code sees the documented JSON forms: LowerClone turns the clone form into the JSON that
// encoding/json reads into the target type ([]byte from base64, time.Time from RFC 3339, *big.Int
// from a number), and RaiseClone turns encoding/json's output for a type into the clone form, so
// that []byte leaves as a Uint8Array, time.Time as a Date and *big.Int as a BigInt.

const (
	cloneMark   = "\x00"
	cloneBytes  = cloneMark + "bytes"
	cloneDate   = cloneMark + "date"
	cloneBigInt = cloneMark + "bigint"
	cloneNumber = cloneMark + "number"
	cloneMap    = cloneMark + "map"
	cloneSet    = cloneMark + "set"
)

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// node is a parsed JSON value that keeps object key order.
type node struct {
	kind byte // 'n' null, 'b' bool, 's' string, '0' number, '[' array, '{' object
	b    bool
	s    string // string, or a number's literal
	arr  []*node
	keys []string
	vals []*node
}

func parseNode(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := readNode(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("%w: data after the value", ErrInvalid)
	}
	return n, nil
}

func readNode(dec *json.Decoder) (*node, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	switch x := t.(type) {
	case nil:
		return &node{kind: 'n'}, nil
	case bool:
		return &node{kind: 'b', b: x}, nil
	case string:
		return &node{kind: 's', s: x}, nil
	case json.Number:
		return &node{kind: '0', s: string(x)}, nil
	case json.Delim:
		n := &node{kind: byte(x)}
		for dec.More() {
			if x == '{' {
				k, err := dec.Token()
				if err != nil {
					return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
				}
				n.keys = append(n.keys, k.(string))
			}
			v, err := readNode(dec)
			if err != nil {
				return nil, err
			}
			if x == '{' {
				n.vals = append(n.vals, v)
			} else {
				n.arr = append(n.arr, v)
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
		}
		return n, nil
	}
	return nil, fmt.Errorf("%w: unexpected %v", ErrInvalid, t)
}

func (n *node) append(buf *bytes.Buffer) {
	switch n.kind {
	case 'n':
		buf.WriteString("null")
	case 'b':
		buf.WriteString(strconv.FormatBool(n.b))
	case 's':
		writeString(buf, n.s)
	case '0':
		buf.WriteString(n.s)
	case '[':
		buf.WriteByte('[')
		for i, v := range n.arr {
			if i > 0 {
				buf.WriteByte(',')
			}
			v.append(buf)
		}
		buf.WriteByte(']')
	case '{':
		buf.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeString(buf, k)
			buf.WriteByte(':')
			n.vals[i].append(buf)
		}
		buf.WriteByte('}')
	}
}

func writeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	buf.Truncate(buf.Len() - 1) // Encode's newline
}

func (n *node) text() []byte {
	var buf bytes.Buffer
	n.append(&buf)
	return buf.Bytes()
}

// tag returns the clone tag of an object {"\u0000tag": v}, or "".
func (n *node) tag() (string, *node) {
	if n.kind == '{' && len(n.keys) == 1 && strings.HasPrefix(n.keys[0], cloneMark) && !strings.HasPrefix(n.keys[0], cloneMark+cloneMark) {
		return n.keys[0], n.vals[0]
	}
	return "", nil
}

// LowerClone turns data in the clone form into the JSON encoding/json reads into t (nil: any), and
// refuses a JavaScript type where t cannot hold it: a Uint8Array only where t is []byte, a Date
// only where t is time.Time, a BigInt only where t is big.Int, a Map only where t is a map with
// string or integer keys, and NaN or ±Infinity nowhere. Where t is []byte or time.Time the clone
// type is required: a plain string is refused. Untyped places (any, json.RawMessage) get the
// documented JSON forms. data is checked first (size, UTF-8, lone surrogates, "__proto__") with
// lim, whose depth bounds the JavaScript nesting (a tagged value counts once).
func LowerClone(data []byte, t reflect.Type, lim Limits) ([]byte, error) {
	lim = lim.withDefaults()
	// The clone form nests up to three levels per JavaScript level (a Map entry in its list).
	if err := Check(data, Limits{MaxBytes: lim.MaxBytes, MaxDepth: 3*lim.MaxDepth + 3}); err != nil {
		return nil, err
	}
	n, err := parseNode(data)
	if err != nil {
		return nil, err
	}
	l := lowerer{max: lim.MaxDepth}
	if err := l.value(n, t, ""); err != nil {
		return nil, err
	}
	return n.text(), nil
}

type lowerer struct {
	max, depth int
}

func cloneErr(at, format string, args ...any) error {
	return fmt.Errorf("%w: %s%s", ErrInvalid, fmt.Sprintf(format, args...), where(at))
}

// target strips pointers; nil stands for "any Go value".
func target(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t != nil && (t.Kind() == reflect.Interface || t == rawType) {
		return nil
	}
	return t
}

func (l *lowerer) value(n *node, t reflect.Type, at string) error {
	t = target(t)
	tag, inner := n.tag()
	switch tag {
	case "":
	case cloneBytes:
		if inner.kind != 's' || (t != nil && !isBytes(t)) {
			return cloneErr(at, "a Uint8Array where %s is expected", typeName(t))
		}
		*n = *inner
		return nil
	case cloneDate:
		if t != nil && t != timeType {
			return cloneErr(at, "a Date where %s is expected", typeName(t))
		}
		ms, err := strconv.ParseFloat(inner.s, 64)
		if inner.kind != '0' || err != nil || math.IsInf(ms, 0) || math.Abs(ms) > 8.64e15 {
			return cloneErr(at, "an invalid Date")
		}
		*n = node{kind: 's', s: time.UnixMilli(int64(ms)).UTC().Format(time.RFC3339Nano)}
		return nil
	case cloneBigInt:
		if t != nil && !isBigInt(t) {
			return cloneErr(at, "a BigInt where %s is expected", typeName(t))
		}
		digits, ok := canonicalInteger(inner.s)
		if inner.kind != 's' || !ok {
			return cloneErr(at, "a malformed BigInt")
		}
		*n = node{kind: '0', s: digits}
		return nil
	case cloneNumber:
		if inner.kind == 's' && inner.s == "-0" && (t == nil || isNumber(t)) {
			*n = node{kind: '0', s: "-0"}
			return nil
		}
		return cloneErr(at, "%s, which JSON cannot carry", inner.s)
	case cloneMap:
		if t != nil && (t.Kind() != reflect.Map || !isKeyKind(t.Key().Kind())) {
			return cloneErr(at, "a Map where %s is expected", typeName(t))
		}
		obj := node{kind: '{'}
		if inner.kind != '[' {
			return cloneErr(at, "a malformed Map")
		}
		for _, e := range inner.arr {
			if e.kind != '[' || len(e.arr) != 2 || (e.arr[0].kind != 's' && e.arr[0].kind != '0') {
				return cloneErr(at, "a Map key that is not a string or a number")
			}
			k := e.arr[0].s
			if strings.HasPrefix(k, cloneMark) {
				k = cloneMark + k // a Map key is not escaped; the object key it becomes is
			}
			obj.keys = append(obj.keys, k)
			obj.vals = append(obj.vals, e.arr[1])
		}
		*n = obj
	case cloneSet:
		if t != nil && t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return cloneErr(at, "a Set where %s is expected", typeName(t))
		}
		if inner.kind != '[' {
			return cloneErr(at, "a malformed Set")
		}
		*n = *inner
	default:
		return cloneErr(at, "an unknown clone tag %q", strings.TrimPrefix(tag, cloneMark))
	}
	if t != nil && (t == timeType || isBytes(t)) && n.kind != 'n' {
		return cloneErr(at, "a %s where a %s is expected", kindName(n), typeName(t))
	}
	switch n.kind {
	case '0':
		// JavaScript numbers are doubles: the glue writes Infinity as a clone tag, so a literal
		// beyond a double's range (1E700) is not something Chrome sent.
		if v, err := strconv.ParseFloat(n.s, 64); (err != nil || math.IsInf(v, 0)) && (t == nil || !isBigInt(t)) {
			return cloneErr(at, "a number beyond a double's range")
		}
	case '[':
		if err := l.enter(at); err != nil {
			return err
		}
		defer l.leave()
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i, v := range n.arr {
			if err := l.value(v, elem, at+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	case '{':
		if err := l.enter(at); err != nil {
			return err
		}
		defer l.leave()
		for i, k := range n.keys {
			if strings.HasPrefix(k, cloneMark) {
				if !strings.HasPrefix(k, cloneMark+cloneMark) {
					return cloneErr(at, "a key starting with NUL that is not escaped")
				}
				k = k[1:]
				n.keys[i] = k
			}
			var ft reflect.Type
			if t != nil {
				switch t.Kind() {
				case reflect.Struct:
					ft = fieldsOf(t).exact[k] // an unknown key is refused by the strict decoder
				case reflect.Map:
					ft = t.Elem()
				}
			}
			if err := l.value(n.vals[i], ft, at+"."+k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *lowerer) enter(at string) error {
	l.depth++
	if l.depth > l.max {
		return fmt.Errorf("%w: nesting deeper than %d%s", ErrInvalid, l.max, where(at))
	}
	return nil
}

func (l *lowerer) leave() { l.depth-- }

func isBytes(t reflect.Type) bool {
	return t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && !decodesItself(t)
}

func isNumber(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

func isKeyKind(k reflect.Kind) bool {
	return k == reflect.String || (k >= reflect.Int && k <= reflect.Uintptr)
}

func typeName(t reflect.Type) string {
	if t == nil {
		return "any value"
	}
	return t.String()
}

func kindName(n *node) string {
	switch n.kind {
	case 's':
		return "string"
	case '0':
		return "number"
	case 'b':
		return "boolean"
	case '[':
		return "array"
	case '{':
		return "object"
	}
	return "null"
}

// RaiseClone turns data, encoding/json's encoding of a value of type t, into the clone form: the
// places where t holds []byte, time.Time or big.Int get the clone types, map fields tagged
// `extwasm:"map"` become Maps, and object keys that start with NUL are escaped. Untyped places (any, json.RawMessage) are left as they are, keys aside.
func RaiseClone(data []byte, t reflect.Type) ([]byte, error) {
	n, err := parseNode(data)
	if err != nil {
		return nil, err
	}
	if err := raise(n, t); err != nil {
		return nil, err
	}
	return n.text(), nil
}

func raise(n *node, t reflect.Type) error {
	t = target(t)
	if n.kind == 'n' {
		return nil
	}
	switch {
	case t == nil:
	case isBytes(t) && n.kind == 's':
		*n = node{kind: '{', keys: []string{cloneBytes}, vals: []*node{{kind: 's', s: n.s}}}
		return nil
	case t == timeType && n.kind == 's':
		tm, err := time.Parse(time.RFC3339Nano, n.s)
		if err != nil {
			return fmt.Errorf("%w: time %q: %v", ErrInvalid, n.s, err)
		}
		*n = node{kind: '{', keys: []string{cloneDate}, vals: []*node{{kind: '0', s: strconv.FormatInt(tm.UnixMilli(), 10)}}}
		return nil
	case isBigInt(t) && n.kind == '0':
		*n = node{kind: '{', keys: []string{cloneBigInt}, vals: []*node{{kind: 's', s: n.s}}}
		return nil
	}
	switch n.kind {
	case '[':
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for _, v := range n.arr {
			if err := raise(v, elem); err != nil {
				return err
			}
		}
	case '{':
		var asMap map[string]bool
		if t != nil && t.Kind() == reflect.Struct {
			asMap = mapFields(t)
		}
		for i, k := range n.keys {
			var ft reflect.Type
			if t != nil {
				switch t.Kind() {
				case reflect.Struct:
					ft = fieldsOf(t).exact[k]
				case reflect.Map:
					ft = t.Elem()
				}
			}
			if strings.HasPrefix(k, cloneMark) {
				n.keys[i] = cloneMark + k
			}
			if err := raise(n.vals[i], ft); err != nil {
				return err
			}
			if asMap[k] && n.vals[i].kind == '{' {
				toMap(n.vals[i], target(ft))
			}
		}
	}
	return nil
}

// MapTag is the struct tag that makes a Go map field leave as a JavaScript Map under structured
// clone: `extwasm:"map"`. Without it a map leaves as a plain object. Only a struct's own fields
// (not those promoted from embedded structs) are read.
const MapTag = "extwasm"

var mapFieldCache sync.Map // reflect.Type → map[string]bool

// mapFields names the JSON keys of t's map fields tagged `extwasm:"map"`.
func mapFields(t reflect.Type) map[string]bool {
	if m, ok := mapFieldCache.Load(t); ok {
		return m.(map[string]bool)
	}
	out := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Tag.Get(MapTag) != "map" || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = true
	}
	mapFieldCache.Store(t, out)
	return out
}

// toMap turns an object already raised into the clone form of a Map; keys of a map with integer
// keys become numbers again (encoding/json wrote them as strings). Keys were escaped by raise and
// are unescaped here, since a Map key is not an object key.
func toMap(n *node, t reflect.Type) {
	numeric := t != nil && t.Kind() == reflect.Map && t.Key().Kind() != reflect.String
	entries := &node{kind: '['}
	for i, k := range n.keys {
		if strings.HasPrefix(k, cloneMark+cloneMark) {
			k = k[1:]
		}
		key := &node{kind: 's', s: k}
		if numeric {
			key.kind = '0'
		}
		entries.arr = append(entries.arr, &node{kind: '[', arr: []*node{key, n.vals[i]}})
	}
	*n = node{kind: '{', keys: []string{cloneMap}, vals: []*node{entries}}
}

// isBigInt reports whether t is math/big's Int, found by name so that this package does not link
// math/big.
func isBigInt(t reflect.Type) bool {
	return t != nil && t.Name() == "Int" && t.PkgPath() == "math/big"
}

// canonicalInteger checks that s is a decimal integer, optionally signed, and returns it as JSON
// number text: no '+', no leading zeros, "0" for any zero (a BigInt has no negative zero).
func canonicalInteger(s string) (string, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", false
		}
	}
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return "0", true
	}
	if neg {
		return "-" + s, true
	}
	return s, true
}
