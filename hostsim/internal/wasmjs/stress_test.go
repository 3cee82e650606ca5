package wasmjs_test

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/gojs"
	"github.com/extwasm/extwasm/hostsim/internal/guests"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// stressEnv names the environment variable that lengthens TestMemoryStress: "long" (make stress)
// runs many more realms and rounds.
const stressEnv = "HOSTSIM_STRESS"

// bumpModule is what a non-Go toolchain (wasm-bindgen, say) produces, reduced to its memory
// traffic: a bump allocator that grows memory when it runs out, and an export that writes into
// fresh memory and calls a JavaScript import while its own frame is live.
//
//	(import "env" "cb" (func $cb (param i32 i32)))          ;; cb(ptr, depth)
//	(memory (export "memory") 1)
//	(global $top (mut i32) (i32.const 1024))
//	(func $alloc (export "alloc") (param $n i32) (result i32) (local $p i32)
//	  ;; p = top; top += n; grow memory to cover top
//	(func $run (export "run") (param $depth i32) (param $n i32) (result i32) (local $p i32)
//	  ;; p = alloc(n); mem[p] = mem[p+n-1] = depth; cb(p, depth); return p
func bumpModule() []byte {
	pageBytes := bytesOf(
		[]byte{opMemorySize, 0}, i32Const(16), []byte{opI32Shl},
	)
	alloc := wasmFunc{typ: 1, locals: 1, code: [][]byte{
		{opGlobalGet, 0, opLocalTee, 1, opLocalGet, 0, opI32Add, opGlobalSet, 0},
		{opBlock, blockTypeVoid},
		{opGlobalGet, 0}, pageBytes, {opI32LeU, opBrIf, 0},
		{opGlobalGet, 0}, pageBytes, {opI32Sub}, i32Const(65535), {opI32Add}, i32Const(16), {opI32ShrU},
		{opMemoryGrow, 0, opDrop},
		{opEnd},
		{opLocalGet, 1},
	}}
	run := wasmFunc{typ: 2, locals: 1, code: [][]byte{
		{opLocalGet, 1, opCall, 1, opLocalTee, 2, opLocalGet, 0, opI32Store8, 0, 0},
		{opLocalGet, 2, opLocalGet, 1, opI32Add}, i32Const(1), {opI32Sub, opLocalGet, 0, opI32Store8, 0, 0},
		{opLocalGet, 2, opLocalGet, 0, opCall, 0},
		{opLocalGet, 2},
	}}
	return wasmModule{
		types:   [][]byte{funcType(2, 0), funcType(1, 1), funcType(2, 1)},
		imports: [][3]any{{"env", "cb", uint32(0)}},
		funcs:   []wasmFunc{alloc, run},
		memMin:  1,
		memName: "memory",
		globals: []int32{1024},
		exports: []export{{"alloc", 1}, {"run", 2}},
	}.bytes()
}

