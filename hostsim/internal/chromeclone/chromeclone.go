// Package chromeclone models Chrome's structured-clone extension messaging (the manifest's
// "message_serialization": "structured_clone", conformance.md item 99) on goja values: the sender
// clones the message with V8's rules, the receiver rebuilds it in its own realm.
//
// What Chromium 156 keeps, measured with the shared scenarios: Uint8Array and the other typed
// arrays, DataView, ArrayBuffer, Date (also invalid ones), Map, Set, RegExp, BigInt, NaN,
// ±Infinity, -0, undefined (top level, in objects and arrays), holes and extra properties of
// arrays, boxed primitives, cycles and shared references, Error (its prototype from name and its
// own message; other own properties are dropped). Class instances arrive as plain objects with
// their own enumerable properties; getters run and their values cross. Own property order is the
// engine's (integer keys first). A function, a Symbol, a Promise, a WeakMap, a WeakSet, a Proxy or
// a DOM node anywhere in the message makes it unserializable, as does a getter that throws; the
// error text is the same as with JSON (chromefacts.ErrCouldNotSerialize), not a DataCloneError.
//
// Inside the simulator a clone travels as a string, like JSON messages do, so the browser model
// stays format-agnostic: Prefix marks it, and Deserialize rebuilds it in the receiving realm.
package chromeclone

