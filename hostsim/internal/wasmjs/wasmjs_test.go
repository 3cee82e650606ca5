package wasmjs_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// testModule is a hand-assembled module:
//
//	(import "env" "log" (func (param i32)))
//	(func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
//	(func (export "callLog") (param i32) local.get 0 call 0)
//	(func (export "trap") unreachable)
//	(func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
//	(memory (export "mem") 1)
func testModule() []byte {
	sec := func(id byte, body ...byte) []byte { return append([]byte{id, byte(len(body))}, body...) }
	str := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = append(b, sec(1, 4,
		0x60, 2, 0x7f, 0x7f, 1, 0x7f, // 0: (i32 i32) -> i32
		0x60, 1, 0x7f, 0, // 1: (i32) -> ()
		0x60, 0, 0, // 2: () -> ()
		0x60, 1, 0x7f, 1, 0x7f, // 3: (i32) -> i32
	)...)
	b = append(b, sec(2, cat([]byte{1}, str("env"), str("log"), []byte{0, 1})...)...)
	b = append(b, sec(3, 4, 0, 1, 2, 3)...)
	b = append(b, sec(5, 1, 0, 1)...)
	b = append(b, sec(7, cat([]byte{5},
		str("add"), []byte{0, 1}, str("callLog"), []byte{0, 2}, str("trap"), []byte{0, 3},
		str("grow"), []byte{0, 4}, str("mem"), []byte{2, 0})...)...)
	b = append(b, sec(10, cat([]byte{4},
		[]byte{7, 0, 0x20, 0, 0x20, 1, 0x6a, 0x0b},
		[]byte{6, 0, 0x20, 0, 0x10, 0, 0x0b},
		[]byte{3, 0, 0x00, 0x0b},
		[]byte{6, 0, 0x20, 0, 0x40, 0, 0x0b})...)...)
	return b
}

type env struct {
	sched  *jsrt.Scheduler
	realm  *jsrt.Realm
	host   *wasmjs.Host
	engine *wasmjs.Engine
}

