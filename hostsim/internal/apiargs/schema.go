package apiargs

import (
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// kind is a schema type, named as Chrome names it in error messages.
type kind string

const (
	kindInteger  kind = "integer"
	kindString   kind = "string"
	kindObject   kind = "object"
	kindFunction kind = "function"
	kindAny      kind = "any"
	kindBoolean  kind = "boolean"
	kindNumber   kind = "number"
	kindArray    kind = "array"
	// kindBinary is an ArrayBuffer or a typed array.
	kindBinary kind = "binary"
	// kindChoice is a parameter that may be any of several types (choices).
	kindChoice kind = "choice"
)

// param is one parameter (or object property) of an API schema.
type param struct {
	name     string
	kind     kind
	optional bool
	minimum  *int
	maximum  *int
	// minItems and maxItems bound an array's length (0: no bound).
	minItems, maxItems int
	props              map[string]param // for objects; nil means no properties allowed
	// ref is the named type Chrome prints in signatures ("alarms.AlarmCreateInfo") instead of kind.
	ref string
	// items is the element schema of an array; nil means any elements.
	items *param
	// enum lists the values a string may take; nil means any.
	enum []string
	// choices are the types of a kindChoice parameter, in the schema's order.
	choices []param
}

// typeLabel is the parameter's type as Chrome prints it in signatures: its kind, its named type,
// or "[string|array]" for a choice.
func (p param) typeLabel() string {
	switch {
	case p.ref != "":
		return p.ref
	case p.kind != kindChoice:
		return string(p.kind)
	}
	names := make([]string, len(p.choices))
	for i, c := range p.choices {
		names[i] = c.typeLabel()
	}
	return "[" + strings.Join(names, "|") + "]"
}

// Method is an API method's schema: its name and parameters, the callback
// last when the method has one.
type Method struct {
	Name        string
	params      []param
	hasCallback bool
}

// methods are every Method of this package, for the test that compares them with Chrome's schema.
var methods []*Method

// register adds m to methods.
func register(m *Method) *Method {
	methods = append(methods, m)
	return m
}

// Signature is the parameter list as Chrome prints it in invocation errors.
func (m *Method) Signature() string {
	parts := make([]string, len(m.params))
	for i, p := range m.params {
		s := p.typeLabel() + " " + p.name
		if p.optional {
			s = "optional " + s
		}
		parts[i] = s
	}
	return strings.Join(parts, ", ")
}

// Error wraps detail as this method's invocation error.
func (m *Method) Error(detail string) *InvocationError {
	return &InvocationError{Method: m.Name, Signature: m.Signature(), Detail: detail}
}

func intp(n int) *int { return &n }

// The schemas of runtime.json and tabs.json as Chromium 156 uses them.
var (
	RuntimeSendMessageMethod = register(&Method{Name: "runtime.sendMessage", hasCallback: true, params: []param{
		{name: "extensionId", kind: kindString, optional: true},
		{name: "message", kind: kindAny},
		{name: "options", kind: kindObject, optional: true, props: map[string]param{
			"includeTlsChannelId": {name: "includeTlsChannelId", kind: kindBoolean, optional: true},
		}},
		{name: "callback", kind: kindFunction, optional: true},
	}})
	RuntimeConnectMethod = register(&Method{Name: "runtime.connect", params: []param{
		{name: "extensionId", kind: kindString, optional: true},
		{name: "connectInfo", kind: kindObject, optional: true, props: map[string]param{
			"name":                {name: "name", kind: kindString, optional: true},
			"includeTlsChannelId": {name: "includeTlsChannelId", kind: kindBoolean, optional: true},
		}},
	}})
	RuntimeSendNativeMessageMethod = register(&Method{Name: "runtime.sendNativeMessage", hasCallback: true, params: []param{
		{name: "application", kind: kindString},
		{name: "message", kind: kindObject, props: anyProps},
		{name: "callback", kind: kindFunction, optional: true},
	}})
	RuntimeConnectNativeMethod = register(&Method{Name: "runtime.connectNative", params: []param{
		{name: "application", kind: kindString},
	}})
	TabsSendMessageMethod = register(&Method{Name: "tabs.sendMessage", hasCallback: true, params: []param{
		{name: "tabId", kind: kindInteger, minimum: intp(0)},
		{name: "message", kind: kindAny},
		{name: "options", kind: kindObject, optional: true, props: map[string]param{
			"frameId":    {name: "frameId", kind: kindInteger, optional: true},
			"documentId": {name: "documentId", kind: kindString, optional: true},
		}},
		{name: "callback", kind: kindFunction, optional: true},
	}})
	TabsConnectMethod = register(&Method{Name: "tabs.connect", params: []param{
		{name: "tabId", kind: kindInteger, minimum: intp(0)},
		{name: "connectInfo", kind: kindObject, optional: true, props: map[string]param{
			"name":       {name: "name", kind: kindString, optional: true},
			"frameId":    {name: "frameId", kind: kindInteger, optional: true},
			"documentId": {name: "documentId", kind: kindString, optional: true},
		}},
	}})
)

// anyProps marks an object that accepts any properties (the native message
// is "additionalProperties": {"type": "any"}).
var anyProps = map[string]param{"*": {kind: kindAny, optional: true}}

// number returns v's numeric value when v is a Number primitive.
func number(v goja.Value) (float64, bool) {
	if v == nil {
		return 0, false
	}
	if _, isObj := v.(*goja.Object); isObj || goja.IsBigInt(v) {
		return 0, false
	}
	if et := v.ExportType(); et != nil {
		switch et.Kind().String() {
		case "int64", "float64":
			return v.ToFloat(), true
		}
	}
	return 0, false
}

func isInt32(v goja.Value) (int, bool) {
	f, ok := number(v)
	if !ok || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 || (f == 0 && math.Signbit(f)) {
		return 0, false
	}
	return int(f), true
}

func isString(v goja.Value) bool {
	_, ok := v.(goja.String)
	return ok
}

func isFunction(v goja.Value) bool {
	_, ok := goja.AssertFunction(v)
	return ok
}

func isNullish(v goja.Value) bool { return v == nil || goja.IsUndefined(v) || goja.IsNull(v) }

func isArray(o *goja.Object) bool { return o.ClassName() == "Array" }

// isBinary reports ArrayBuffers and typed arrays. goja gives them no class
// name of their own, but exports them as goja.ArrayBuffer and numeric slices.
func isBinary(o *goja.Object) bool {
	if _, ok := o.Export().(goja.ArrayBuffer); ok {
		return true
	}
	et := o.ExportType()
	if et == nil || et.Kind() != reflect.Slice {
		return false
	}
	switch et.Elem().Kind() {
	case reflect.Int8, reflect.Uint8, reflect.Int16, reflect.Uint16, reflect.Int32, reflect.Uint32,
		reflect.Int64, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// typeName is how Chrome names a value's type in "Invalid type" errors.
func typeName(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if _, ok := isInt32(v); ok {
		return "integer"
	}
	if _, ok := number(v); ok {
		return "number"
	}
	if o, ok := v.(*goja.Object); ok {
		switch {
		case isArray(o):
			return "array"
		case isFunction(o):
			return "function"
		case isBinary(o):
			return "binary"
		}
		return "object"
	}
	if isString(v) {
		return "string"
	}
	if et := v.ExportType(); et != nil && et.Kind().String() == "bool" {
		return "boolean"
	}
	return "other" // symbols and BigInts, which Chrome does not name
}

// correctType is ArgumentSpec::IsCorrectType: the shallow type test used to
// match arguments to parameters.
func (p param) correctType(v goja.Value) bool {
	switch p.kind {
	case kindAny:
		return true
	case kindInteger:
		if _, ok := isInt32(v); ok {
			return true
		}
		f, ok := number(v)
		return ok && f == 0 // -0 counts as an integer
	case kindString:
		return isString(v)
	case kindBoolean:
		return typeName(v) == "boolean"
	case kindNumber:
		_, ok := number(v)
		return ok
	case kindArray:
		o, ok := v.(*goja.Object)
		return ok && isArray(o)
	case kindFunction:
		return isFunction(v)
	case kindBinary:
		o, ok := v.(*goja.Object)
		return ok && isBinary(o)
	case kindObject:
		o, ok := v.(*goja.Object)
		return ok && !isFunction(o) && !isArray(o)
	case kindChoice:
		for _, c := range p.choices {
			if c.correctType(v) {
				return true
			}
		}
	}
	return false
}

// check is ArgumentSpec::ParseArgument: the full check of a value already
// known to have the right type, returning Chrome's error text or "".
func (p param) check(v goja.Value) string {
	if p.kind == kindChoice {
		for _, c := range p.choices {
			if c.correctType(v) && c.check(v) == "" {
				return ""
			}
		}
		return ErrInvalidChoice
	}
	if !p.correctType(v) {
		return InvalidType(string(p.kind), typeName(v))
	}
	switch p.kind {
	case kindInteger:
		n, _ := isInt32(v) // -0 reads as 0
		if p.minimum != nil && n < *p.minimum {
			return NumberTooSmall(*p.minimum)
		}
		if p.maximum != nil && n > *p.maximum {
			return NumberTooLarge(*p.maximum)
		}
	case kindNumber:
		if f, _ := number(v); math.IsNaN(f) || math.IsInf(f, 0) {
			return ErrNotFinite
		}
	case kindString:
		if p.enum != nil && !slices.Contains(p.enum, v.String()) {
			return ValueMustBeOneOf(p.enum)
		}
	case kindArray:
		o := v.(*goja.Object)
		n := int(o.Get("length").ToInteger())
		if p.minItems > 0 && n < p.minItems {
			return ArrayTooShort(p.minItems)
		}
		if p.maxItems > 0 && n > p.maxItems {
			return ArrayTooLong(p.maxItems)
		}
		if p.items == nil {
			return ""
		}
		for i := 0; i < n; i++ {
			if e := p.items.check(o.Get(strconv.Itoa(i))); e != "" {
				return IndexError(i, e)
			}
		}
	case kindObject:
		if _, open := p.props["*"]; open {
			return ""
		}
		o := v.(*goja.Object)
		// Chrome reads the schema's properties before it looks for unexpected ones.
		for _, k := range sortedProps(p.props) {
			if !p.props[k].optional && isNullish(o.Get(k)) {
				return MissingRequiredProperty(k)
			}
		}
		for _, k := range o.Keys() {
			spec, known := p.props[k]
			if !known {
				return UnexpectedProperty(k)
			}
			pv := o.Get(k)
			if isNullish(pv) {
				if !spec.optional {
					return MissingRequiredProperty(k)
				}
				continue
			}
			if e := spec.check(pv); e != "" {
				return PropertyError(k, e)
			}
		}
	}
	return ""
}

// parse runs Chromium's APISignature parsing: resolve which argument goes
// to which parameter (optional ones may be skipped), then check each. The
// result has one entry per parameter, nil for an omitted one. Getters that
// throw surface as ErrScriptThrew, as V8 reports them.
func (m *Method) parse(vm *goja.Runtime, args []goja.Value) (out []goja.Value, err error) {
	if len(args) > len(m.params) {
		return nil, m.Error(ErrNoMatchingSignature)
	}
	resolved := make([]goja.Value, len(m.params))
	if !m.resolve(args, 0, resolved) {
		return nil, m.Error(ErrNoMatchingSignature)
	}
	var detail string
	if exc := vm.Try(func() {
		for i, p := range m.params {
			if resolved[i] == nil {
				continue
			}
			if e := p.check(resolved[i]); e != "" {
				detail = ArgumentError(p.name, e)
				return
			}
		}
	}); exc != nil {
		detail = ErrScriptThrew
	}
	if detail != "" {
		return nil, m.Error(detail)
	}
	return resolved, nil
}

func (m *Method) resolve(provided []goja.Value, idx int, out []goja.Value) bool {
	expected := m.params[idx:]
	if len(provided) == 0 && len(expected) == 0 {
		return true
	}
	if len(provided) > len(expected) {
		return false
	}
	if len(provided) > 0 {
		can := false
		if expected[0].optional && isNullish(provided[0]) {
			can, out[idx] = true, nil
		} else if expected[0].correctType(provided[0]) {
			can, out[idx] = true, provided[0]
		}
		if can && m.resolve(provided[1:], idx+1, out) {
			return true
		}
	}
	if expected[0].optional {
		out[idx] = nil
		if m.resolve(provided, idx+1, out) {
			return true
		}
	}
	// MV3 APIs return a promise when the trailing callback is left off.
	if m.hasCallback && len(provided) == 0 && len(expected) == 1 {
		out[idx] = nil
		return true
	}
	return false
}

// propOrder holds each props map's names, sorted, by the map's address. Props maps are built once
// (package variables, and FromSchema's methods, which are kept) and never changed afterwards, and
// sorting the names on every check was half the time of checking 30,000 declarativeNetRequest
// rules. Holding the address keeps the map alive, so no other map can take it.
var propOrder sync.Map

func sortedProps(m map[string]param) []string {
	key := reflect.ValueOf(m).UnsafePointer()
	if names, ok := propOrder.Load(key); ok {
		return names.([]string)
	}
	names := slices.Sorted(maps.Keys(m))
	propOrder.Store(key, names)
	return names
}
