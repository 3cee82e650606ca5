package extwasmtest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
	"github.com/extwasm/extwasm/internal/probeworker"
)

// These tests run in hostsim by default and in Chromium with -extwasm.browser=chromium; they must
// pass unchanged in both.

// fixture copies the plain-JS scenario extension and adds an extension page, so an extension page
// can be opened as a tab.
func fixture(t *testing.T) string {
	t.Helper()
	src := "../e2e/internal/scenario/testdata/ext"
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, en := range entries {
		b, err := os.ReadFile(filepath.Join(src, en.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, en.Name()), b, 0o644))
	}
	require.NoError(t, probeworker.Write(dir))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "page.html"),
		[]byte(`<!doctype html><title>ext page</title><script src="page.js"></script>`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "page.js"),
		[]byte(`self.extPage = true; console.log("extension page", 1);`), 0o644))
	return dir
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), extwasmtest.Timeout)
	t.Cleanup(cancel)
	return c
}

func TestHarnessEvaluatesInEveryKindOfContext(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, fixture(t))
	frameURL := b.Serve("/child.html", extwasmtest.Page{HTML: "<!doctype html><p>child</p>"})
	url := b.Serve("/top.html", extwasmtest.Page{HTML: `<!doctype html><title>top</title><iframe src="` + frameURL + `"></iframe>`})
	tab := extwasmtest.OpenTab(t, b, url)

	cs := tab.ContentScript(ext)
	require.NoError(t, extwasmtest.WaitFor(ctx(t), cs, "self.csLoaded >= 1", 10*time.Second))
	extwasmtest.EvalJSON(t, cs, `chrome.runtime.sendMessage({mode: "echo", v: {a: 1}})`, `{"a": 1}`)
	extwasmtest.EvalJSON(t, tab.Page(), `document.title`, `"top"`)
	extwasmtest.EvalJSON(t, tab.Page(), `typeof chrome.runtime === "object" && typeof chrome.runtime.sendMessage`, `false`)

	frames, err := tab.Frames(ctx(t))
	require.NoError(t, err)
	require.Len(t, frames, 2)
	assert.Equal(t, url, frames[0].URL())
	assert.Equal(t, frameURL, frames[1].URL())
	require.NoError(t, extwasmtest.WaitFor(ctx(t), frames[1].ContentScript(ext), "self.csLoaded >= 1", 10*time.Second))
	extwasmtest.EvalJSON(t, frames[1].ContentScript(ext), `location.pathname`, `"/child.html"`)

	extwasmtest.EvalJSON(t, ext.Worker(), `typeof self.seen`, `"object"`)
	extwasmtest.EvalJSON(t, ext.Worker(), `self.seen.length`, `1`)

	page := extwasmtest.OpenTab(t, b, ext.URL("page.html"))
	extwasmtest.EvalJSON(t, page.Page(), `[self.extPage, location.href]`, `[true, "`+ext.URL("page.html")+`"]`)

	var thrown *extwasmtest.JSError
	_, err = cs.Eval(ctx(t), `Promise.resolve().then(() => { throw new TypeError("nope"); })`)
	require.ErrorAs(t, err, &thrown)
	assert.Equal(t, "TypeError", thrown.Name)
	assert.Equal(t, "nope", thrown.Message)
}

func TestHarnessStopsTheWorker(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, fixture(t))
	extwasmtest.EvalJSON(t, ext.Worker(), `(self.mark = "first run", self.mark)`, `"first run"`)
	require.NoError(t, ext.StopWorker(ctx(t)))
	extwasmtest.EvalJSON(t, ext.Worker(), `self.mark === undefined`, `true`)
}

