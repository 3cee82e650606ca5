// Package wasmjs implements the JavaScript WebAssembly API (WebAssembly.compile, instantiate,
// instantiateStreaming, validate, Module, Instance, Memory and the error classes) inside a goja
// realm, backed by wazero. Imports are built generically from the JavaScript import object, so
// glue such as the Go toolchain's wasm_exec.js runs unchanged on top.
package wasmjs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// DefaultMemoryLimitPages is the memory limit used when none is given: the wasm32 maximum (4 GiB).
const DefaultMemoryLimitPages = 65536

// EngineOptions configures an Engine.
type EngineOptions struct {
	// CacheDir, when set, keeps compiled machine code on disk so that a new process skips
	// compilation. Empty means an in-memory cache shared by the Engine's runtimes.
	CacheDir string
	// CompileWorkers is the number of goroutines compiling one module; 0 means 2.
	CompileWorkers int
	// Listener, when set, watches every call of a guest function, for benchmarks that measure what
	// code a workload runs. Modules then compile with the listener built in, which makes every call
	// slower, and without the compilation cache.
	Listener experimental.FunctionListenerFactory
}

// Engine owns the wazero runtimes and the compilation cache shared by every realm of a process:
// a module is compiled once per content hash and instantiated many times.
type Engine struct {
	opts  EngineOptions
	cache wazero.CompilationCache

	mu       sync.Mutex
	closed   bool
	runtimes map[runtimeKey]wazero.Runtime
	modules  map[moduleKey][]*compiledEntry

	compiles atomic.Int64 // modules compiled (cache misses)
	hits     atomic.Int64 // compile requests served from the cache

	measureGuest atomic.Bool
	guestNanos   atomic.Int64
	now          func() time.Time // the clock guest time is read from; tests replace it
}

type runtimeKey struct {
	limitPages         uint32
	closeOnContextDone bool
}

// moduleKey groups compiled modules by size: a request is served by the entry of that size whose
// bytes are equal, which comparing finds faster than hashing the request would (a 4.5 MB Go module
// compares in a tenth of the time SHA-256 takes, and every worker start asks again).
type moduleKey struct {
	size int
	rt   runtimeKey
}

// compiledEntry is one compiled module; ready is closed once cm or err is set, so that
// concurrent compiles of the same bytes wait for the first one instead of repeating it.
type compiledEntry struct {
	wasm  []byte // a copy of the module's bytes, which the caller may change afterwards
	ready chan struct{}
	mod   *Compiled
	err   error
}

// NewEngine returns an Engine. Close it to release compiled code.
func NewEngine(opts EngineOptions) (*Engine, error) {
	e := &Engine{
		opts:     opts,
		now:      time.Now,
		runtimes: map[runtimeKey]wazero.Runtime{},
		modules:  map[moduleKey][]*compiledEntry{},
	}
	if opts.CacheDir != "" {
		c, err := wazero.NewCompilationCacheWithDir(opts.CacheDir)
		if err != nil {
			return nil, fmt.Errorf("wasmjs: compilation cache: %w", err)
		}
		e.cache = c
	} else {
		e.cache = wazero.NewCompilationCache()
	}
	return e, nil
}

// EngineStats counts compile requests.
type EngineStats struct {
	Compiles  int64 // modules actually compiled
	CacheHits int64 // compile requests answered from the cache
	// GuestTime is the time wasm code ran while MeasureGuestTime was on, imports excluded.
	GuestTime time.Duration
}

// Stats reports how many compiles were done and how many were served from the cache.
func (e *Engine) Stats() EngineStats {
	return EngineStats{Compiles: e.compiles.Load(), CacheHits: e.hits.Load(), GuestTime: time.Duration(e.guestNanos.Load())}
}

// ErrClosed is returned when an Engine is used after Close.
var ErrClosed = errors.New("wasmjs: engine closed")

func (e *Engine) runtime(ctx context.Context, k runtimeKey) (wazero.Runtime, error) {
	if e.closed {
		return nil, ErrClosed
	}
	if r, ok := e.runtimes[k]; ok {
		return r, nil
	}
	cfg := wazero.NewRuntimeConfig().
		WithMemoryLimitPages(k.limitPages).
		WithCloseOnContextDone(k.closeOnContextDone)
	if e.opts.Listener == nil {
		cfg = cfg.WithCompilationCache(e.cache)
	}
	r := wazero.NewRuntimeWithConfig(ctx, cfg)
	e.runtimes[k] = r
	return r, nil
}

