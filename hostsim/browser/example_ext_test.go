package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

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

func TestExampleGreetings(t *testing.T) {
	e := exampleEnv(t)
	e.assertJSON(e.cs, `chrome.runtime.sendMessage({greeting: "hello"})`, `{"farewell":"goodbye"}`)
	e.assertJSON(e.cs, `extwasmDemo.greet("gopher")`, `{"greeting":"hello, gopher","from":"worker"}`)
	e.assertJSON(e.cs, `extwasmDemo.greetTab("gopher")`, `{"reply":{"greeting":"hello, gopher","from":"content"}}`)
	e.assertJSON(e.cs, `extwasmDemo.knock()`, `["Who's there?","Madame who?","I don't get it."]`)
	e.assertJSON(e.cs, `extwasmDemo.panic().then((r) => r.code)`, `"internal"`)
	e.assertJSON(e.cs, `extwasmDemo.greet("again")`, `{"greeting":"hello, again","from":"worker"}`)
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

func TestExampleWorkerRestartMidConversation(t *testing.T) {
	e := exampleEnv(t)
	e.assertJSON(e.cs, `extwasmDemo.greet("before")`, `{"greeting":"hello, before","from":"worker"}`)
	require.NoError(t, e.ext.StopWorker())
	e.assertJSON(e.cs, `extwasmDemo.greet("after")`, `{"greeting":"hello, after","from":"worker"}`)
	require.NoError(t, e.b.Advance(31*time.Second))
	assert.False(t, e.ext.WorkerRunning(), "Go in the worker does not keep it alive")
	e.assertJSON(e.cs, `extwasmDemo.knock()`, `["Who's there?","Madame who?","I don't get it."]`)
	e.assertJSON(e.wk, fmt.Sprintf(`extwasmDemo.greetTab(%d, 0, "worker")`, e.tab.ID()), `{"greeting":"hello, worker","from":"content"}`)
}

// TestExampleRefusesKeysDifferingOnlyInCase is the parser differential seen from a content script:
// JavaScript reading the message sees route "demo.greet" and name "x"; the worker must not act on
// "ROUTE" or "NAME" instead, so both messages are invalid (the same rows run in Chromium in e2e).
func TestExampleRefusesKeysDifferingOnlyInCase(t *testing.T) {
	e := exampleEnv(t)
	for _, msg := range []string{
		`{extwasm: 1, route: "demo.greet", ROUTE: "demo.panic", body: {name: "x"}}`,
		`{extwasm: 1, route: "demo.greet", body: {name: "x", NAME: "y"}}`,
	} {
		var reply struct {
			OK    bool `json:"ok"`
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		require.NoError(t, e.cs.EvalInto(e.ctx, `chrome.runtime.sendMessage(`+msg+`)`, &reply), msg)
		assert.False(t, reply.OK, msg)
		assert.Equal(t, "invalid", reply.Error.Code, msg)
		assert.Contains(t, reply.Error.Message, "differs only in case", msg)
	}
	// The worker still answers a well-formed request.
	e.assertJSON(e.cs, `extwasmDemo.greet("after")`, `{"greeting":"hello, after","from":"worker"}`)
}