import (
	_ "embed"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Prefix starts every cloned message inside the simulator. A JSON text never starts with NUL, so
// the receiver tells the two formats apart by the text alone.
const Prefix = "\x00clone:"

// MaxDepth is how deeply objects may nest before cloning fails, standing in for V8 running out of
// stack in its ValueSerializer; the same bound as the JSON path (chromejson.MaxDepth).
const MaxDepth = chromejson.MaxDepth

//go:embed kit.js
var kitSource string

var kitProgram = goja.MustCompile("chromeclone/kit.js", kitSource, true)

// IsClone reports whether a message text is a clone rather than JSON.
func IsClone(s string) bool { return strings.HasPrefix(s, Prefix) }

// Realm clones values out of and into one goja realm.
type Realm struct {
	vm         *goja.Runtime
	kind       goja.Callable
	view       goja.Callable
	mapEntries goja.Callable
	setValues  goja.Callable
	regexp     goja.Callable
	make       goja.Callable
	box        goja.Callable
	unbox      goja.Callable
	time       goja.Callable
	mapSet     goja.Callable
	setAdd     goja.Callable
	isError    goja.Callable
	// isHost reports platform objects (DOM nodes), which V8 refuses to clone.
	isHost func(*goja.Object) bool
}

// NewRealm captures vm's intrinsics; call it before scripts run in vm. isHost, if not nil, tells
// platform objects (DOM wrappers) apart from script objects.
func NewRealm(vm *goja.Runtime, isHost func(*goja.Object) bool) (*Realm, error) {
	v, err := vm.RunProgram(kitProgram)
	if err != nil {
		return nil, err
	}
	o := v.(*goja.Object)
	fn := func(name string) goja.Callable {
		f, _ := goja.AssertFunction(o.Get(name))
		return f
	}
	return &Realm{
		vm: vm, isHost: isHost,
		kind: fn("kind"), view: fn("view"), mapEntries: fn("mapEntries"), setValues: fn("setValues"),
		regexp: fn("regexp"), make: fn("make"), box: fn("box"), unbox: fn("unbox"), time: fn("time"), mapSet: fn("mapSet"), setAdd: fn("setAdd"),
		isError: fn("isError"),
	}, nil
}

// The wire form is a JSON array [root, record0, record1, …] carried through chromejson, whose
// quoting keeps strings (lone surrogates included) exact. A value is a JSON string, boolean, null
// or finite number, or an array tagged by its first element:
//
//	["u"]              undefined
//	["f", "NaN"]       a number JSON cannot hold: NaN, Infinity, -Infinity, -0
//	["n", "-12"]       a BigInt, in decimal
//	["r", i]           the object of record i (shared references and cycles point to one record)
//
// A record is an array tagged by what the object is:
//
//	["O", k, v, …]                 plain object: own enumerable string keys, in order
//	["A", length, k, v, …]         array: present elements and extra properties, in order
//	["D", time]                    Date (time is a value: NaN for an invalid date)
//	["R", source, flags]           RegExp
//	["M", k, v, …] / ["S", v, …]   Map entries / Set values, in insertion order
//	["B", offset, length]          ArrayBuffer: its bytes in the blob section (below)
//	["V", kind, buffer, offset, length]  typed array or DataView over the record buffer
//	["E", name, message]           Error (message ["u"] when it had no own message)
//	["X", value]                   Number, String, Boolean or BigInt object
//
// The text is Prefix, the JSON's length in decimal, ":", the JSON, then the blob section: the bytes
// of every ArrayBuffer, one after the other. Bytes are not put in the JSON so that a large buffer
// costs a copy rather than an encoding.
const (
	tagUndefined = "u"
	tagFloat     = "f"
	tagBigInt    = "n"
	tagRef       = "r"
	// tagTransferred is ["t", i]: the i-th object of postMessage's transfer list (a MessagePort),
	// which the receiver's DeserializeTransfer puts back; extension messaging never writes it.
	tagTransferred = "t"
)

var (
	bigIntType    = reflect.TypeOf((*big.Int)(nil))
	promiseType   = reflect.TypeOf((*goja.Promise)(nil))
	proxyType     = reflect.TypeOf(goja.Proxy{})
	arrayBufferTy = reflect.TypeOf(goja.ArrayBuffer{})
)

// failure aborts a clone; the walk panics with it and Serialize recovers it.
type failure struct{ err *chromejson.Error }

func unserializable(reason string) failure {
	return failure{&chromejson.Error{Kind: chromejson.ErrUnserializable, Reason: reason}}
}

type encoder struct {
	r *Realm
	// transferred names the objects a postMessage transfers (SerializeTransfer), by index.
	transferred func(*goja.Object) (int, bool)
	ids         map[*goja.Object]int
	records     []goja.Value
	blobs       []byte
	depth       int
	// size estimates the length of V8's ValueSerializer output, which Chrome holds to
	// chromefacts.MaxMessageBytes (measured: a Uint8Array of 64 MiB - 64 bytes crosses, one of
	// 64 MiB + 64 bytes is too large).
	size int
}

// varint is the length of n as a base-128 varint, V8's encoding of lengths and ids.
func varint(n int) int {
	l := 1
	for n >= 0x80 {
		n >>= 7
		l++
	}
	return l
}

// stringSize is V8's size for a string: tag, length, then one byte per character when all fit in
// Latin-1, else two.
func stringSize(s goja.String) int {
	n := s.Length()
	wide := false
	for i := range n {
		if s.CharAt(i) > 0xff {
			wide = true
			break
		}
	}
	if wide {
		n *= 2
	}
	return 1 + varint(n) + n
}

// Serialize clones v (nil is undefined) into a message text starting with Prefix, or returns a
// *chromejson.Error with Chrome's text: ErrUnserializable, or ErrTooLarge when the clone exceeds
// chromefacts.MaxMessageBytes.
func (r *Realm) Serialize(v goja.Value) (s string, err error) {
	return r.SerializeTransfer(v, nil)
}

// SerializeTransfer is Serialize for postMessage: an object transferred says its index in the
// transfer list and is written as that index, for DeserializeTransfer to put back; other platform
// objects still make v unserializable.
func (r *Realm) SerializeTransfer(v goja.Value, transferred func(*goja.Object) (int, bool)) (s string, err error) {
	if v == nil {
		v = goja.Undefined()
	}
	e := &encoder{r: r, ids: map[*goja.Object]int{}, size: 2, transferred: transferred}
	var root goja.Value
	exc := r.vm.Try(func() {
		defer func() {
			if p := recover(); p != nil {
				f, ok := p.(failure)
				if !ok {
					panic(p)
				}
				err = f.err
			}
		}()
		root = e.value(v)
	})
	if err != nil {
		return "", err
	}
	if exc != nil {
		return "", &chromejson.Error{Kind: chromejson.ErrUnserializable, Reason: "exception: " + exc.Error()}
	}
	if e.size > chromefacts.MaxMessageBytes {
		return "", &chromejson.Error{Kind: chromejson.ErrTooLarge, Reason: strconv.Itoa(e.size) + " bytes"}
	}
	wire := append([]any{root}, anySlice(e.records)...)
	text, jerr := chromejson.SerializeText(r.vm, r.vm.NewArray(wire...))
	if jerr != nil {
		return "", jerr
	}
	var out strings.Builder
	out.Grow(len(Prefix) + 12 + len(text) + len(e.blobs))
	out.WriteString(Prefix)
	out.WriteString(strconv.Itoa(len(text)))
	out.WriteByte(':')
	out.WriteString(text)
	out.Write(e.blobs)
	return out.String(), nil
}

func anySlice(vs []goja.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func (e *encoder) tagged(tag string, v any) goja.Value { return e.r.vm.NewArray(tag, v) }

func (e *encoder) value(v goja.Value) goja.Value {
	e.size++ // the tag
	switch {
	case v == nil || goja.IsUndefined(v):
		return e.r.vm.NewArray(tagUndefined)
	case goja.IsNull(v):
		return goja.Null()
	case goja.IsBigInt(v):
		e.size += 1 + 8*(len(v.String())/19+1)
		return e.tagged(tagBigInt, v.String())
	}
	switch x := v.(type) {
	case *goja.Symbol:
		panic(unserializable("Symbol value"))
	case goja.String:
		e.size += stringSize(x) - 1
		return x
	case *goja.Object:
		return e.object(x)
	}
	switch v.ExportType().Kind() {
	case reflect.Bool:
		return v
	case reflect.Int64, reflect.Float64:
		e.size += 8
		f := v.ToFloat()
		switch {
		case math.IsNaN(f):
			return e.tagged(tagFloat, "NaN")
		case math.IsInf(f, 1):
			return e.tagged(tagFloat, "Infinity")
		case math.IsInf(f, -1):
			return e.tagged(tagFloat, "-Infinity")
		case f == 0 && math.Signbit(f):
			return e.tagged(tagFloat, "-0")
		}
		return v
	}
	panic(unserializable("value of type " + v.ExportType().String()))
}

// object returns the reference to o's record, writing the record on first sight.
func (e *encoder) object(o *goja.Object) goja.Value {
	if e.transferred != nil {
		if i, ok := e.transferred(o); ok {
			e.size += 1 + varint(i)
			return e.tagged(tagTransferred, i)
		}
	}
	if id, ok := e.ids[o]; ok {
		e.size += varint(id)
		return e.tagged(tagRef, id)
	}
	if _, callable := goja.AssertFunction(o); callable {
		panic(unserializable("function"))
	}
	if e.r.isHost != nil && e.r.isHost(o) {
		panic(unserializable("platform object"))
	}
	if e.depth >= MaxDepth {
		panic(unserializable("nesting deeper than " + strconv.Itoa(MaxDepth)))
	}
	e.depth++
	defer func() { e.depth-- }()
	id := len(e.records)
	e.ids[o] = id
	e.records = append(e.records, nil)
	e.records[id] = e.r.vm.NewArray(e.record(o)...)
	return e.tagged(tagRef, id)
}

func (e *encoder) call(fn goja.Callable, args ...goja.Value) goja.Value {
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

func (e *encoder) record(o *goja.Object) []any {
	vm := e.r.vm
	switch o.ClassName() {
	case "Array":
		rec := []any{"A", o.Get("length")}
		return e.props(rec, o)
	case "Date":
		return []any{"D", e.value(e.call(e.r.time, o))}
	case "RegExp":
		sf := e.call(e.r.regexp, o).(*goja.Object)
		return []any{"R", sf.Get("0"), sf.Get("1")}
	case "Error":
		name := o.Get("name")
		if ok := e.call(e.r.isError, name); !ok.ToBoolean() {
			name = vm.ToValue("Error")
		}
		var msg goja.Value = vm.NewArray(tagUndefined)
		if d := o.GetOwnPropertyNames(); contains(d, "message") {
			if m := o.Get("message"); m != nil {
				msg = m.ToString()
			}
		}
		return []any{"E", name, msg}
	case "Number", "String", "Boolean":
		return []any{"X", e.value(e.call(e.r.unbox, o))}
	case "Function":
		panic(unserializable("function"))
	case "Object", "Arguments":
	default:
		panic(unserializable("object of class " + o.ClassName()))
	}
	switch o.ExportType() {
	case bigIntType:
		return []any{"X", e.value(e.call(e.r.unbox, o))}
	case promiseType:
		panic(unserializable("Promise"))
	case proxyType:
		panic(unserializable("Proxy"))
	case arrayBufferTy:
		b := o.Export().(goja.ArrayBuffer).Bytes()
		e.size += varint(len(b)) + len(b)
		off := len(e.blobs)
		e.blobs = append(e.blobs, b...)
		return []any{"B", off, len(b)}
	}
	kind := e.call(e.r.kind, o).String()
	switch kind {
	case "Object":
		return e.props([]any{"O"}, o)
	case "Map":
		rec := []any{"M"}
		entries := e.call(e.r.mapEntries, o).(*goja.Object)
		n := int(entries.Get("length").ToInteger())
		for i := range n {
			kv := entries.Get(strconv.Itoa(i)).(*goja.Object)
			rec = append(rec, e.value(kv.Get("0")), e.value(kv.Get("1")))
		}
		return rec
	case "Set":
		rec := []any{"S"}
		values := e.call(e.r.setValues, o).(*goja.Object)
		n := int(values.Get("length").ToInteger())
		for i := range n {
			rec = append(rec, e.value(values.Get(strconv.Itoa(i))))
		}
		return rec
	case "WeakMap", "WeakSet", "Symbol":
		panic(unserializable(kind))
	}
	// A typed array or DataView: its buffer is cloned whole, as V8 does.
	v := e.call(e.r.view, o, vm.ToValue(kind == "DataView")).(*goja.Object)
	return []any{"V", kind, e.object(v.Get("0").(*goja.Object)), v.Get("1"), v.Get("2")}
}

// props appends o's own enumerable string-keyed properties, read with [[Get]] so getters run.
func (e *encoder) props(rec []any, o *goja.Object) []any {
	keys := o.Keys()
	e.size += 2 + varint(len(keys)) // end tag and property count
	for _, k := range keys {
		e.size += stringSize(e.r.vm.ToValue(k).(goja.String))
		rec = append(rec, k, e.value(o.Get(k)))
	}
	return rec
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Summary renders a clone text for people (transcripts): "clone " and the JSON part of its
// encoding, then the size of its buffers if it has any. Other texts are returned unchanged.
func Summary(s string) string {
	if !IsClone(s) {
		return s
	}
	head, rest, ok := strings.Cut(s[len(Prefix):], ":")
	n, err := strconv.Atoi(head)
	if !ok || err != nil || n < 0 || n > len(rest) {
		return "clone (malformed)"
	}
	out := "clone " + rest[:n]
	if blobs := len(rest) - n; blobs > 0 {
		out += " + " + strconv.Itoa(blobs) + " bytes of buffers"
	}
	return out
}
