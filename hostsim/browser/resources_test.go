package browser

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// chromium.md §3: content scripts fetch only web-accessible resources; the worker fetches anything.
func TestWebAccessibleResources(t *testing.T) {
	e := newEnv(t, Options{})
	e.assertJSON(e.cs, `fetch(chrome.runtime.getURL("open.txt")).then((r) => r.text())`, `"open\n"`)
	e.assertJSON(e.cs, `fetch(chrome.runtime.getURL("secret.txt")).then(() => "fetched", (e) => e.constructor.name + ": " + e.message)`, `"TypeError: Failed to fetch"`)
	e.assertJSON(e.page, `fetch("chrome-extension://`+e.ext.ID()+`/open.txt").then((r) => r.text())`, `"open\n"`)
	e.assertJSON(e.wk, `fetch(chrome.runtime.getURL("secret.txt")).then((r) => r.text())`, `"closed\n"`)
}

// chromium.md §1, §3: without 'wasm-unsafe-eval' in the manifest CSP the worker cannot compile
// wasm; a page CSP without it blocks wasm in content scripts with an empty message.
func TestWasmCSP(t *testing.T) {
	const compile = `WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", (e) => e.constructor.name + ": " + e.message)`
	dir := copyFixture(t, "testdata/probe", map[string]string{`'wasm-unsafe-eval'`: ``})
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	ext, err := b.Install(dir)
	require.NoError(t, err)
	b.ServePage("http://127.0.0.1:8000/strict.html", Page{CSP: "script-src 'self'"})
	tab, err := b.OpenTab("http://127.0.0.1:8000/strict.html")
	require.NoError(t, err)
	e := &env{b: b, ext: ext, tab: tab, cs: tab.Top().ContentScript(ext), wk: ext.Worker(), ctx: t.Context(), t: t}
	e.assertJSON(e.wk, compile, jsonOf(`CompileError: WebAssembly.compile(): Compiling or instantiating WebAssembly module violates the following Content Security policy directive because neither 'wasm-eval' nor 'unsafe-eval' is an allowed source of script in the following Content Security Policy directive: "script-src 'self'".`))
	e.assertJSON(e.cs, compile, `"CompileError: WebAssembly.compile(): "`)
	other, err := b.OpenTab("http://127.0.0.1:8000/open.html")
	require.NoError(t, err)
	e.assertJSON(other.Top().ContentScript(ext), compile, `"compiled"`)
}
