package wasmjs

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
	"unsafe"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/sys"
)

// Spin protection: a guest that reads the clock this many times in a row without calling any
// other import is waiting for time to pass (Go's scheduler busy-waits on nanotime1 when it
// cannot return to the host, e.g. time.Sleep inside a synchronous callback). Virtual time only
// moves when the host is idle, so the clock is nudged forward instead.
const (
	spinThreshold = 64
	// Outside callbacks, a nudge models the cost of one scheduler pass; this keeps CPU-bound
	// guests from racing virtual time ahead while still ending busy-wait loops.
	spinStepTop = time.Microsecond
	// Inside a callback Go can only be spinning on a timer, so the step grows to reach it fast.
	spinStepNestedMax = 10 * time.Millisecond
)

type instance struct {
	host     *Host
	vm       *goja.Runtime
	compiled *Compiled
	mod      api.Module
	ctx      context.Context
	fns      []goja.Callable
	fnObjs   []*goja.Object // the import object's functions, as fns
	arg1     [1]goja.Value
	memObj   *goja.Object // the exported memory "mem", as JavaScript sees it
	native   *nativeGo    // set once bound to wasm_exec.js's Go object (GoJSFast)
	calls    uint64       // calls into wasm so far: Go's SP can only move during one

	depth   int
	exports map[string][]api.Function // one per nesting depth: an api.Function is not reentrant
	pending any                       // why the current wasm call is unwinding

	spin int
	step time.Duration

	measuring bool      // guest time is measured during the current outermost call
	guestMark time.Time // when the current stretch of wasm began
}

func (in *instance) clockRead() {
	in.spin++
	if in.spin <= spinThreshold || in.host.opts.Nudge == nil {
		return
	}
	if in.depth <= 1 {
		in.host.opts.Nudge(spinStepTop)
		return
	}
	if in.step == 0 {
		in.step = time.Microsecond
	} else if in.step < spinStepNestedMax {
		in.step *= 2
	}
	in.host.opts.Nudge(in.step)
}