func newEnv(t *testing.T, opts wasmjs.Options) *env {
	t.Helper()
	e, err := wasmjs.NewEngine(wasmjs.EngineOptions{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	s := jsrt.NewScheduler(jsrt.Options{})
	r := s.NewRealm(jsrt.RealmOptions{Name: "test"})
	t.Cleanup(r.Close)
	h, err := wasmjs.Install(r.VM, e, opts)
	require.NoError(t, err)
	require.NoError(t, r.VM.Set("moduleBytes", r.VM.NewArrayBuffer(testModule())))
	return &env{sched: s, realm: r, host: h, engine: e}
}

// eval runs script (which sets globalThis.result, possibly later), runs the loop until idle and
// returns JSON.stringify(result).
func (e *env) eval(t *testing.T, script string) string {
	t.Helper()
	_, err := e.realm.RunScript("test.js", script)
	require.NoError(t, err)
	require.NoError(t, e.sched.Run(context.Background()))
	require.Empty(t, e.realm.Errors())
	v, err := e.realm.RunScript("result.js", "JSON.stringify(globalThis.result)")
	require.NoError(t, err)
	return v.String()
}

func TestInstantiateAndCall(t *testing.T) {
	e := newEnv(t, wasmjs.Options{})
	got := e.eval(t, `
		const logged = [];
		WebAssembly.instantiate(moduleBytes, { env: { log: (x) => logged.push(x) } }).then(({ module, instance }) => {
			instance.exports.callLog(-7);
			globalThis.result = {
				add: instance.exports.add(40, 2),
				wrap: instance.exports.add(0x7fffffff, 1),
				logged,
				isModule: module instanceof WebAssembly.Module,
				isInstance: instance instanceof WebAssembly.Instance,
				frozen: Object.isFrozen(instance.exports),
				exports: WebAssembly.Module.exports(module).map((d) => d.kind + ":" + d.name).sort(),
				imports: WebAssembly.Module.imports(module).map((d) => d.module + "." + d.name),
				tag: String(WebAssembly),
			};
		});`)
	assert.JSONEq(t, `{"add":42,"wrap":-2147483648,"logged":[-7],"isModule":true,"isInstance":true,"frozen":true,
		"exports":["function:add","function:callLog","function:grow","function:trap","memory:mem"],
		"imports":["env.log"],"tag":"[object WebAssembly]"}`, got)
}

func TestErrors(t *testing.T) {
	e := newEnv(t, wasmjs.Options{})
	got := e.eval(t, `
		const out = {};
		const name = (err) => err.constructor.name + (err instanceof Error ? "<Error" : "");
		out.validGood = WebAssembly.validate(moduleBytes);
		out.validBad = WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]));
		try { new WebAssembly.Module(new Uint8Array([1, 2, 3])); } catch (err) { out.sync = name(err); }
		try { new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: {} }); } catch (err) { out.link = name(err); }
		try { new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), {}); } catch (err) { out.noModule = name(err); }
		try { WebAssembly.validate("nope"); } catch (err) { out.notBuffer = name(err); }
		const sentinel = new Error("from the import");
		const inst = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: { log: () => { throw sentinel; } } });
		try { inst.exports.callLog(1); } catch (err) { out.sameException = err === sentinel; }
		try { inst.exports.trap(); } catch (err) { out.trap = name(err); out.trapMessage = err.message; }
		out.stillWorks = inst.exports.add(1, 2);
		WebAssembly.compile(new Uint8Array([0])).catch((err) => { out.async = name(err); globalThis.result = out; });`)
	assert.JSONEq(t, `{"validGood":true,"validBad":false,"sync":"CompileError<Error","link":"LinkError<Error",
		"noModule":"TypeError<Error","notBuffer":"TypeError<Error","sameException":true,"trap":"RuntimeError<Error",
		"trapMessage":"wasm error: unreachable","stillWorks":3,"async":"CompileError<Error"}`, got)
}

func TestNestedCalls(t *testing.T) {
	e := newEnv(t, wasmjs.Options{})
	got := e.eval(t, `
		let inst;
		const seen = [];
		inst = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: { log: (n) => {
			seen.push(n);
			if (n > 0) inst.exports.callLog(n - 1); // re-enters wasm from inside an import
		} } });
		inst.exports.callLog(5);
		globalThis.result = seen;`)
	assert.Equal(t, "[5,4,3,2,1,0]", got)
}

func TestMemoryGrowReplacesBuffer(t *testing.T) {
	e := newEnv(t, wasmjs.Options{})
	got := e.eval(t, `
		const { exports } = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: { log() {} } });
		const before = exports.mem.buffer;
		new Uint8Array(before)[100] = 42;
		const same = exports.mem.buffer === before;
		const old = exports.grow(2);
		const beforeLen = before.byteLength; // detached by the grow in wasm: 0
		const after = exports.mem.buffer;
		const afterLen = after.byteLength;
		const viaGrow = exports.mem.grow(1);
		const afterGrow0 = exports.mem.buffer;
		exports.mem.grow(0);
		globalThis.result = {
			same, old, viaGrow, beforeLen, afterLen,
			isMemory: exports.mem instanceof WebAssembly.Memory,
			afterDetached: after.byteLength, // detached by the grow from JavaScript
			grow0Detaches: afterGrow0.byteLength,
			finalLen: exports.mem.buffer.byteLength,
			kept: new Uint8Array(exports.mem.buffer)[100],
			replaced: after !== before,
		};`)
	assert.JSONEq(t, `{"same":true,"old":1,"viaGrow":3,"isMemory":true,"beforeLen":0,"afterLen":196608,
		"afterDetached":0,"grow0Detaches":0,"finalLen":262144,"kept":42,"replaced":true}`, got)
}

func TestMemoryLimit(t *testing.T) {
	e := newEnv(t, wasmjs.Options{MemoryLimitPages: 2})
	got := e.eval(t, `
		const { exports } = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: { log() {} } });
		const out = { grow1: exports.grow(1), grow2: exports.grow(1) };
		try { exports.mem.grow(5); } catch (err) { out.jsGrow = err.constructor.name; }
		globalThis.result = out;`)
	assert.JSONEq(t, `{"grow1":1,"grow2":-1,"jsGrow":"RangeError"}`, got)
}

func TestCompileCache(t *testing.T) {
	e := newEnv(t, wasmjs.Options{})
	got := e.eval(t, `
		const a = new WebAssembly.Module(moduleBytes), b = new WebAssembly.Module(moduleBytes);
		globalThis.result = a !== b;`)
	assert.Equal(t, "true", got)
	st := e.engine.Stats()
	assert.Equal(t, int64(1), st.Compiles)
	assert.Equal(t, int64(1), st.CacheHits)
}

func TestInstantiateStreaming(t *testing.T) {
	files := map[string][2]string{
		"/ok.wasm":   {string(testModule()), "application/wasm"},
		"/wrong.txt": {string(testModule()), "text/plain"},
		"/data.json": {`{"a":[1,2]}`, "application/json"},
	}
	e := newEnv(t, wasmjs.Options{Fetch: func(url string) ([]byte, string, error) {
		f, ok := files[url]
		if !ok {
			return nil, "", &wasmjs.StatusError{Status: 404}
		}
		return []byte(f[0]), f[1], nil
	}})
	got := e.eval(t, `
		const out = {};
		const imports = { env: { log() {} } };
		Promise.all([
			WebAssembly.instantiateStreaming(fetch("/ok.wasm"), imports).then(({ instance }) => { out.ok = instance.exports.add(2, 3); }),
			WebAssembly.instantiateStreaming(fetch("/wrong.txt"), imports).catch((err) => { out.mime = err.message; }),
			WebAssembly.instantiateStreaming(fetch("/missing"), imports).catch((err) => { out.missing = err.message; }),
			fetch("/missing").then((r) => { out.status = [r.status, r.ok]; }),
			fetch("/data.json").then((r) => r.json()).then((j) => { out.json = j; }),
			fetch("/data.json").then(async (r) => { await r.text(); try { await r.text(); } catch (err) { out.reuse = err.constructor.name; } }),
		]).then(() => { globalThis.result = out; });`)
	assert.JSONEq(t, `{"ok":5,
		"mime":"WebAssembly.instantiateStreaming(): Incorrect response MIME type. Expected 'application/wasm'.",
		"missing":"WebAssembly.instantiateStreaming(): Incorrect response MIME type. Expected 'application/wasm'.",
		"status":[404,false],"json":{"a":[1,2]},"reuse":"TypeError"}`, got)
}

func TestClosedHostRefusesWork(t *testing.T) {
	e := newEnv(t, wasmjs.Options{})
	require.NoError(t, e.host.Close(context.Background()))
	_, err := e.host.Compile(testModule())
	assert.True(t, errors.Is(err, wasmjs.ErrClosed))
}

// The engine serves a compile request from an earlier compile only for equal bytes: a module of
// the same size with other bytes compiles apart, and changing the slice after a compile changes
// nothing cached.
func TestCompileCacheMatchesBytes(t *testing.T) {
	ctx := t.Context()
	e, err := wasmjs.NewEngine(wasmjs.EngineOptions{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = e.Close(ctx) })
	// Two modules of one size: the same code with a one-byte custom section named "x", 'a' or 'b'.
	withSection := func(content byte) []byte { return append(testModule(), 0, 3, 1, 'x', content) }
	a, b := withSection('a'), withSection('b')
	require.Len(t, b, len(a))

	first, err := e.Compile(ctx, a, 0, false)
	require.NoError(t, err)
	a[len(a)-1] = 'b' // the caller reuses its slice: now the bytes of b
	other, err := e.Compile(ctx, b, 0, false)
	require.NoError(t, err)
	again, err := e.Compile(ctx, withSection('a'), 0, false)
	require.NoError(t, err)

	assert.NotSame(t, first, other)
	assert.Same(t, first, again)
	assert.Equal(t, wasmjs.EngineStats{Compiles: 2, CacheHits: 1}, e.Stats())
}
