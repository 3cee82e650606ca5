package wasmjs

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/tetratelabs/wazero/api"
)

//go:embed prelude.js
var preludeSource string

var prelude = goja.MustCompile("wasmjs/prelude.js", preludeSource, true)

// FetchFunc resolves a URL for the realm's fetch: it returns the body and its content type.
// Returning a *StatusError gives a response with that status instead of a network error.
type FetchFunc func(url string) (body []byte, contentType string, err error)

// StatusError makes fetch resolve to a Response with a non-2xx status.
type StatusError struct{ Status int }

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetch: %d %s", e.Status, http.StatusText(e.Status))
}

// Options configures the WebAssembly API of one realm.
type Options struct {
	// Context is passed to every call into wasm; nil means context.Background().
	Context context.Context
	// MemoryLimitPages caps each instance's linear memory, in 64 KiB pages (0: 4 GiB). A Go
	// guest that exceeds it dies with "fatal error: out of memory".
	MemoryLimitPages uint32
	// CloseOnContextDone makes a running guest stop when Context is done, even in a tight loop.
	// It slows guest code down by about 20 times, so it is off by default.
	CloseOnContextDone bool
	// Fetch, when set, installs a global fetch(url) that resolves URLs with it.
	Fetch FetchFunc
	// Nudge advances the realm's virtual clock; it is called when a guest spins on the clock.
	Nudge func(time.Duration)
	// GoJS chooses how the imports of wasm_exec.js's Go class run (see GoJSMode).
	GoJS GoJSMode
}

// Host is the WebAssembly API installed in one goja realm. All its methods, and every call into
// wasm, run on the goroutine that owns the realm.
type Host struct {
	vm     *goja.Runtime
	engine *Engine
	opts   Options

	compileErr, linkErr, runtimeErr *goja.Object
	memProto                        *goja.Object
	mems                            map[*goja.Object]*memory
	instances                       []*instance
	closed                          bool

	gojs    GoJSMode                   // resolved: GoJSFast or GoJSReference
	hooked  map[*goja.Object]bool      // Go class prototypes given the _inst accessor
	unbound map[*goja.Object]*instance // by exports object: recognised, waiting for run()
}

// Install defines WebAssembly (and fetch, if opts.Fetch is set) in vm's global object.
func Install(vm *goja.Runtime, engine *Engine, opts Options) (*Host, error) {
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	mode, err := opts.GoJS.Resolve()
	if err != nil {
		return nil, err
	}
	h := &Host{vm: vm, engine: engine, opts: opts, mems: map[*goja.Object]*memory{},
		gojs: mode, hooked: map[*goja.Object]bool{}, unbound: map[*goja.Object]*instance{}}
	fnv, err := vm.RunProgram(prelude)
	if err != nil {
		return nil, fmt.Errorf("wasmjs: prelude: %w", err)
	}
	fn, _ := goja.AssertFunction(fnv)
	res, err := fn(goja.Undefined(), h.native(), vm.GlobalObject())
	if err != nil {
		return nil, fmt.Errorf("wasmjs: prelude: %w", err)
	}
	classes := res.ToObject(vm)
	h.compileErr = classes.Get("CompileError").ToObject(vm)
	h.linkErr = classes.Get("LinkError").ToObject(vm)
	h.runtimeErr = classes.Get("RuntimeError").ToObject(vm)
	h.memProto = classes.Get("Memory").ToObject(vm).Get("prototype").ToObject(vm)
	getter := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		return h.memoryOf(call.This, "buffer").buffer(vm)
	})
	if err := h.memProto.DefineAccessorProperty("buffer", getter, nil, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
		return nil, err
	}
	grow := func(call goja.FunctionCall) goja.Value {
		m := h.memoryOf(call.This, "grow")
		old, ok := m.grow(vm, call.Argument(0))
		if !ok {
			panic(h.newError(vm.Get("RangeError"), "WebAssembly.Memory.grow(): Maximum memory size exceeded"))
		}
		return vm.ToValue(old)
	}
	if err := h.memProto.Set("grow", grow); err != nil {
		return nil, err
	}
	return h, nil
}

func (h *Host) memoryOf(this goja.Value, what string) *memory {
	if o, ok := this.(*goja.Object); ok {
		if m := h.mems[o]; m != nil {
			return m
		}
	}
	panic(h.vm.NewTypeError("WebAssembly.Memory." + what + ": Receiver is not a WebAssembly.Memory"))
}

func (h *Host) newMemoryObject(m *memory) *goja.Object {
	o := h.vm.CreateObject(h.memProto)
	h.mems[o] = m
	return o
}

func (h *Host) newError(ctor goja.Value, msg string) *goja.Object {
	o, err := h.vm.New(ctor, h.vm.ToValue(msg))
	if err != nil {
		return h.vm.NewTypeError(msg)
	}
	return o
}

func (h *Host) runtimeError(msg string) *goja.Object { return h.newError(h.runtimeErr, msg) }

