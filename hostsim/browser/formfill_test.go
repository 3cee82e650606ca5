package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitUntil is an expression that resolves true once cond holds, polling on the virtual clock.
func waitUntil(cond string) string {
	return `new Promise((resolve, reject) => { let n = 0; const check = () => (` + cond + `) ? resolve(true)
		: (++n > 1000 ? reject(new Error("timed out waiting for ` + strings.ReplaceAll(cond, `"`, `'`) + `")) : setTimeout(check, 10)); check(); })`
}

const filledForm = `(() => { const f = document.getElementById("login");
	return [f.elements.username.value, f.elements.password.value, f.getAttribute("data-extwasm-reconnects")]; })()`

// openOptions opens the example's options page (plain JS over chrome.storage.local).
func openOptions(t *testing.T, e *env) *Context {
	t.Helper()
	tab, err := e.b.OpenTab(e.ext.URL("options.html"))
	require.NoError(t, err)
	page := tab.Top().Page()
	e.assertJSON(page, waitUntil(`typeof vaultOptions === "object"`), `true`)
	return page
}

// openLogin opens a login page at a fresh URL and waits until the content script filled it.
func openLogin(t *testing.T, e *env, path string) *Context {
	t.Helper()
	url := "http://127.0.0.1:8000/" + path
	e.b.ServePage(url, Page{HTML: loginHTML})
	tab, err := e.b.OpenTab(url)
	require.NoError(t, err)
	page := tab.Top().Page()
	e.assertJSON(page, waitUntil(`document.getElementById("login").hasAttribute("data-extwasm-filled")`), `true`)
	return page
}

// TestFormFillerFromStorage: the options page's writes to chrome.storage.local are what the Go worker
// serves on the next login port (conformance-apis S23, S26, S27).
func TestFormFillerFromStorage(t *testing.T) {
	e := exampleEnv(t)
	options := openOptions(t, e)
	e.assertJSON(options, `vaultOptions.readVault()`, `{"127.0.0.1":{"username":"gopher","password":"correct horse battery staple"}}`)
	e.assertJSON(options, `vaultOptions.addLogin("127.0.0.1", "alice", "s3cret").then(() => true)`, `true`)
	e.assertJSON(options, waitUntil(`document.querySelector("#entries tbody").textContent.includes("alice")`), `true`)
	e.assertJSON(openLogin(t, e, "added.html"), filledForm, `["alice","s3cret",null]`)

	e.assertJSON(options, `vaultOptions.removeLogin("127.0.0.1").then(() => true)`, `true`)
	e.assertJSON(openLogin(t, e, "removed.html"), filledForm, `["","",null]`)
}

// TestFormFillerSurvivesAWorkerStopMidFill stops the worker after the first field of a fill, with a
// latency on every hop so the fill is still under way: the Go content script reconnects, the new
// worker resumes the fill from chrome.storage.session (S33) and counts every field of it.
func TestFormFillerSurvivesAWorkerStopMidFill(t *testing.T) {
	dir := buildExample(t)
	b, err := New(Options{Seed: 1, MinLatency: 20 * time.Millisecond, MaxLatency: 20 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	e := &env{b: b, ext: ext, wk: ext.Worker(), ctx: t.Context(), t: t}
	// The login is written first, so the fill does not race the install's seeding.
	e.assertJSON(openOptions(t, e), `vaultOptions.addLogin("127.0.0.1", "gopher", "correct horse battery staple").then(() => true)`, `true`)
	b.ServePage(pageURL, Page{HTML: loginHTML})
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	page := tab.Top().Page()
	for i := 0; ; i++ {
		require.Less(t, i, 1000, "the first field was never filled")
		require.NoError(t, b.Advance(5*time.Millisecond))
		if e.eval(page, `document.getElementById("login").elements.username.value`) != `""` {
			break
		}
	}
	e.assertJSON(page, `document.getElementById("login").elements.password.value`, `""`)
	require.NoError(t, ext.StopWorker())

	e.assertJSON(page, waitUntil(`document.getElementById("login").hasAttribute("data-extwasm-filled")`), `true`)
	e.assertJSON(page, filledForm, `["gopher","correct horse battery staple","1"]`)
	// The worker logs the fill's count when the content script closes the port.
	for i := 0; !strings.Contains(ext.Worker().ConsoleText(), "served "); i++ {
		require.Less(t, i, 1000, "the worker never logged the fill: %s", ext.Worker().ConsoleText())
		require.NoError(t, b.Advance(10*time.Millisecond))
	}
	assert.Contains(t, ext.Worker().ConsoleText(), fmt.Sprintf("served %d fields on login:127.0.0.1", 3),
		"the restarted worker resumed the fill: the field served before the stop is counted")
}
