package wasmjs_test

import (
	"context"
	"testing"
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/gojs"
	"github.com/extwasm/extwasm/hostsim/internal/guests"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// BenchmarkCompile compiles a Go hello-world module cold (a fresh Engine) and from the shared
// cache (the same Engine again), side by side, and reports both and their ratio.
func BenchmarkCompile(b *testing.B) {
	wasm, err := guests.Build("hello")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var cold, cached time.Duration
	for i := 0; i < b.N; i++ {
		e, err := wasmjs.NewEngine(wasmjs.EngineOptions{})
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if _, err := e.Compile(ctx, wasm, 0, false); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := e.Compile(ctx, wasm, 0, false); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		cold += t1.Sub(t0)
		cached += t2.Sub(t1)
		if st := e.Stats(); st.Compiles != 1 || st.CacheHits != 1 {
			b.Fatalf("stats %+v", st)
		}
		_ = e.Close(ctx)
	}
	n := float64(b.N)
	b.ReportMetric(float64(cold.Milliseconds())/n, "cold-ms")
	b.ReportMetric(float64(cached.Microseconds())/n, "cached-µs")
	b.ReportMetric(float64(cold)/float64(max(cached, 1)), "cold/cached")
}

// BenchmarkCompileNewRuntime measures a compile served by the shared compilation cache when the
// memory limit differs (a new wazero runtime, the same machine code).
func BenchmarkCompileNewRuntime(b *testing.B) {
	wasm, err := guests.Build("hello")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	e, err := wasmjs.NewEngine(wasmjs.EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close(ctx)
	if _, err := e.Compile(ctx, wasm, 0, false); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Compile(ctx, wasm, uint32(1000+i), false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInstantiate instantiates a compiled Go module against wasm_exec.js's import object.
// Realms are recycled every few instances: each instance holds a few MiB of linear memory.
func BenchmarkInstantiate(b *testing.B) {
	wasm, err := guests.Build("hello")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	e, err := wasmjs.NewEngine(wasmjs.EngineOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close(ctx)
	glue, _ := gojs.WasmExec("go1.26")
	var (
		r *jsrt.Realm
		h *wasmjs.Host
	)
	fresh := func() {
		if h != nil {
			_ = h.Close(ctx)
			r.Close()
		}
		r = jsrt.NewScheduler(jsrt.Options{}).NewRealm(jsrt.RealmOptions{})
		if h, err = wasmjs.Install(r.VM, e, wasmjs.Options{}); err != nil {
			b.Fatal(err)
		}
		if _, err := r.RunScript("wasm_exec.js", glue); err != nil {
			b.Fatal(err)
		}
		_ = r.VM.Set("bytes", r.VM.NewArrayBuffer(wasm))
		if _, err := r.RunScript("m.js", "globalThis.m = new WebAssembly.Module(bytes); globalThis.imports = new Go().importObject;"); err != nil {
			b.Fatal(err)
		}
	}
	fresh()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%16 == 15 {
			b.StopTimer()
			fresh()
			b.StartTimer()
		}
		if _, err := r.RunScript("i.js", "new WebAssembly.Instance(m, imports)"); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	_ = h.Close(ctx)
	r.Close()
}

// BenchmarkCompileNewProcess is what a new test process pays for a module it compiled before: a
// fresh Engine (nothing in memory) on a disk cache a previous Engine filled, side by side with a
// fresh Engine and no disk cache (what every process paid before the disk cache).
func BenchmarkCompileNewProcess(b *testing.B) {
	wasm, err := guests.Build("hello")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	dir := b.TempDir()
	compileFresh := func(opts wasmjs.EngineOptions) time.Duration {
		e, err := wasmjs.NewEngine(opts)
		if err != nil {
			b.Fatal(err)
		}
		defer e.Close(ctx)
		t0 := time.Now()
		if _, err := e.Compile(ctx, wasm, 0, false); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	compileFresh(wasmjs.EngineOptions{CacheDir: dir}) // the first run ever fills the disk cache
	var none, disk time.Duration
	for i := 0; i < b.N; i++ {
		none += compileFresh(wasmjs.EngineOptions{})
		disk += compileFresh(wasmjs.EngineOptions{CacheDir: dir})
	}
	n := float64(b.N)
	b.ReportMetric(float64(none.Milliseconds())/n, "no-disk-cache-ms")
	b.ReportMetric(float64(disk.Microseconds())/1000/n, "disk-cache-ms")
	b.ReportMetric(float64(none)/float64(max(disk, 1)), "speedup")
}