func TestHarnessCollectsConsoleAndUncaughtErrors(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, fixture(t))
	tab := extwasmtest.OpenTab(t, b, b.Serve("/console.html", extwasmtest.Page{HTML: "<!doctype html><p>console</p>"}))

	for _, r := range []extwasmtest.Realm{tab.Page(), tab.ContentScript(ext), ext.Worker()} {
		t.Run(kind(r), func(t *testing.T) {
			extwasmtest.EvalJSON(t, r, `(console.log("hello", 1), console.warn("careful"),
				setTimeout(() => { throw new Error("uncaught boom"); }, 0),
				new Promise((resolve) => setTimeout(resolve, 50)).then(() => true))`, `true`)
			msgs, err := r.Console(ctx(t))
			require.NoError(t, err)
			require.Len(t, msgs, 3, "%+v", msgs)
			assert.Equal(t, extwasmtest.ConsoleMessage{Level: "log", Text: "hello 1"}, msgs[0])
			assert.Equal(t, extwasmtest.ConsoleMessage{Level: "warn", Text: "careful"}, msgs[1])
			assert.Equal(t, extwasmtest.ConsoleMessage{Level: "error", Text: "Uncaught Error: uncaught boom", Uncaught: true}, msgs[2])
		})
	}
}

// kind is the sort of realm, for subtest names that are the same in both browsers.
func kind(r extwasmtest.Realm) string {
	n := r.Name()
	switch {
	case strings.HasPrefix(n, "worker"):
		return "worker"
	case strings.Contains(n, "content") || strings.HasPrefix(n, "isolated"):
		return "content script"
	}
	return "page"
}

func TestHarnessRefusesAnInstallAfterChromiumStarted(t *testing.T) {
	b := extwasmtest.New(t)
	extwasmtest.Install(t, b, fixture(t))
	extwasmtest.OpenTab(t, b, b.Serve("/p.html", extwasmtest.Page{HTML: "<p>p</p>"}))
	_, err := b.Install(ctx(t), fixture(t))
	if b.Kind() == extwasmtest.Chromium {
		require.ErrorContains(t, err, "install every extension before opening a tab")
	} else {
		require.NoError(t, err, "hostsim installs at any time")
	}
}

// TestClickAction: in hostsim a click on an action without a popup fires action.onClicked with the
// tab; Chromium cannot click the button and says so.
func TestClickAction(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, fixture(t))
	tab := extwasmtest.OpenTab(t, b, b.Serve("/a.html", extwasmtest.Page{HTML: "<p>a</p>"}))
	extwasmtest.EvalJSON(t, ext.Worker(), `(self.clicks = 0, chrome.action.onClicked.addListener(() => self.clicks++),
		chrome.action.setPopup({popup: ""}).then(() => true))`, `true`)
	err := ext.ClickAction(ctx(t), tab)
	if b.Kind() == extwasmtest.Chromium {
		assert.ErrorIs(t, err, extwasmtest.ErrNoActionClick)
		return
	}
	require.NoError(t, err)
	extwasmtest.EvalJSON(t, ext.Worker(), `self.clicks`, `1`)
}

// TestEvalTakesStatementLists: Eval takes an expression or a statement list whose value is its last
// expression's, as DevTools' console does, in both browsers; declarations stay for later
// evaluations; errors name their kind once.
func TestEvalTakesStatementLists(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, fixture(t))
	tab := extwasmtest.OpenTab(t, b, b.Serve("/a.html", extwasmtest.Page{HTML: "<p>a</p>"}))
	for _, r := range []struct {
		name  string
		realm extwasmtest.Realm
	}{{"worker", ext.Worker()}, {"page", tab.Page()}, {"content script", tab.ContentScript(ext)}} {
		t.Run(r.name, func(t *testing.T) {
			for _, tc := range []struct{ expr, want string }{
				{`const evalA = 1; evalA + 1`, `2`},
				{`evalA * 10`, `10`},
				{`let evalB = {n: 2}; evalB.n *= 3; evalB`, `{"n": 6}`},
				{`if (evalA) { "yes" } else { "no" }`, `"yes"`},
				{`var evalP = Promise.resolve(4); evalP`, `4`},
				{`function evalF() {}`, `null`},
				{`{a: 1}`, `{"a": 1}`},
			} {
				extwasmtest.EvalJSON(t, r.realm, tc.expr, tc.want)
			}
			var je *extwasmtest.JSError
			_, err := r.realm.Eval(ctx(t), `1 +`)
			require.ErrorAs(t, err, &je)
			assert.Equal(t, "SyntaxError", je.Name)
			assert.NotContains(t, je.Message, "SyntaxError", "the kind is named once")
			_, err = r.realm.Eval(ctx(t), `const evalC = 1; throw new RangeError("far")`)
			require.ErrorAs(t, err, &je)
			assert.Equal(t, [2]string{"RangeError", "far"}, [2]string{je.Name, je.Message})
		})
	}
}