func bytesOf(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// stressScript is one realm's workload. Each round replaces an instance (so memories start small
// and grow again) and runs a reentrant chain: JS calls run, run calls cb, cb calls run on another
// instance and on its own instance (which grows memory under the outer frame) and, when the Go
// guest runs in this realm, goStress, whose callback calls run again from inside Go. The memory is
// read the way wasm-bindgen's glue reads it: a cached Uint8Array re-created only once detached.
const stressScript = `
globalThis.stress = (bytes, rounds, width, depth) => {
	const mod = new WebAssembly.Module(bytes);
	const insts = [];
	let calls = 0;
	const make = () => {
		let inst, view = null;
		const mem = () => {
			if (view === null || view.byteLength === 0) {
				view = new Uint8Array(inst.exports.memory.buffer);
			}
			return view;
		};
		inst = new WebAssembly.Instance(mod, { env: { cb(p, d) {
			calls++;
			if (mem()[p] !== (d & 255)) {
				throw new Error("byte at " + p + " is " + mem()[p] + ", want " + (d & 255));
			}
			const old = mem(); // how the memory looks now: nested calls below grow it
			const text = new TextDecoder().decode(old.subarray(p, p + 1));
			const garbage = [];
			for (let i = 0; i < 16; i++) {
				garbage.push({ i, s: "g" + i + ":" + d, a: [p, d] });
			}
			if (d > 0) {
				const other = insts[(p + d) % insts.length];
				other.exports.run(d - 1, 4096 * d + 1);
				const q = inst.exports.run(d - 1, 70000 + 512 * d);
				if (mem()[q] !== ((d - 1) & 255)) {
					throw new Error("nested byte at " + q + " is " + mem()[q]);
				}
				if (typeof goStress === "function") {
					goStress(d - 1, (dd) => inst.exports.run(dd, 30000));
				}
			}
			if (old.byteLength !== 0 && old.byteLength !== mem().byteLength) {
				throw new Error("a view from before memory.grow is still attached");
			}
			if (typeof goCopy === "function") {
				const copied = goCopy(mem().subarray(p + 1, p + 17));
				if (copied !== 16 || mem()[p + 1] !== 48) {
					throw new Error("goCopy into live memory: " + copied);
				}
			}
			new TextEncoder().encodeInto("ok", mem().subarray(p + 1, p + 3));
			if (text.length !== 1 || new TextDecoder().decode(mem().subarray(p + 1, p + 3)) !== "ok") {
				throw new Error("text through memory views");
			}
			if (mem()[p] !== (d & 255) || garbage.length !== 16) {
				throw new Error("byte at " + p + " lost across nested calls");
			}
		} } });
		insts.push(inst);
	};
	for (let i = 0; i < width; i++) {
		make();
	}
	for (let r = 0; r < rounds; r++) {
		insts.shift();
		make();
		insts[r % insts.length].exports.run(depth, 1000 + r);
	}
	return calls;
};`

// TestMemoryStress runs many realms that instantiate non-Go modules and a Go module, grow their
// memories from inside reentrant calls (JS → wasm → JS → another wasm → Go → JS → wasm), read
// and write them through cached views as wasm-bindgen's glue does, through TextEncoder and
// TextDecoder and through Go's js.CopyBytesToJS, with the garbage collector running all the time
// (GOGC 5). Before memory.grow detached the old ArrayBuffer at once it failed in every run: a
// cached view went on reading the memory as it was before the grow.
func TestMemoryStress(t *testing.T) {
	realms, rounds := 6, 6
	if os.Getenv(stressEnv) == "long" {
		realms, rounds = 40, 30
	}
	goWasm, err := guests.Build("stress")
	require.NoError(t, err)
	glue, _ := gojs.WasmExec("go1.26")
	defer debug.SetGCPercent(debug.SetGCPercent(5))

	e, err := wasmjs.NewEngine(wasmjs.EngineOptions{})
	require.NoError(t, err)
	defer e.Close(context.Background())
	s := jsrt.NewScheduler(jsrt.Options{})
	ctx := context.Background()
	bump := bumpModule()
	for i := 0; i < realms; i++ {
		r := s.NewRealm(jsrt.RealmOptions{Name: fmt.Sprintf("realm %d", i)})
		mode := wasmjs.GoJSFast
		if i%4 == 2 {
			mode = wasmjs.GoJSReference // wasm_exec.js's own JavaScript imports
		}
		h, err := wasmjs.Install(r.VM, e, wasmjs.Options{Nudge: s.Nudge, GoJS: mode})
		require.NoError(t, err)
		r.OnClose(func() { _ = h.Close(ctx) })
		_, err = r.RunScript("stress.js", stressScript)
		require.NoError(t, err)
		if i%2 == 0 {
			_, err = r.RunScript("wasm_exec.js", glue)
			require.NoError(t, err)
			require.NoError(t, r.VM.Set("goBytes", r.VM.NewArrayBuffer(goWasm)))
			_, err = r.RunScript("go.js", `
				const go = new Go();
				WebAssembly.instantiate(goBytes, go.importObject).then(({ instance }) => go.run(instance));`)
			require.NoError(t, err)
			require.NoError(t, s.RunUntil(ctx, func() bool { return r.VM.Get("goStress") != nil }))
		}
		require.NoError(t, r.VM.Set("bumpBytes", r.VM.NewArrayBuffer(bump)))
		v, err := r.RunScript("run.js", fmt.Sprintf("stress(bumpBytes, %d, 3, 3)", rounds))
		require.NoError(t, err, "realm %d", i)
		require.Positive(t, v.ToInteger())
		require.Empty(t, r.Errors())
		if i%3 == 2 {
			r.Close()
		}
	}
}

// A view whose buffer was detached by memory.grow is not a way into process memory: Go's
// js.CopyBytesToJS into it throws a TypeError, with the gojs imports native or interpreted (before,
// the native import wrote at the absolute address byteOffset).
func TestCopyBytesToJSIntoDetachedView(t *testing.T) {
	goWasm, err := guests.Build("stress")
	require.NoError(t, err)
	glue, _ := gojs.WasmExec("go1.26")
	for _, mode := range []wasmjs.GoJSMode{wasmjs.GoJSFast, wasmjs.GoJSReference} {
		t.Run(mode.String(), func(t *testing.T) {
			e := newEnv(t, wasmjs.Options{GoJS: mode})
			_, err := e.realm.RunScript("wasm_exec.js", glue)
			require.NoError(t, err)
			require.NoError(t, e.realm.VM.Set("goBytes", e.realm.VM.NewArrayBuffer(goWasm)))
			require.NoError(t, e.realm.VM.Set("bumpBytes", e.realm.VM.NewArrayBuffer(bumpModule())))
			_, err = e.realm.RunScript("go.js", `const go = new Go();
				WebAssembly.instantiate(goBytes, go.importObject).then(({ instance }) => go.run(instance));`)
			require.NoError(t, err)
			require.NoError(t, e.sched.RunUntil(context.Background(), func() bool { return e.realm.VM.Get("goCopy") != nil }))
			if mode == wasmjs.GoJSFast {
				require.Equal(t, 1, e.host.NativeGoJS())
			}
			v, err := e.realm.RunScript("detached.js", `
				const inst = new WebAssembly.Instance(new WebAssembly.Module(bumpBytes), { env: { cb() {} } });
				inst.exports.alloc(0x1400000);
				const live = new Uint8Array(inst.exports.memory.buffer, 0x1300000, 16);
				const copied = goCopy(live);
				inst.exports.alloc(0x100000); // grows the memory: live's buffer is detached
				inst.exports.memory.buffer;
				let threw = "no";
				try { goCopy(live); } catch (err) { threw = err.constructor.name; }
				JSON.stringify([copied, live.byteLength, threw, new Uint8Array(inst.exports.memory.buffer)[0x1300000]]);`)
			require.NoError(t, err)
			assert.JSONEq(t, `[16, 0, "TypeError", 48]`, v.String())
		})
	}
}
