package browser

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/gobuild"
)

var (
	exampleOnce sync.Once
	exampleDir  string
	exampleErr  error
)

// repoRoot is the module root, found from this file.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// buildExample builds the example extension into a temporary folder once per test binary, the
// same way build.sh does, without touching the checked-out extension/ folder.
func buildExample(t testing.TB) string {
	t.Helper()
	exampleOnce.Do(func() {
		root := repoRoot()
		dir, err := os.MkdirTemp("", "extwasm-example-")
		if err != nil {
			exampleErr = err
			return
		}
		for _, f := range []string{"manifest.json", "worker.js", "content.js", "options.html", "options.js", "popup.html", "popup.js"} {
			b, err := os.ReadFile(filepath.Join(root, "extension", f))
			if err != nil {
				exampleErr = err
				return
			}
			if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
				exampleErr = err
				return
			}
		}
		for _, name := range []string{"worker", "content"} {
			if err := gobuild.Wasm(root, "./wasm/example/"+name, filepath.Join(dir, name+".wasm")); err != nil {
				exampleErr = err
				return
			}
		}
		wasmExec, err := gobuild.WasmExec("")
		if err != nil {
			exampleErr = err
			return
		}
		glue, err := os.ReadFile(filepath.Join(root, "jsglue", "extwasm.js"))
		if err != nil {
			exampleErr = err
			return
		}
		if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), wasmExec, 0o644); err != nil {
			exampleErr = err
			return
		}
		if err := os.WriteFile(filepath.Join(dir, "extwasm.js"), glue, 0o644); err != nil {
			exampleErr = err
			return
		}
		for _, f := range []string{"extwasm-frame.html", "extwasm-frame.js"} {
			b, err := os.ReadFile(filepath.Join(root, "jsglue", f))
			if err == nil {
				err = os.WriteFile(filepath.Join(dir, f), b, 0o644)
			}
			if err != nil {
				exampleErr = err
				return
			}
		}
		exampleDir = dir
	})
	require.NoError(t, exampleErr)
	return exampleDir
}

const loginHTML = `<!doctype html><title>Login</title>
<form id="login"><input name="username"><input name="password" type="password"><input name="otp"></form>`

// exampleEnv opens the example extension with a login page in a tab.
func exampleEnv(t *testing.T) *env {
	t.Helper()
	dir := buildExample(t)
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	b.ServePage(pageURL, Page{HTML: loginHTML})
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(ext)
	require.NotNil(t, cs)
	e := &env{b: b, ext: ext, tab: tab, cs: cs, page: tab.Top().Page(), wk: ext.Worker(), ctx: t.Context(), t: t}
	// Wait until the Go content script is up.
	e.eval(cs, `new Promise((resolve, reject) => { let n = 0; const check = () => typeof extwasmDemo === "object" ? resolve(true) : (++n > 500 ? reject(new Error("content script never started")) : setTimeout(check, 10)); check(); })`)
	return e
}

func TestExampleFillsLoginForm(t *testing.T) {
	e := exampleEnv(t)
	clickFill(t, e)
	e.assertJSON(e.page, `new Promise((resolve, reject) => { let n = 0; const f = document.getElementById("login");
		const check = () => f.hasAttribute("data-extwasm-filled") ? resolve([f.getAttribute("data-extwasm-filled"), f.elements.username.value, f.elements.password.value, f.elements.otp.value])
			: (++n > 500 ? reject(new Error("never filled")) : setTimeout(check, 10)); check(); })`,
		`["3","gopher","correct horse battery staple",""]`)
	var ports []Entry
	for _, en := range e.b.Transcript().Entries() {
		if strings.HasPrefix(en.Channel, "port#") && strings.HasSuffix(en.Channel, "(login)") {
			ports = append(ports, en)
		}
	}
	assert.NotEmpty(t, ports, "the form was filled over the login port")
}