// instantiate links c against importObject and returns the instance's exports object.
func (h *Host) instantiate(c *Compiled, importObject goja.Value) (*goja.Object, error) {
	vm := h.vm
	if len(c.nonFunc) > 0 {
		return nil, &LinkError{Msg: fmt.Sprintf("imports of memories, tables or globals are not supported (%s)", c.nonFunc[0])}
	}
	in := &instance{host: h, vm: vm, compiled: c, exports: map[string][]api.Function{}}
	if len(c.imports) > 0 {
		if importObject == nil || goja.IsUndefined(importObject) || goja.IsNull(importObject) {
			panic(vm.NewTypeError("WebAssembly.Instance(): Imports argument must be present and must be an object"))
		}
	}
	in.fns = make([]goja.Callable, len(c.imports))
	in.fnObjs = make([]*goja.Object, len(c.imports))
	for i, s := range c.imports {
		modObj, ok := importObject.ToObject(vm).Get(s.module).(*goja.Object)
		if !ok {
			panic(vm.NewTypeError(fmt.Sprintf("WebAssembly.Instance(): Import #%d %q: module is not an object or function", i, s.module)))
		}
		fn, ok := goja.AssertFunction(modObj.Get(s.name))
		if !ok {
			return nil, &LinkError{Msg: fmt.Sprintf("Import #%d %q %q: function import requires a callable", i, s.module, s.name)}
		}
		in.fns[i] = fn
		in.fnObjs[i] = modObj.Get(s.name).(*goja.Object)
	}
	in.ctx = context.WithValue(h.opts.Context, instanceKey{}, in)
	ictx := experimental.WithImportResolver(in.ctx, func(name string) api.Module { return c.shims[name] })
	var linear *doublingMemory // the module's own memory, once wazero allocates it
	ictx = experimental.WithMemoryAllocator(ictx, experimental.MemoryAllocatorFunc(func(capacity, maximum uint64) experimental.LinearMemory {
		linear = newDoublingMemory(capacity, maximum)
		return linear
	}))
	mod, err := c.rt.InstantiateModule(ictx, c.cm, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		if in.pending != nil { // a start function called an import that threw
			p := in.pending
			in.pending = nil
			panic(p)
		}
		return nil, &LinkError{Msg: err.Error()}
	}
	in.mod = mod
	h.instances = append(h.instances, in)

	exports := vm.NewObject()
	funcs := c.cm.ExportedFunctions()
	names := make([]string, 0, len(funcs))
	for name := range funcs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := vm.ToValue(in.exportFunc(name, funcs[name])).(*goja.Object)
		_ = f.DefineDataProperty("name", vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = f.DefineDataProperty("length", vm.ToValue(len(funcs[name].ParamTypes())), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		_ = exports.DefineDataProperty(name, f, goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	for name := range c.cm.ExportedMemories() {
		if m := mod.ExportedMemory(name); m != nil {
			mem := &memory{mem: m}
			if linear != nil {
				linear.grown = mem.detach
			}
			mo := h.newMemoryObject(mem)
			if name == "mem" {
				in.memObj = mo
			}
			_ = exports.DefineDataProperty(name, mo, goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}
	}
	_ = exports.SetPrototype(nil)
	if h.gojs == GoJSFast && in.memObj != nil && h.recogniseGoJS(in) {
		h.unbound[exports] = in
	}
	return exports, nil
}

// exportFunc wraps an exported wasm function as a JavaScript function.
func (in *instance) exportFunc(name string, def api.FunctionDefinition) func(goja.FunctionCall) goja.Value {
	params, results := def.ParamTypes(), def.ResultTypes()
	n := max(len(params), len(results))
	return func(call goja.FunctionCall) goja.Value {
		if in.mod == nil || in.mod.IsClosed() {
			panic(in.host.runtimeError("module instance is closed"))
		}
		d := in.depth
		fns := in.exports[name]
		for len(fns) <= d {
			fns = append(fns, in.mod.ExportedFunction(name))
		}
		in.exports[name] = fns
		var stack []uint64
		if n > 0 {
			stack = make([]uint64, n)
			for i, t := range params {
				stack[i] = fromJS(t, call.Argument(i))
			}
		}
		if d == 0 {
			in.measuring = in.host.engine.measureGuest.Load()
		}
		in.depth++
		in.calls++
		in.spin = 0
		in.guestEnter()
		err := fns[d].CallWithStack(in.ctx, stack)
		in.guestLeave()
		in.depth--
		if err != nil {
			in.raise(err)
		}
		switch len(results) {
		case 0:
			return goja.Undefined()
		case 1:
			return toJS(in.vm, results[0], stack[0])
		}
		vals := make([]any, len(results))
		for i, t := range results {
			vals[i] = toJS(in.vm, t, stack[i])
		}
		return in.vm.NewArray(vals...)
	}
}

// raise turns a failed wasm call into what JavaScript would see: the exception an import threw
// propagates unchanged, a Go-level abort (exit, interrupt) keeps unwinding as a Go panic so no
// JavaScript catch can swallow it, and a trap becomes a WebAssembly.RuntimeError.
func (in *instance) raise(err error) {
	if p := in.pending; p != nil {
		in.pending = nil
		panic(p)
	}
	var exit *sys.ExitError
	if errors.As(err, &exit) {
		panic(exit)
	}
	panic(in.host.runtimeError(trapMessage(err)))
}

// trapMessage keeps the first line of a wazero error (the trap reason), dropping the stack trace.
func trapMessage(err error) string {
	s := err.Error()
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}

// memory is a linear memory seen from JavaScript; buf is the ArrayBuffer last handed out.
type memory struct {
	mem api.Memory
	buf goja.ArrayBuffer
	ptr unsafe.Pointer
	n   int
	has bool
}

// buffer returns an ArrayBuffer aliasing the memory's bytes, the same one until the memory grows.
func (m *memory) buffer(vm *goja.Runtime) goja.Value {
	b, _ := m.mem.Read(0, m.mem.Size())
	p := unsafe.Pointer(unsafe.SliceData(b))
	if m.has && p == m.ptr && len(b) == m.n {
		return vm.ToValue(m.buf)
	}
	m.detach()
	m.buf = vm.NewArrayBuffer(b)
	m.ptr, m.n, m.has = p, len(b), true
	return vm.ToValue(m.buf)
}

// detach detaches the ArrayBuffer last handed out. A browser does it the moment the memory
// grows, from JavaScript or from wasm, and code such as wasm-bindgen's glue relies on it: it
// keeps a Uint8Array over the memory and makes a new one only once that one's byteLength is 0.
// Were the old buffer left attached, such code would go on reading and writing bytes that are
// no longer the module's memory.
func (m *memory) detach() {
	if m.has {
		m.buf.Detach()
		m.buf, m.ptr, m.has = goja.ArrayBuffer{}, nil, false
	}
}

func (m *memory) grow(vm *goja.Runtime, delta goja.Value) (uint32, bool) {
	f := delta.ToFloat()
	if f < 0 || f != math.Trunc(f) || f > math.MaxUint32 {
		return 0, false
	}
	old, ok := m.mem.Grow(uint32(f))
	if ok {
		m.detach() // even grow(0) replaces the buffer, as in a browser
	}
	return old, ok
}