// testKey is a public key (DER, base64) made for this test; Chromium and hostsim derive the ID
// ogifedimkeecpbjmdmcihinpobkommfo from it wherever the folder is.
const testKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAufvX8fvzHYb+O8KxCYpuo/nQQAZ1W16+tcrDwFmmGU24Wy/PvhnbkZBrnImYYB7nlbJjzurNR1es7Vux6R/iExIDOBFxi8RJNgHUu/vcTLLpE6H+PSoakhCmWslncxFRroFUjGMMuul3dWepGXdcJEWhWv9KkEER9UV8gXA1MLCA+28hmvep60hXellQ6uet46cH3AHQJRRYxazykXhr/j8jX1YWt4KofnJK3NM9ryWrE8yNfH6gS/lCIqjY92LbGeG88bcfG/HWQlS3Vc14cKZpq55t8+Fbp8Fz3AKGM14mR54ro1k0t6Ff84MrjihRikZr+DIQclA6QbwDUCt4CQIDAQAB"

// TestManifestKeyDecidesTheID: with a manifest "key", the extension ID comes from the key, not the
// folder, in both browsers; the worker's chrome.runtime.id agrees.
func TestManifestKeyDecidesTheID(t *testing.T) {
	dir := fixture(t)
	manifest := filepath.Join(dir, "manifest.json")
	m, err := os.ReadFile(manifest)
	require.NoError(t, err)
	keyed := strings.Replace(string(m), `"version": "1.0",`, `"version": "1.0", "key": "`+testKey+`",`, 1)
	require.NotEqual(t, string(m), keyed)
	require.NoError(t, os.WriteFile(manifest, []byte(keyed), 0o644))

	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, dir)
	assert.Equal(t, "ogifedimkeecpbjmdmcihinpobkommfo", ext.ID())
	extwasmtest.EvalJSON(t, ext.Worker(), `chrome.runtime.id`, `"ogifedimkeecpbjmdmcihinpobkommfo"`)
}

// TestHarnessReloadsTabsAndPressesCommands: a reload gives the tab a new document with the content
// scripts run again; a command's shortcut fires commands.onCommand in hostsim, and Chromium says it
// cannot press one.
func TestHarnessReloadsTabsAndPressesCommands(t *testing.T) {
	dir := fixture(t)
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	require.NoError(t, err)
	manifest = []byte(strings.Replace(string(manifest), `"options_page"`,
		`"commands": {"note": {"suggested_key": {"default": "Ctrl+Shift+Y"}, "description": "note"}}, "options_page"`, 1))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644))
	sw, err := os.OpenFile(filepath.Join(dir, "sw.js"), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = sw.WriteString("\nself.commands = []; chrome.commands.onCommand.addListener((name, tab) => self.commands.push([name, typeof tab.id]));\n")
	require.NoError(t, err)
	require.NoError(t, sw.Close())

	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, dir)
	tab := extwasmtest.OpenTab(t, b, b.Serve("/keys.html", extwasmtest.Page{HTML: "<!doctype html><p>keys</p>"}))
	require.NoError(t, extwasmtest.WaitFor(ctx(t), tab.ContentScript(ext), "self.csLoaded >= 1", 10*time.Second))
	extwasmtest.EvalJSON(t, tab.Page(), `(self.before = 1, self.before)`, `1`)
	require.NoError(t, tab.Reload(ctx(t)))
	require.NoError(t, extwasmtest.WaitFor(ctx(t), tab.ContentScript(ext), "self.csLoaded >= 1", 10*time.Second))
	extwasmtest.EvalJSON(t, tab.Page(), `self.before === undefined`, `true`)

	err = ext.PressCommand(ctx(t), tab, "note")
	if b.Kind() == extwasmtest.Chromium {
		assert.ErrorIs(t, err, extwasmtest.ErrNoCommandKey)
		return
	}
	require.NoError(t, err)
	extwasmtest.EvalJSON(t, ext.Worker(), `self.commands`, `[["note", "number"]]`)
	assert.Error(t, ext.PressCommand(ctx(t), tab, "nope"), "a command the manifest does not declare")
}
