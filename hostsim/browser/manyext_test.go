package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// manyExtensionsEnv lengthens TestManyExtensionsOneProcess: "long" (make stress) runs a hundred
// extensions, as a public corpus run does.
const manyExtensionsEnv = "HOSTSIM_STRESS"

// growModule is the memory traffic of a non-Go page module (a wasm-bindgen "hello world", say):
//
//	(import "env" "cb" (func $cb (param i32 i32)))
//	(memory (export "memory") 1)
//	(func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
//	(func (export "fill") (param $p i32) (param $v i32)
//	  local.get $p local.get $v i32.store8  local.get $p local.get $v call $cb)
//
// fill calls back into JavaScript with its frame live, and the callback grows the memory and calls
// fill again: the memory moves under frames that are still running.
var growModule = []byte{
	0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
	0x01, 0x0b, 0x02, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7f, 0x00, // types
	0x02, 0x0a, 0x01, 0x03, 'e', 'n', 'v', 0x02, 'c', 'b', 0x00, 0x01, // import env.cb
	0x03, 0x03, 0x02, 0x00, 0x01, // functions
	0x05, 0x03, 0x01, 0x00, 0x01, // memory, 1 page
	0x07, 0x18, 0x03, // exports
	0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00,
	0x04, 'g', 'r', 'o', 'w', 0x00, 0x01,
	0x04, 'f', 'i', 'l', 'l', 0x00, 0x02,
	0x0a, 0x18, 0x02, // code
	0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b,
	0x0f, 0x00, 0x20, 0x00, 0x20, 0x01, 0x3a, 0x00, 0x00, 0x20, 0x00, 0x20, 0x01, 0x10, 0x00, 0x0b,
}

// growPageScript instantiates growModule the way wasm-bindgen's glue does (fetch, instantiate, a
// cached Uint8Array over the memory made anew once a grow detached it) and runs 40 nested grows,
// writing and reading text through the views as it goes. globalThis.wasmResult says how it ended.
const growPageScript = `(async () => {
	const bytes = await (await fetch("grow.wasm")).arrayBuffer();
	let inst, view = null;
	const mem = () => (view === null || view.byteLength === 0) ? (view = new Uint8Array(inst.exports.memory.buffer)) : view;
	const seen = [];
	({ instance: inst } = await WebAssembly.instantiate(bytes, { env: { cb(p, v) {
		if (mem()[p] !== v) throw new Error("byte at " + p + " is " + mem()[p] + ", want " + v);
		if (v < 40) {
			inst.exports.grow(1);
			inst.exports.fill(65536 * (v + 1) + 7, v + 1);
		}
		new TextEncoder().encodeInto("ok", mem().subarray(p + 1, p + 3));
		seen.push(new TextDecoder().decode(mem().subarray(p + 1, p + 3)));
	} } }));
	inst.exports.fill(7, 0);
	const ok = seen.length === 41 && seen.every((s) => s === "ok") && mem().byteLength === 41 * 65536;
	globalThis.wasmResult = ok ? "ok" : "bad: " + JSON.stringify(seen) + " " + mem().byteLength;
})().catch((e) => { globalThis.wasmResult = String(e); });
`