// jsError converts a Go-side failure into the exception JavaScript expects.
func (h *Host) jsError(err error) *goja.Object {
	var ce *CompileError
	var le *LinkError
	switch {
	case errors.As(err, &ce):
		return h.newError(h.compileErr, ce.Error())
	case errors.As(err, &le):
		return h.newError(h.linkErr, le.Error())
	}
	return h.vm.NewTypeError(err.Error())
}

func (h *Host) bytesArg(v goja.Value) []byte {
	b, ok := v.Export().([]byte)
	if !ok {
		panic(h.vm.NewTypeError("wasmjs: expected a Uint8Array"))
	}
	return append([]byte(nil), b...)
}

func (h *Host) compiledArg(v goja.Value) *Compiled {
	c, ok := v.Export().(*Compiled)
	if !ok {
		panic(h.vm.NewTypeError("wasmjs: not a module handle"))
	}
	return c
}

// Compile compiles wasm for this realm (with its memory limit) through the shared Engine.
func (h *Host) Compile(wasm []byte) (*Compiled, error) {
	if h.closed {
		return nil, ErrClosed
	}
	return h.engine.Compile(h.opts.Context, wasm, h.opts.MemoryLimitPages, h.opts.CloseOnContextDone)
}

func (h *Host) native() *goja.Object {
	vm := h.vm
	n := vm.NewObject()
	_ = n.Set("compile", func(call goja.FunctionCall) goja.Value {
		c, err := h.Compile(h.bytesArg(call.Argument(0)))
		if err != nil {
			panic(h.jsError(err))
		}
		return vm.ToValue(c)
	})
	_ = n.Set("validate", func(call goja.FunctionCall) goja.Value {
		_, err := h.Compile(h.bytesArg(call.Argument(0)))
		return vm.ToValue(err == nil)
	})
	_ = n.Set("instantiate", func(call goja.FunctionCall) goja.Value {
		if h.closed {
			panic(h.jsError(ErrClosed))
		}
		exports, err := h.instantiate(h.compiledArg(call.Argument(0)), call.Argument(1))
		if err != nil {
			var ex *goja.Object
			if errors.As(err, new(*LinkError)) || errors.As(err, new(*CompileError)) {
				ex = h.jsError(err)
			} else if o, ok := err.(interface{ Value() goja.Value }); ok {
				panic(o.Value())
			} else {
				ex = h.jsError(err)
			}
			panic(ex)
		}
		return exports
	})
	describe := func(kind api.ExternType, module, name string) *goja.Object {
		o := vm.NewObject()
		if module != "" {
			_ = o.Set("module", module)
		}
		_ = o.Set("name", name)
		k := api.ExternTypeName(kind)
		if kind == api.ExternTypeFunc {
			k = "function" // the JS API's spelling; wasm text says "func"
		}
		_ = o.Set("kind", k)
		return o
	}
	_ = n.Set("moduleExports", func(call goja.FunctionCall) goja.Value {
		c := h.compiledArg(call.Argument(0))
		funcs, mems := c.Exports()
		var out []any
		for _, f := range funcs {
			out = append(out, describe(api.ExternTypeFunc, "", f))
		}
		for _, m := range mems {
			out = append(out, describe(api.ExternTypeMemory, "", m))
		}
		return vm.NewArray(out...)
	})
	_ = n.Set("moduleImports", func(call goja.FunctionCall) goja.Value {
		c := h.compiledArg(call.Argument(0))
		var out []any
		for _, s := range c.imports {
			out = append(out, describe(api.ExternTypeFunc, s.module, s.name))
		}
		return vm.NewArray(out...)
	})
	_ = n.Set("utf8", func(call goja.FunctionCall) goja.Value {
		ab, _ := call.Argument(0).Export().(goja.ArrayBuffer)
		b := ab.Bytes()
		if utf8.Valid(b) {
			return vm.ToValue(string(b))
		}
		return vm.ToValue(toValidUTF8(b))
	})
	if h.opts.Fetch != nil {
		_ = n.Set("fetch", func(call goja.FunctionCall) goja.Value {
			url := call.Argument(0).String()
			body, ct, err := h.opts.Fetch(url)
			status := http.StatusOK
			if err != nil {
				var se *StatusError
				if !errors.As(err, &se) {
					panic(vm.NewTypeError("Failed to fetch"))
				}
				status = se.Status
			}
			r := vm.NewObject()
			_ = r.Set("status", status)
			_ = r.Set("contentType", ct)
			_ = r.Set("body", vm.NewArrayBuffer(append([]byte(nil), body...)))
			return r
		})
	}
	return n
}

// toValidUTF8 decodes like TextDecoder: each invalid sequence becomes U+FFFD.
func toValidUTF8(b []byte) string {
	out := make([]rune, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		out = append(out, r)
		b = b[size:]
	}
	return string(out)
}

// Close closes every instance created in this realm. The realm must not call into wasm after.
func (h *Host) Close(ctx context.Context) error {
	if h.closed {
		return nil
	}
	h.closed = true
	var errs []error
	for _, in := range h.instances {
		if in.mod != nil {
			errs = append(errs, in.mod.Close(ctx))
		}
	}
	h.instances = nil
	h.unbound = nil
	return errors.Join(errs...)
}

// Instances reports how many module instances this realm created.
func (h *Host) Instances() int { return len(h.instances) }