// Compile compiles wasm for the given memory limit (in 64 KiB pages; 0 means the default),
// reusing an earlier compilation of the same bytes.
func (e *Engine) Compile(ctx context.Context, wasm []byte, limitPages uint32, closeOnContextDone bool) (*Compiled, error) {
	if limitPages == 0 || limitPages > DefaultMemoryLimitPages {
		limitPages = DefaultMemoryLimitPages
	}
	rk := runtimeKey{limitPages: limitPages, closeOnContextDone: closeOnContextDone}
	key := moduleKey{size: len(wasm), rt: rk}

	e.mu.Lock()
	r, err := e.runtime(ctx, rk)
	if err != nil {
		e.mu.Unlock()
		return nil, err
	}
	for _, ent := range e.modules[key] {
		if bytes.Equal(ent.wasm, wasm) {
			e.mu.Unlock()
			<-ent.ready
			if ent.err == nil {
				e.hits.Add(1)
			}
			return ent.mod, ent.err
		}
	}
	ent := &compiledEntry{wasm: bytes.Clone(wasm), ready: make(chan struct{})}
	e.modules[key] = append(e.modules[key], ent)
	e.mu.Unlock()

	ent.mod, ent.err = e.compile(ctx, r, ent.wasm)
	if ent.err != nil {
		// A failed compile is not cached: the error may come from a cancelled context.
		e.mu.Lock()
		if rest := slices.DeleteFunc(e.modules[key], func(x *compiledEntry) bool { return x == ent }); len(rest) > 0 {
			e.modules[key] = rest
		} else {
			delete(e.modules, key)
		}
		e.mu.Unlock()
	} else {
		e.compiles.Add(1)
	}
	close(ent.ready)
	return ent.mod, ent.err
}

func (e *Engine) compile(ctx context.Context, r wazero.Runtime, wasm []byte) (*Compiled, error) {
	if err := checkMagic(wasm); err != nil {
		return nil, err
	}
	workers := e.opts.CompileWorkers
	if workers <= 0 {
		workers = 2
	}
	if e.opts.Listener != nil {
		ctx = experimental.WithFunctionListenerFactory(ctx, e.opts.Listener)
	}
	cm, err := r.CompileModule(experimental.WithCompilationWorkers(ctx, workers), wasm)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("wasmjs: compile: %w", ctx.Err())
		}
		return nil, &CompileError{Msg: err.Error()}
	}
	c := &Compiled{cm: cm, rt: r}
	if err := c.buildImports(ctx); err != nil {
		_ = cm.Close(ctx)
		return nil, err
	}
	return c, nil
}

// Close releases every runtime and the cache. Instances still running are closed too.
func (e *Engine) Close(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	var errs []error
	for _, r := range e.runtimes {
		errs = append(errs, r.Close(ctx))
	}
	errs = append(errs, e.cache.Close(ctx))
	e.runtimes, e.modules = nil, nil
	return errors.Join(errs...)
}

// CompileError reports bytes that are not a valid WebAssembly module.
type CompileError struct{ Msg string }

func (e *CompileError) Error() string { return "WebAssembly.Module(): " + e.Msg }

// LinkError reports an import object that does not satisfy a module's imports.
type LinkError struct{ Msg string }

func (e *LinkError) Error() string { return "WebAssembly.Instance(): " + e.Msg }

func checkMagic(b []byte) error {
	switch {
	case len(b) == 0:
		return &CompileError{Msg: "BufferSource argument is empty"}
	case len(b) < 8:
		return &CompileError{Msg: fmt.Sprintf("expected magic word 00 61 73 6d, found %d bytes", len(b))}
	case string(b[:4]) != "\x00asm":
		return &CompileError{Msg: fmt.Sprintf("expected magic word 00 61 73 6d, found % x @+0", b[:4])}
	case string(b[4:8]) != "\x01\x00\x00\x00":
		return &CompileError{Msg: fmt.Sprintf("expected version 01 00 00 00, found % x @+4", b[4:8])}
	}
	return nil
}

// Compiled is a module compiled for one runtime, with its import shims.
type Compiled struct {
	cm wazero.CompiledModule
	rt wazero.Runtime

	// imports lists the distinct function imports in declaration order; a module may import
	// the same name twice (Go imports runtime.getRandomData twice), which maps to one slot.
	imports []importSlot
	shims   map[string]api.Module
	nonFunc []string // imports other than functions, which are not supported
}

type importSlot struct {
	module, name string
	params       []api.ValueType
	results      []api.ValueType
	clock        bool // reads the clock: counts toward spin protection
	// native implements a gojs import of wasm_exec.js in Go (GoJSFast), nil if it has none.
	native nativeImport
}

// Imports reports the module's function imports as (module, name) pairs, in order.
func (c *Compiled) Imports() [][2]string {
	out := make([][2]string, len(c.imports))
	for i, s := range c.imports {
		out[i] = [2]string{s.module, s.name}
	}
	return out
}

// Exports reports the names of the module's exported functions and memories.
func (c *Compiled) Exports() (funcs, memories []string) {
	for name := range c.cm.ExportedFunctions() {
		funcs = append(funcs, name)
	}
	for name := range c.cm.ExportedMemories() {
		memories = append(memories, name)
	}
	return funcs, memories
}
