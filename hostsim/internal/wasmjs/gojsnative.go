package wasmjs

// The gojs fast path. A Go (GOOS=js) module calls its host through 24 "gojs" imports; the
// toolchain's wasm_exec.js implements them in JavaScript, and interpreting that JavaScript in goja
// for every syscall/js call is what made a message cost milliseconds. In GoJSFast mode the
// syscall/js imports run here, in Go, on goja values, reading and writing wasm memory directly.
//
// Recognising wasm_exec.js. The native imports stand in only for the embedded Go 1.26
// wasm_exec.js's own functions: at instantiation every gojs function of the import object must
// have exactly that file's source text (gojs.IsWasmExecImport), and so must the run, _resume and
// _makeFuncWrapper methods of globalThis.Go. The natives need the Go object the closures belong
// to (the values table's id 6), which JavaScript does not reveal; wasm_exec.js's run() tells it
// by assigning this._inst = instance before it starts the module, so Go.prototype gets a
// non-enumerable _inst accessor whose setter stores the own property exactly as the assignment
// would and binds the instance to that Go object. An instance whose import object or class is
// not recognised, or that runs before it is bound, keeps running the JavaScript imports.
//
// What still runs as JavaScript: the Go class itself (constructor, run, _resume,
// _makeFuncWrapper and the function wrappers it makes), and the runtime.* imports (exit, write,
// clocks, timers, random data), which are not on the syscall/js hot path and which keep their
// state (this.mem, the timeout map) in the Go object; only the clocks, read on every message,
// skip their JavaScript where it cannot differ: nanotime1 while the realm's performance.now() has
// not moved, walltime while Date and its getTime are the realm's own. The values table (_values, _goRefCounts,
// _ids, _idPool) lives in Go instead (goValues); run() still creates the JavaScript copies,
// which stay unused. The natives use the realm's Reflect functions and instanceof semantics as
// captured when the instance is bound, and take fast paths only where the result cannot differ
// (a plain object's property, a genuine Uint8Array); everything else goes through small
// JavaScript helpers that run wasm_exec.js's own expressions, so errors are the same. Thrown
// errors' stack traces differ: they have no wasm_exec.js frames.