// corpusExtension writes the i-th extension of the run: every fourth has the round-trip fixture's
// Go worker and Go content script, the others plain JavaScript; all have a popup and an options
// page that run growPageScript.
func corpusExtension(t *testing.T, i int, goDir string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"page.html": `<!doctype html><title>page</title><script src="grow.js"></script>`,
		"grow.js":   growPageScript,
		"grow.wasm": string(growModule),
	}
	manifest := map[string]any{
		"manifest_version":        3,
		"name":                    fmt.Sprintf("corpus %d", i),
		"version":                 "1.0",
		"action":                  map[string]any{"default_popup": "page.html"},
		"options_page":            "page.html",
		"content_security_policy": map[string]any{"extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"},
	}
	if i%4 == 0 {
		for _, name := range []string{"worker.js", "content.js", "roundtrip.wasm", "wasm_exec.js", "extwasm.js"} {
			b, err := os.ReadFile(filepath.Join(goDir, name))
			require.NoError(t, err)
			files[name] = string(b)
		}
		manifest["background"] = map[string]any{"service_worker": "worker.js"}
		manifest["content_scripts"] = []any{map[string]any{"matches": []string{"http://127.0.0.1/*"}, "js": []string{"wasm_exec.js", "extwasm.js", "content.js"}}}
		manifest["web_accessible_resources"] = []any{map[string]any{"resources": []string{"roundtrip.wasm"}, "matches": []string{"http://127.0.0.1/*"}}}
	} else {
		files["worker.js"] = `chrome.runtime.onMessage.addListener((m, s, reply) => { reply({ echo: m, n: ` + fmt.Sprint(i) + ` }); });`
		files["content.js"] = `globalThis.ask = (m) => chrome.runtime.sendMessage(m);`
		manifest["background"] = map[string]any{"service_worker": "worker.js"}
		manifest["content_scripts"] = []any{map[string]any{"matches": []string{"http://127.0.0.1/*"}, "js": []string{"content.js"}}}
	}
	m, err := json.Marshal(manifest)
	require.NoError(t, err)
	files["manifest.json"] = string(m)
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	return dir
}

// TestManyExtensionsOneProcess runs extensions one after another in one process, as a run over a
// public corpus does — install, open a tab, the popup and the options page, message the worker,
// advance two virtual seconds, close — with the garbage collector at GOGC 5 all the time. The
// popup and options page instantiate a non-Go module and grow its memory from inside nested
// calls; every fourth extension starts Go in its worker and its content script. Such a run once
// died with "found bad pointer in Go heap" after a page like that: Go's js.CopyBytesToJS and
// TextEncoder.encodeInto into a view whose buffer a grow had detached wrote at the view's offset as
// an absolute address of the process. HOSTSIM_STRESS=long (make stress) runs a hundred.
func TestManyExtensionsOneProcess(t *testing.T) {
	n := 8
	if os.Getenv(manyExtensionsEnv) == "long" {
		n = 100
	}
	goDir := roundTripFixture.build(t)
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	ctx := context.Background()
	const url = "http://127.0.0.1:8000/corpus.html"
	for i := 0; i < n; i++ {
		dir := corpusExtension(t, i, goDir)
		b, err := browser.New(browser.Options{Seed: int64(i + 1)})
		require.NoError(t, err)
		b.ServePage(url, browser.Page{HTML: "<title>corpus</title><p>page</p>"})
		ext, err := b.Install(dir)
		require.NoError(t, err, "extension %d", i)
		tab, err := b.OpenTab(url)
		require.NoError(t, err)
		popup, err := ext.OpenPopup()
		require.NoError(t, err)
		options, err := ext.OpenOptionsPage()
		require.NoError(t, err)
		require.NoError(t, b.Advance(2*time.Second))
		for _, page := range []*browser.ExtensionPage{popup, options} {
			var result string
			require.NoError(t, page.EvalInto(ctx, `globalThis.wasmResult`, &result))
			assert.Equal(t, "ok", result, "extension %d, %s", i, page.URL())
		}
		cs := tab.Top().ContentScript(ext)
		require.NotNil(t, cs, "extension %d: content script", i)
		var reply json.RawMessage
		if i%4 == 0 {
			reply, err = cs.Eval(ctx, `new Promise((r) => { const c = () => typeof rtGreet === "object" ? r(rtGreet.send("corpus")) : setTimeout(c, 10); c(); })`)
			require.NoError(t, err, "extension %d", i)
			assert.JSONEq(t, `{"greeting":"hello, corpus"}`, string(reply))
		} else {
			reply, err = cs.Eval(ctx, `ask({ hi: 1 })`)
			require.NoError(t, err, "extension %d", i)
			assert.JSONEq(t, fmt.Sprintf(`{"echo":{"hi":1},"n":%d}`, i), string(reply))
		}
		for _, c := range []*browser.Context{ext.Worker(), cs, popup.Context(), options.Context()} {
			assert.Empty(t, c.Errors(), "extension %d, %s", i, c.Name())
		}
		require.NoError(t, b.Close())
	}
}