import (
	"errors"
	"math"
	"strconv"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"

	"github.com/extwasm/extwasm/hostsim/internal/gojs"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

// nativeImport runs one gojs import for the instance's bound Go object; sp is Go's stack pointer.
type nativeImport func(n *nativeGo, sp uint32)

var nativeImports = map[string]nativeImport{
	"syscall/js.finalizeRef":        (*nativeGo).finalizeRef,
	"syscall/js.stringVal":          (*nativeGo).stringVal,
	"syscall/js.valueGet":           (*nativeGo).valueGet,
	"syscall/js.valueSet":           (*nativeGo).valueSet,
	"syscall/js.valueDelete":        (*nativeGo).valueDelete,
	"syscall/js.valueIndex":         (*nativeGo).valueIndex,
	"syscall/js.valueSetIndex":      (*nativeGo).valueSetIndex,
	"syscall/js.valueCall":          (*nativeGo).valueCall,
	"syscall/js.valueInvoke":        (*nativeGo).valueInvoke,
	"syscall/js.valueNew":           (*nativeGo).valueNew,
	"syscall/js.valueLength":        (*nativeGo).valueLength,
	"syscall/js.valuePrepareString": (*nativeGo).valuePrepareString,
	"syscall/js.valueLoadString":    (*nativeGo).valueLoadString,
	"syscall/js.valueInstanceOf":    (*nativeGo).valueInstanceOf,
	"syscall/js.copyBytesToGo":      (*nativeGo).copyBytesToGo,
	"syscall/js.copyBytesToJS":      (*nativeGo).copyBytesToJS,
	"runtime.nanotime1":             (*nativeGo).nanotime1,
	"runtime.walltime":              (*nativeGo).walltime,
}

// gojsHelpers are wasm_exec.js's expressions for the cases the natives do not take a fast path
// on, so that they throw, convert and call exactly as the JavaScript does.
var gojsHelpers = goja.MustCompile("hostsim-gojs.js", `(function () {
	"use strict";
	const encoder = new TextEncoder("utf-8");
	return {
		length: (v) => parseInt(v.length),
		parseInt: (x) => parseInt(x),
		string: (v) => String(v),
		encode: (s) => encoder.encode(s),
		view: (buf, p, n) => new Uint8Array(buf, p, n),
		dataView: (buf, p, n) => new DataView(buf, p, n),
		loadString: (dst, src) => dst.set(src),
		isBytes: (v) => v instanceof Uint8Array || v instanceof Uint8ClampedArray,
		copy: (dst, src) => { const toCopy = src.subarray(0, dst.length); dst.set(toCopy); return toCopy.length; },
		instanceOf: (v, t) => v instanceof t,
		getsp: (go) => go._inst.exports.getsp() >>> 0,
		byteLength: ((get) => (v) => get.call(v))(Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "byteLength").get),
		get: Reflect.get,
		set: Reflect.set,
		deleteProperty: Reflect.deleteProperty,
		apply: Reflect.apply,
		construct: Reflect.construct,
	};
})()`, true)

type gojsHelperFuncs struct {
	length, parseInt, str, encode, view, dataView, loadString, isBytes, copy, instanceOf, getsp goja.Callable
	get, set, deleteProperty, apply, construct, byteLength                                      goja.Callable
}

// nativeGo is one instance's bound Go object and its values table.
type nativeGo struct {
	in    *instance
	vm    *goja.Runtime
	goObj *goja.Object
	mem   api.Memory
	t     *goValues
	h     gojsHelperFuncs

	u8, u8c           *goja.Object // the realm's Uint8Array and Uint8ClampedArray when bound
	u8proto, u8cproto *goja.Object

	// The clock (see nanotime1): the realm's performance object and its now function when bound,
	// wasm_exec.js's own nanotime1, and its last result with the performance.now() it was for.
	perf       *goja.Object
	perfNow    goja.Value
	perfNowFn  goja.Callable
	nanotimeJS goja.Callable
	// The wall clock (see walltime): the realm's Date, its prototype's getTime, and
	// wasm_exec.js's own walltime.
	date       *goja.Object
	dateProto  *goja.Object // Date.prototype, which cannot be replaced
	getTime    goja.Value
	getTimeFn  goja.Callable
	walltimeJS goja.Callable
	clockAt    float64
	clockNanos uint64
	clockKnown bool
}

func (h *Host) newNativeGo(in *instance, goObj *goja.Object) (*nativeGo, bool) {
	vm := h.vm
	hv, err := vm.RunProgram(gojsHelpers)
	if err != nil {
		return nil, false
	}
	ho := hv.ToObject(vm)
	fn := func(name string) goja.Callable {
		f, ok := goja.AssertFunction(ho.Get(name))
		if !ok {
			err = errUnwind
		}
		return f
	}
	n := &nativeGo{in: in, vm: vm, goObj: goObj, mem: in.mod.Memory()}
	n.h = gojsHelperFuncs{
		length: fn("length"), parseInt: fn("parseInt"), str: fn("string"), encode: fn("encode"),
		view: fn("view"), dataView: fn("dataView"), loadString: fn("loadString"), isBytes: fn("isBytes"),
		copy: fn("copy"), instanceOf: fn("instanceOf"), getsp: fn("getsp"), byteLength: fn("byteLength"),
		get: fn("get"), set: fn("set"), deleteProperty: fn("deleteProperty"), apply: fn("apply"), construct: fn("construct"),
	}
	if err != nil || n.mem == nil {
		return nil, false
	}
	n.u8, _ = vm.GlobalObject().Get("Uint8Array").(*goja.Object)
	n.u8c, _ = vm.GlobalObject().Get("Uint8ClampedArray").(*goja.Object)
	if n.u8 == nil || n.u8c == nil {
		return nil, false
	}
	n.u8proto, _ = n.u8.Get("prototype").(*goja.Object)
	n.u8cproto, _ = n.u8c.Get("prototype").(*goja.Object)
	n.t = newGoValues(vm, goObj)
	n.perf, _ = vm.GlobalObject().Get("performance").(*goja.Object)
	if n.perf != nil {
		n.perfNow = n.perf.Get("now")
		n.perfNowFn, _ = goja.AssertFunction(n.perfNow)
	}
	n.date, _ = vm.GlobalObject().Get("Date").(*goja.Object)
	if n.date != nil {
		if n.dateProto, _ = n.date.Get("prototype").(*goja.Object); n.dateProto != nil {
			n.getTime = n.dateProto.Get("getTime")
			n.getTimeFn, _ = goja.AssertFunction(n.getTime)
		}
	}
	for i, s := range in.compiled.imports {
		switch {
		case s.module != "gojs":
		case s.name == "runtime.nanotime1":
			n.nanotimeJS = in.fns[i]
		case s.name == "runtime.walltime":
			n.walltimeJS = in.fns[i]
		}
	}
	return n, true
}

// recogniseGoJS reports whether in's gojs imports are all wasm_exec.js's own functions (other
// import modules: only wasm_exec.js's _gotest), and if so hooks the Go class to bind it.
func (h *Host) recogniseGoJS(in *instance) bool {
	c := in.compiled
	gojsImports := 0
	for i, s := range c.imports {
		switch s.module {
		case "gojs":
			if !gojs.IsWasmExecImport(s.name, in.fnObjs[i].String()) {
				return false
			}
			gojsImports++
		case "_gotest":
		default:
			return false
		}
	}
	if gojsImports == 0 {
		return false
	}
	class, ok := h.vm.GlobalObject().Get("Go").(*goja.Object)
	if !ok {
		return false
	}
	proto, ok := class.Get("prototype").(*goja.Object)
	if !ok {
		return false
	}
	for _, m := range []string{"run", "_resume", "_makeFuncWrapper"} {
		f, ok := proto.Get(m).(*goja.Object)
		if !ok || !gojs.IsWasmExecMethod(m, f.String()) {
			return false
		}
	}
	if !h.hooked[proto] {
		if err := proto.DefineAccessorProperty("_inst", h.vm.ToValue(h.instGetter), h.vm.ToValue(h.instSetter), goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return false
		}
		h.hooked[proto] = true
	}
	return true
}

// instGetter answers this._inst on a Go object that has none (before run(), after exit).
func (h *Host) instGetter(goja.FunctionCall) goja.Value { return goja.Undefined() }

// instSetter is run()'s this._inst = instance: it stores the own property the assignment would
// have created and binds the instance's native imports to this Go object.
func (h *Host) instSetter(call goja.FunctionCall) goja.Value {
	goObj, ok := call.This.(*goja.Object)
	if !ok {
		return goja.Undefined()
	}
	val := call.Argument(0)
	if err := goObj.DefineDataProperty("_inst", val, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
		panic(err)
	}
	instObj, ok := val.(*goja.Object)
	if !ok {
		return goja.Undefined()
	}
	exports, _ := instObj.Get("exports").(*goja.Object)
	in := h.unbound[exports]
	if in == nil || in.calls > 0 {
		return goja.Undefined()
	}
	imports, _ := goObj.Get("importObject").(*goja.Object)
	if imports == nil {
		return goja.Undefined()
	}
	gojsObj, _ := imports.Get("gojs").(*goja.Object)
	if gojsObj == nil {
		return goja.Undefined()
	}
	for i, s := range in.compiled.imports {
		if s.module == "gojs" && gojsObj.Get(s.name) != goja.Value(in.fnObjs[i]) {
			return goja.Undefined()
		}
	}
	if n, ok := h.newNativeGo(in, goObj); ok {
		in.native = n
		delete(h.unbound, exports)
	}
	return goja.Undefined()
}

// --- memory ---

// errOutOfBounds is thrown where wasm_exec.js's DataView would throw: Go never passes such an
// address, so its exact message does not matter.
var errOutOfBounds = errors.New("Offset is outside the bounds of the DataView")

func (n *nativeGo) rangeError() {
	panic(n.vm.NewGoError(errOutOfBounds))
}

func (n *nativeGo) u32(a uint32) uint32 {
	v, ok := n.mem.ReadUint32Le(a)
	if !ok {
		n.rangeError()
	}
	return v
}

func (n *nativeGo) u64(a uint32) uint64 {
	v, ok := n.mem.ReadUint64Le(a)
	if !ok {
		n.rangeError()
	}
	return v
}

// int64At is wasm_exec.js's getInt64: a JavaScript number.
func (n *nativeGo) int64At(a uint32) float64 {
	return float64(n.u32(a)) + float64(int32(n.u32(a+4)))*4294967296
}

// setInt64 is wasm_exec.js's setInt64 of the number f.
func (n *nativeGo) setInt64(a uint32, f float64) {
	lo := uint32(floatToInt32(f))
	hi := uint32(floatToInt32(math.Floor(f / 4294967296)))
	if !n.mem.WriteUint64Le(a, uint64(hi)<<32|uint64(lo)) {
		n.rangeError()
	}
}

func (n *nativeGo) setByte(a uint32, b byte) {
	if !n.mem.WriteByte(a, b) {
		n.rangeError()
	}
}

// slice reads a Go slice header at a: the bytes' address and length, as JavaScript numbers.
func (n *nativeGo) slice(a uint32) (ptr, length float64) { return n.int64At(a), n.int64At(a + 8) }

// bytesAt is the memory a JavaScript view (ptr, length) covers, or false where the view's
// constructor would throw.
func (n *nativeGo) bytesAt(ptr, length float64) ([]byte, bool) {
	if ptr < 0 || length < 0 || ptr != math.Trunc(ptr) || length != math.Trunc(length) || ptr+length > float64(n.mem.Size()) {
		return nil, false
	}
	return n.mem.Read(uint32(ptr), uint32(length))
}

func (n *nativeGo) buffer() goja.Value {
	return n.in.memObj.Get("buffer")
}

// call runs a helper; an exception propagates like an uncaught one in wasm_exec.js.
func (n *nativeGo) call(f goja.Callable, args ...goja.Value) goja.Value {
	v, err := f(goja.Undefined(), args...)
	if err != nil {
		panic(err)
	}
	return v
}

// loadString is wasm_exec.js's loadString: the TextDecoder's reading of Go's string bytes.
func (n *nativeGo) loadString(a uint32) string {
	ptr, length := n.slice(a)
	b, ok := n.bytesAt(ptr, length)
	if !ok {
		n.call(n.h.dataView, n.buffer(), n.vm.ToValue(ptr), n.vm.ToValue(length))
		n.rangeError()
	}
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { // TextDecoder drops a BOM
		b = b[3:]
	}
	return jsrt.DecodeUTF8(b)
}

// --- values ---

func (n *nativeGo) load(a uint32) goja.Value {
	bits := n.u64(a)
	f := math.Float64frombits(bits)
	if f == 0 {
		return goja.Undefined()
	}
	if !math.IsNaN(f) {
		return n.vm.ToValue(f)
	}
	return n.t.value(uint32(bits), n.materialise)
}

func (n *nativeGo) materialise(b []byte) goja.Value {
	return n.call(n.h.encode, n.vm.ToValue(string(b)))
}

func (n *nativeGo) store(a uint32, v goja.Value) {
	if !n.mem.WriteUint64Le(a, n.t.ref(v)) {
		n.rangeError()
	}
}

func (n *nativeGo) loadValues(a uint32) []goja.Value {
	ptr, length := n.slice(a)
	out := make([]goja.Value, int(length))
	for i := range out {
		out[i] = n.load(uint32(ptr) + uint32(i)*8)
	}
	return out
}

// freshSP is wasm_exec.js's "sp = this._inst.exports.getsp() >>> 0" after an operation that may
// have run Go code: only when some wasm export did run since calls was read can SP have moved.
func (n *nativeGo) freshSP(sp uint32, calls uint64) (uint32, *goja.Exception) {
	if n.in.calls == calls {
		return sp, nil
	}
	v, err := n.h.getsp(goja.Undefined(), n.goObj)
	if err != nil {
		return 0, catchable(err)
	}
	return uint32(v.ToInteger()), nil
}

// catchable is err as a JavaScript catch sees it; anything else (an interrupt, a Go panic) keeps
// unwinding.
func catchable(err error) *goja.Exception {
	if ex, ok := err.(*goja.Exception); ok {
		return ex
	}
	panic(err)
}

// get is Reflect.get(v, name).
func (n *nativeGo) get(v goja.Value, name string) (goja.Value, *goja.Exception) {
	if o, ok := v.(*goja.Object); ok {
		var r goja.Value
		if ex := n.vm.Try(func() { r = o.Get(name) }); ex != nil {
			return nil, ex
		}
		if r == nil {
			r = goja.Undefined()
		}
		return r, nil
	}
	r, err := n.h.get(goja.Undefined(), v, n.vm.ToValue(name))
	if err != nil {
		return nil, catchable(err)
	}
	return r, nil
}

// apply is Reflect.apply(f, this, args).
func (n *nativeGo) apply(f, this goja.Value, args []goja.Value) (goja.Value, *goja.Exception) {
	if fn, ok := goja.AssertFunction(f); ok {
		r, err := fn(this, args...)
		if err != nil {
			return nil, catchable(err)
		}
		return r, nil
	}
	r, err := n.h.apply(goja.Undefined(), f, this, n.vm.NewArray(toAny(args)...))
	if err != nil {
		return nil, catchable(err)
	}
	return r, nil
}

func toAny(vs []goja.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// settle writes a try/catch result of valueCall, valueInvoke or valueNew at sp+off (the value)
// and sp+off+8 (ok), taking a fresh SP as wasm_exec.js does in both branches.
func (n *nativeGo) settle(sp uint32, calls uint64, off uint32, res goja.Value, ex *goja.Exception) {
	if ex == nil {
		fresh, ex2 := n.freshSP(sp, calls)
		if ex2 == nil {
			n.store(fresh+off, res)
			n.setByte(fresh+off+8, 1)
			return
		}
		ex = ex2
	}
	fresh, ex2 := n.freshSP(sp, calls)
	if ex2 != nil {
		panic(ex2)
	}
	n.store(fresh+off, ex.Value())
	n.setByte(fresh+off+8, 0)
}

// --- the imports ---

func (n *nativeGo) finalizeRef(sp uint32) { n.t.finalize(n.u32(sp + 8)) }

func (n *nativeGo) stringVal(sp uint32) {
	n.store(sp+24, n.vm.ToValue(n.loadString(sp+8)))
}

func (n *nativeGo) valueGet(sp uint32) {
	v := n.load(sp + 8)
	name := n.loadString(sp + 16)
	calls := n.in.calls
	res, ex := n.get(v, name)
	if ex != nil {
		panic(ex)
	}
	sp, ex = n.freshSP(sp, calls)
	if ex != nil {
		panic(ex)
	}
	n.store(sp+32, res)
}

func (n *nativeGo) valueSet(sp uint32) {
	n.call(n.h.set, n.load(sp+8), n.vm.ToValue(n.loadString(sp+16)), n.load(sp+32))
}

func (n *nativeGo) valueDelete(sp uint32) {
	n.call(n.h.deleteProperty, n.load(sp+8), n.vm.ToValue(n.loadString(sp+16)))
}

func (n *nativeGo) valueIndex(sp uint32) {
	v := n.load(sp + 8)
	i := n.int64At(sp + 16)
	var res goja.Value
	if o, ok := v.(*goja.Object); ok && i >= 0 && i < 1<<53 {
		if ex := n.vm.Try(func() { res = o.Get(strconv.FormatInt(int64(i), 10)) }); ex != nil {
			panic(ex)
		}
		if res == nil {
			res = goja.Undefined()
		}
	} else {
		res = n.call(n.h.get, v, n.vm.ToValue(i))
	}
	n.store(sp+24, res)
}

func (n *nativeGo) valueSetIndex(sp uint32) {
	n.call(n.h.set, n.load(sp+8), n.vm.ToValue(n.int64At(sp+16)), n.load(sp+24))
}

func (n *nativeGo) valueCall(sp uint32) {
	calls := n.in.calls
	v := n.load(sp + 8)
	m, ex := n.get(v, n.loadString(sp+16))
	var res goja.Value
	if ex == nil {
		res, ex = n.apply(m, v, n.loadValues(sp+32))
	}
	n.settle(sp, calls, 56, res, ex)
}

func (n *nativeGo) valueInvoke(sp uint32) {
	calls := n.in.calls
	v := n.load(sp + 8)
	res, ex := n.apply(v, goja.Undefined(), n.loadValues(sp+16))
	n.settle(sp, calls, 40, res, ex)
}

func (n *nativeGo) valueNew(sp uint32) {
	calls := n.in.calls
	v := n.load(sp + 8)
	args := n.loadValues(sp + 16)
	var res goja.Value
	var ex *goja.Exception
	if ctor, ok := goja.AssertConstructor(v); ok {
		var o *goja.Object
		var err error
		if o, err = ctor(nil, args...); err != nil {
			ex = catchable(err)
		} else {
			res = o
		}
	} else {
		var err error
		if res, err = n.h.construct(goja.Undefined(), v, n.vm.NewArray(toAny(args)...)); err != nil {
			ex = catchable(err)
		}
	}
	n.settle(sp, calls, 40, res, ex)
}

func (n *nativeGo) valueLength(sp uint32) {
	v := n.load(sp + 8)
	var length goja.Value
	switch x := v.(type) {
	case goja.String:
		n.setInt64(sp+16, float64(x.Length()))
		return
	case *goja.Object:
		if ex := n.vm.Try(func() { length = x.Get("length") }); ex != nil {
			panic(ex)
		}
		if length == nil {
			length = goja.Undefined()
		}
	default:
		n.setInt64(sp+16, n.call(n.h.length, v).ToFloat())
		return
	}
	if goja.IsNumber(length) {
		if f := length.ToFloat(); f == math.Trunc(f) && math.Abs(f) < 1e21 {
			n.setInt64(sp+16, f+0) // +0: parseInt("-0") is -0, whose halves are 0 either way
			return
		}
	}
	n.setInt64(sp+16, n.call(n.h.parseInt, length).ToFloat())
}

func (n *nativeGo) valuePrepareString(sp uint32) {
	v := n.load(sp + 8)
	var s string
	switch v.(type) {
	case *goja.Object, *goja.Symbol: // String() may run JavaScript, or differ from ToString
		s = n.call(n.h.str, v).String()
	default: // a primitive's String(v) is its ToString
		s = v.String()
	}
	if !n.mem.WriteUint64Le(sp+16, n.t.refPrepared([]byte(s))) {
		n.rangeError()
	}
	n.setInt64(sp+24, float64(len(s)))
}

func (n *nativeGo) valueLoadString(sp uint32) {
	bits := n.u64(sp + 8)
	ptr, length := n.slice(sp + 16)
	if math.IsNaN(math.Float64frombits(bits)) {
		if b, ok := n.t.prepared[uint32(bits)]; ok {
			if dst, ok := n.bytesAt(ptr, length); ok && len(b) <= len(dst) {
				copy(dst, b)
				return
			}
		}
	}
	str := n.load(sp + 8)
	n.call(n.h.loadString, n.call(n.h.view, n.buffer(), n.vm.ToValue(ptr), n.vm.ToValue(length)), str)
}

func (n *nativeGo) valueInstanceOf(sp uint32) {
	v, t := n.load(sp+8), n.load(sp+16)
	var res bool
	if o, ok := t.(*goja.Object); ok {
		if ex := n.vm.Try(func() { res = n.vm.InstanceOf(v, o) }); ex != nil {
			panic(ex)
		}
	} else {
		res = n.call(n.h.instanceOf, v, t).ToBoolean()
	}
	var b byte
	if res {
		b = 1
	}
	n.setByte(sp+24, b)
}

// nanotime1 is wasm_exec.js's (timeOrigin + performance.now()) * 1000000. Go reads the clock
// dozens of times per message while a virtual clock stands still. timeOrigin is private to
// wasm_exec.js, so a new reading still runs the JavaScript; a reading while performance.now()
// returns what it returned for the last one gets that one's result without it. Only the realm's
// own performance.now, which has no side effects, is called here, and only while performance and
// its now are still those (what the JavaScript would look up first anyway).
func (n *nativeGo) nanotime1(sp uint32) {
	if n.perfNowFn == nil || n.nanotimeJS == nil {
		n.nanotimeFromJS(sp)
		return
	}
	perf, _ := n.vm.GlobalObject().Get("performance").(*goja.Object)
	if perf != n.perf || perf.Get("now") != n.perfNow {
		n.nanotimeFromJS(sp)
		return
	}
	now, err := n.perfNowFn(perf)
	if err != nil {
		panic(err)
	}
	at := now.ToFloat()
	if n.clockKnown && at == n.clockAt {
		if !n.mem.WriteUint64Le(sp+8, n.clockNanos) {
			n.rangeError()
		}
		return
	}
	n.nanotimeFromJS(sp)
	n.clockAt, n.clockNanos, n.clockKnown = at, n.u64(sp+8), true
}

// walltime is wasm_exec.js's walltime: msec = (new Date).getTime(), then msec / 1000 as an int64
// and (msec % 1000) * 1000000 as an int32. With the realm's own Date and getTime, both plain
// functions of the clock, the arithmetic is done here; otherwise the JavaScript runs.
func (n *nativeGo) walltime(sp uint32) {
	date, _ := n.vm.GlobalObject().Get("Date").(*goja.Object)
	ctor, ok := goja.AssertConstructor(date)
	if !ok || n.getTimeFn == nil || date != n.date || n.dateProto.Get("getTime") != n.getTime {
		n.call(n.walltimeJS, n.vm.ToValue(int32(sp)))
		return
	}
	d, err := ctor(nil)
	if err != nil {
		panic(err)
	}
	t, err := n.getTimeFn(d)
	if err != nil {
		panic(err)
	}
	msec := t.ToFloat()
	n.setInt64(sp+8, msec/1000)
	if !n.mem.WriteUint32Le(sp+16, uint32(floatToInt32(math.Mod(msec, 1000)*1000000))) {
		n.rangeError()
	}
}

// nanotimeFromJS runs wasm_exec.js's nanotime1 itself.
func (n *nativeGo) nanotimeFromJS(sp uint32) {
	n.call(n.nanotimeJS, n.vm.ToValue(int32(sp)))
}

// plainBytes returns the bytes of v when it is a Uint8Array or Uint8ClampedArray made by the
// realm's own constructors, still installed as globals, whose subarray and set cannot differ
// from a copy.
func (n *nativeGo) plainBytes(v goja.Value) (b []byte, ok bool) {
	o, isObj := v.(*goja.Object)
	if !isObj {
		return nil, false
	}
	p := o.Prototype()
	if p == nil || (p != n.u8proto && p != n.u8cproto) {
		return nil, false
	}
	g := n.vm.GlobalObject()
	if g.Get("Uint8Array") != goja.Value(n.u8) || g.Get("Uint8ClampedArray") != goja.Value(n.u8c) {
		return nil, false
	}
	// goja exports a typed array without looking at its buffer: for a detached one it makes a
	// slice at the absolute address byteOffset, which copyBytesToJS would write to (process
	// memory, not the array). The byteLength getter says 0 for a detached array; an empty or
	// detached one goes the JavaScript way, which throws where wasm_exec.js throws.
	size := n.call(n.h.byteLength, v).ToInteger()
	if size == 0 {
		return nil, false
	}
	defer func() {
		if recover() != nil {
			b, ok = nil, false
		}
	}()
	b, ok = o.Export().([]byte)
	if !ok || int64(len(b)) != size {
		return nil, false
	}
	return b, true
}

func (n *nativeGo) copyBytesToGo(sp uint32) {
	ptr, length := n.slice(sp + 8)
	dst, inRange := n.bytesAt(ptr, length)
	var dstView goja.Value
	if !inRange {
		dstView = n.call(n.h.view, n.buffer(), n.vm.ToValue(ptr), n.vm.ToValue(length))
	}
	src := n.load(sp + 32)
	var copied int
	if b, ok := n.plainBytes(src); ok && inRange {
		copied = copy(dst, b)
	} else {
		if !n.call(n.h.isBytes, src).ToBoolean() {
			n.setByte(sp+48, 0)
			return
		}
		if dstView == nil {
			dstView = n.call(n.h.view, n.buffer(), n.vm.ToValue(ptr), n.vm.ToValue(length))
		}
		copied = int(n.call(n.h.copy, dstView, src).ToInteger())
	}
	n.setInt64(sp+40, float64(copied))
	n.setByte(sp+48, 1)
}

func (n *nativeGo) copyBytesToJS(sp uint32) {
	dst := n.load(sp + 8)
	ptr, length := n.slice(sp + 16)
	src, inRange := n.bytesAt(ptr, length)
	var srcView goja.Value
	if !inRange {
		srcView = n.call(n.h.view, n.buffer(), n.vm.ToValue(ptr), n.vm.ToValue(length))
	}
	var copied int
	if b, ok := n.plainBytes(dst); ok && inRange {
		copied = copy(b, src)
	} else {
		if !n.call(n.h.isBytes, dst).ToBoolean() {
			n.setByte(sp+48, 0)
			return
		}
		if srcView == nil {
			srcView = n.call(n.h.view, n.buffer(), n.vm.ToValue(ptr), n.vm.ToValue(length))
		}
		copied = int(n.call(n.h.copy, dst, srcView).ToInteger())
	}
	n.setInt64(sp+40, float64(copied))
	n.setByte(sp+48, 1)
}

// NativeGoJS reports how many of this realm's instances run their syscall/js imports natively.
func (h *Host) NativeGoJS() int {
	n := 0
	for _, in := range h.instances {
		if in.native != nil {
			n++
		}
	}
	return n
}
