package e2e

// These tests check the example extension against extension/README.md through extwasmtest, so the
// same test runs in hostsim (`go test ./e2e/`) and in Chromium
// (`go test -tags e2e ./e2e/ -extwasm.browser=chromium`).

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

var (
	buildExampleOnce sync.Once
	buildExampleErr  error
)

// harnessExampleDir is the example extension, built once per test binary from the current Go code
// unless EXTWASM_E2E_EXTENSION points at another build.
func harnessExampleDir(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("EXTWASM_E2E_EXTENSION"); dir != "" {
		return dir
	}
	buildExampleOnce.Do(func() { buildExampleErr = extwasmtest.Build("..") })
	require.NoError(t, buildExampleErr)
	return "../extension"
}

// example is a browser with the example installed and a tab open on a page of testdata/pages.
type example struct {
	b   extwasmtest.Browser
	ext extwasmtest.Extension
	tab extwasmtest.Tab
	url string            // the tab's URL
	cs  extwasmtest.Realm // the example's content script in the tab's top frame
}

// openExample serves pages (the first is opened in a tab, the others are what it loads) and waits
// until the example's Go content script has started in the tab.
func openExample(t *testing.T, pages ...string) example {
	t.Helper()
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, harnessExampleDir(t))
	var url string
	for _, p := range pages {
		u := b.Serve("/"+p, extwasmtest.Page{HTML: readPage(t, p)})
		url = cmp.Or(url, u)
	}
	tab := extwasmtest.OpenTab(t, b, url)
	cs := tab.ContentScript(ext)
	waitDemo(t, cs)
	return example{b: b, ext: ext, tab: tab, url: url, cs: cs}
}

// waitDemo waits for the realm's extwasmDemo global, which the Go module defines once it runs.
func waitDemo(t *testing.T, r extwasmtest.Realm) {
	t.Helper()
	if err := extwasmtest.WaitFor(harnessCtx(t), r, `typeof extwasmDemo === "object" && extwasmDemo !== null`, 20*time.Second); err != nil {
		status, serr := r.Eval(harnessCtx(t), `typeof extwasm === "object" ? extwasm.status() : "extwasm.js is not loaded"`)
		require.NoError(t, err, "glue status: %s %v", status, serr)
	}
}

func harnessCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), extwasmtest.Timeout)
	t.Cleanup(cancel)
	return ctx
}

// tabID is the extension-side id of the only tab at url, as the worker sees it.
func tabID(t *testing.T, ext extwasmtest.Extension, url string) int {
	t.Helper()
	var ids []int
	require.NoError(t, extwasmtest.EvalInto(harnessCtx(t), ext.Worker(),
		fmt.Sprintf(`chrome.tabs.query({}).then(ts => ts.filter(t => t.url === %q).map(t => t.id))`, url), &ids))
	require.Len(t, ids, 1)
	return ids[0]
}

// clickFillIn opens the example's popup page in a tab for the tab at url (as the action popup does
// for the active tab), saves login for url's exact origin, clicks Fill and returns the result.
func clickFillIn(t *testing.T, ex example, login string) string {
	t.Helper()
	u, err := url.Parse(ex.url)
	require.NoError(t, err)
	origin := u.Scheme + "://" + u.Host
	return fillFromPopup(t, ex.b, ex.ext, ex.url, func(page extwasmtest.Realm) {
		extwasmtest.EvalJSON(t, page, fmt.Sprintf(`chrome.storage.local.set({vault: {%q: %s}}).then(() => true)`, origin, login), `true`)
	})
}

// fillFromPopup opens the example's popup page in a tab for the tab at url, runs before in it (if
// not nil), clicks Fill and returns the popup's result: {origin, saved, filled} or {error, message}.
func fillFromPopup(t *testing.T, b extwasmtest.Browser, ext extwasmtest.Extension, url string, before func(page extwasmtest.Realm)) string {
	t.Helper()
	ctx := harnessCtx(t)
	popup := extwasmtest.OpenTab(t, b, ext.URL(fmt.Sprintf("popup.html?tab=%d", tabID(t, ext, url))))
	page := popup.Page()
	require.NoError(t, extwasmtest.WaitFor(ctx, page, `typeof extwasm === "object"`, 20*time.Second))
	if before != nil {
		before(page)
	}
	extwasmtest.EvalJSON(t, page, `(document.getElementById("fill").click(), true)`, `true`)
	require.NoError(t, extwasmtest.WaitFor(ctx, page, `self.fillResult !== undefined`, 20*time.Second))
	got, err := page.Eval(ctx, `self.fillResult`)
	require.NoError(t, err)
	return string(got)
}

// loginWithOTP is a login form with a third input the vault has no value for.
const loginWithOTP = `<!doctype html><title>Login</title>
<form id="login"><input name="username"><input name="password" type="password"><input name="otp"></form>`

// TestFormFillerFromStorage: the options page's writes to chrome.storage.local are what the Go
// worker serves on the next fill (conformance-apis S23, S26, S27); a removed login fills nothing.
func TestFormFillerFromStorage(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, harnessExampleDir(t))
	ctx := harnessCtx(t)
	options := extwasmtest.OpenTab(t, b, ext.URL("options.html")).Page()
	require.NoError(t, extwasmtest.WaitFor(ctx, options, `typeof vaultOptions === "object"`, 20*time.Second))
	// The worker seeds the demo's login on install (for the origin hostsim's pages are served
	// from), which in Chromium may still be under way when the options page opens.
	var vault map[string]json.RawMessage
	for i := 0; i < 200; i++ {
		require.NoError(t, extwasmtest.EvalInto(ctx, options, `vaultOptions.readVault()`, &vault))
		if len(vault) > 0 {
			break
		}
		require.NoError(t, b.Wait(ctx, 100*time.Millisecond))
	}
	extwasmtest.EvalJSON(t, options, `vaultOptions.readVault()`, `{"http://127.0.0.1:8000":{"username":"gopher","password":"correct horse battery staple"}}`)

	open := func(path string) (string, extwasmtest.Tab) {
		t.Helper()
		url := b.Serve(path, extwasmtest.Page{HTML: loginWithOTP})
		tab := extwasmtest.OpenTab(t, b, url)
		require.NoError(t, extwasmtest.WaitFor(ctx, tab.ContentScript(ext), `typeof extwasm === "object" && extwasm.status() === "ready"`, 20*time.Second))
		return url, tab
	}
	u, err := url.Parse(b.Serve("/origin.html", extwasmtest.Page{HTML: "<p>origin</p>"}))
	require.NoError(t, err)
	origin := u.Scheme + "://" + u.Host
	filledForm := `(() => { const f = document.getElementById("login");
		return [f.elements.username.value, f.elements.password.value, f.getAttribute("data-extwasm-reconnects")]; })()`

	extwasmtest.EvalJSON(t, options, fmt.Sprintf(`vaultOptions.addLogin(%q, "alice", "s3cret").then(() => true)`, origin), `true`)
	require.NoError(t, extwasmtest.WaitFor(ctx, options, `document.querySelector("#entries tbody").textContent.includes("alice")`, 20*time.Second))
	addedURL, added := open("/added.html")
	assert.JSONEq(t, `{"origin":"`+origin+`","saved":true,"filled":3}`, fillFromPopup(t, b, ext, addedURL, nil))
	require.NoError(t, extwasmtest.WaitFor(ctx, added.Page(), `document.getElementById("login").hasAttribute("data-extwasm-filled")`, 20*time.Second))
	extwasmtest.EvalJSON(t, added.Page(), filledForm, `["alice","s3cret",null]`)

	extwasmtest.EvalJSON(t, options, fmt.Sprintf(`vaultOptions.removeLogin(%q).then(() => true)`, origin), `true`)
	removedURL, removed := open("/removed.html")
	assert.JSONEq(t, `{"origin":"`+origin+`","saved":false,"filled":0}`, fillFromPopup(t, b, ext, removedURL, nil))
	extwasmtest.EvalJSON(t, removed.Page(), `document.getElementById("login").hasAttribute("data-extwasm-filled") || document.getElementById("login").elements.username.value !== ""`, `false`)
}

// TestExampleFillsLoginForm: after the user clicks Fill, the example fills the tab's top frame,
// never a child frame, even a same-origin one (see extension/README.md).
func TestExampleFillsLoginForm(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pages  []string
		frame  bool // the form is in the page's child frame
		filled int  // what the popup reports
	}{
		{"top frame", []string{"login.html"}, false, 2},
		{"same-origin child frame", []string{"frame.html", "login.html"}, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := harnessCtx(t)
			ex := openExample(t, tc.pages...)
			page := ex.tab.Page()
			if tc.frame {
				frames, err := ex.tab.Frames(ctx)
				require.NoError(t, err)
				require.Len(t, frames, 2)
				page = frames[1].Page()
				waitDemo(t, frames[1].ContentScript(ex.ext))
			}
			filled := `document.getElementById("login").hasAttribute("data-extwasm-filled")`
			extwasmtest.EvalJSON(t, page, filled, `false`)
			var result struct {
				Saved  bool `json:"saved"`
				Filled int  `json:"filled"`
			}
			require.NoError(t, json.Unmarshal([]byte(clickFillIn(t, ex, `{"username": "gopher", "password": "correct horse battery staple"}`)), &result))
			assert.True(t, result.Saved)
			assert.Equal(t, tc.filled, result.Filled)
			var form struct {
				Filled   *string  `json:"filled"`
				Username string   `json:"username"`
				Password string   `json:"password"`
				Events   []string `json:"events"`
				Search   bool     `json:"searchFilled"`
			}
			require.NoError(t, extwasmtest.EvalInto(ctx, page, `(() => { const f = document.getElementById("login"); return {
				filled: f.getAttribute("data-extwasm-filled"),
				username: f.elements.username.value, password: f.elements.password.value,
				events: window.inputEvents.slice().sort(),
				searchFilled: document.getElementById("search").hasAttribute("data-extwasm-filled")}; })()`, &form))
			assert.False(t, form.Search, "a form without a password field is left alone")
			if tc.frame {
				assert.Nil(t, form.Filled, "a child frame is never filled")
				assert.Empty(t, form.Password)
				assert.Empty(t, form.Events)
				return
			}
			require.NotNil(t, form.Filled)
			assert.Equal(t, "2", *form.Filled)
			assert.Equal(t, "gopher", form.Username)
			assert.Equal(t, "correct horse battery staple", form.Password)
			assert.Equal(t, []string{"password", "username"}, form.Events, "each filled input gets an input event")
		})
	}
}

func TestExampleGreetingContentScriptToWorker(t *testing.T) {
	cs := openExample(t, "plain.html").cs
	extwasmtest.EvalJSON(t, cs, `extwasmDemo.greet("gopher")`, `{"greeting":"hello, gopher","from":"worker"}`)
	extwasmtest.EvalJSON(t, cs, `chrome.runtime.sendMessage({greeting: "hello"})`, `{"farewell":"goodbye"}`)
}

func TestExampleGreetingWorkerToTab(t *testing.T) {
	ex := openExample(t, "plain.html")
	id := tabID(t, ex.ext, ex.url)
	w := ex.ext.Worker()
	waitDemo(t, w)
	extwasmtest.EvalJSON(t, w, fmt.Sprintf(`extwasmDemo.greetTab(%d, 0, "gopher")`, id), `{"greeting":"hello, gopher","from":"content"}`)
	extwasmtest.EvalJSON(t, w, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {greeting: "hello"})`, id), `{"farewell":"goodbye from the content script"}`)
	extwasmtest.EvalJSON(t, w, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {greeting: "hello"}, {frameId: 0})`, id), `{"farewell":"goodbye from the content script"}`)
}

func TestExampleGreetingRoundTripThroughWorker(t *testing.T) {
	cs := openExample(t, "plain.html").cs
	extwasmtest.EvalJSON(t, cs, `extwasmDemo.greetTab("gopher")`, `{"reply":{"greeting":"hello, gopher","from":"content"}}`)
}

func TestExampleKnockKnock(t *testing.T) {
	cs := openExample(t, "plain.html").cs
	extwasmtest.EvalJSON(t, cs, `extwasmDemo.knock()`, `["Who's there?","Madame who?","I don't get it."]`)
}

// knockAtOnce connects and posts all three lines at once, before any reply, then collects the
// replies.
const knockAtOnce = `new Promise((resolve, reject) => {
	const port = chrome.runtime.connect({name: "knockknock"});
	const got = [];
	port.onMessage.addListener((m) => { got.push(m.question); if (got.length === 3) { port.disconnect(); resolve(got); } });
	port.onDisconnect.addListener(() => reject(new Error("disconnected after " + JSON.stringify(got) + ": " + (chrome.runtime.lastError || {}).message)));
	port.postMessage({joke: "Knock knock"});
	port.postMessage({answer: "Madame"});
	port.postMessage({answer: "Madame... Bovary"});
})`

func TestExampleColdStart(t *testing.T) {
	ex := openExample(t, "plain.html")
	ext, cs := ex.ext, ex.cs
	stop := func(t *testing.T) {
		t.Helper()
		require.NoError(t, ext.StopWorker(harnessCtx(t)))
	}
	t.Run("route message", func(t *testing.T) {
		stop(t)
		extwasmtest.EvalJSON(t, cs, `extwasmDemo.greet("cold")`, `{"greeting":"hello, cold","from":"worker"}`)
	})
	t.Run("raw message", func(t *testing.T) {
		stop(t)
		extwasmtest.EvalJSON(t, cs, `chrome.runtime.sendMessage({greeting: "hello"})`, `{"farewell":"goodbye"}`)
	})
	t.Run("several messages at once", func(t *testing.T) {
		stop(t)
		extwasmtest.EvalJSON(t, cs, `Promise.all([1, 2, 3, 4, 5].map((i) => extwasmDemo.greet("n" + i)))`,
			`[{"greeting":"hello, n1","from":"worker"},{"greeting":"hello, n2","from":"worker"},{"greeting":"hello, n3","from":"worker"},{"greeting":"hello, n4","from":"worker"},{"greeting":"hello, n5","from":"worker"}]`)
	})
	t.Run("port posts during start", func(t *testing.T) {
		stop(t)
		extwasmtest.EvalJSON(t, cs, knockAtOnce, `["Who's there?","Madame who?","I don't get it."]`)
	})
	t.Run("port posts while warm", func(t *testing.T) {
		extwasmtest.EvalJSON(t, cs, knockAtOnce, `["Who's there?","Madame who?","I don't get it."]`)
	})
}

func TestExamplePanicIsAnErrorReply(t *testing.T) {
	ex := openExample(t, "plain.html")
	ext, cs := ex.ext, ex.cs
	var e struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	require.NoError(t, extwasmtest.EvalInto(harnessCtx(t), cs, `extwasmDemo.panic()`, &e))
	assert.Equal(t, "internal", e.Code)
	assert.NotEmpty(t, e.Message)
	// The worker survived the panic and keeps serving.
	extwasmtest.EvalJSON(t, cs, `extwasmDemo.greet("after panic")`, `{"greeting":"hello, after panic","from":"worker"}`)
	extwasmtest.EvalJSON(t, cs, `extwasmDemo.panic().then((e) => e.code)`, `"internal"`)
	extwasmtest.EvalJSON(t, cs, `chrome.runtime.sendMessage({greeting: "hello"})`, `{"farewell":"goodbye"}`)
	msgs, err := ext.Worker().Console(harnessCtx(t))
	require.NoError(t, err)
	for _, m := range msgs {
		assert.False(t, m.Uncaught, "a recovered panic is no uncaught error: %s", m.Text)
	}
}

// TestExampleWorkerRestartMidConversation: the worker stopped, and later stopped by Chrome's idle
// timeout, which Go in the worker does not hold off, serves again on the next message.
func TestExampleWorkerRestartMidConversation(t *testing.T) {
	ex := openExample(t, "plain.html")
	ctx := harnessCtx(t)
	extwasmtest.EvalJSON(t, ex.cs, `extwasmDemo.greet("before")`, `{"greeting":"hello, before","from":"worker"}`)
	require.NoError(t, ex.ext.StopWorker(ctx))
	extwasmtest.EvalJSON(t, ex.cs, `extwasmDemo.greet("after")`, `{"greeting":"hello, after","from":"worker"}`)
	require.NoError(t, ex.b.Wait(ctx, 31*time.Second))
	// Chromium checks for idle workers on its own timer: wait for the stop, a second at a time
	// (hostsim's virtual clock has stopped it already).
	running, err := ex.ext.WorkerRunning(ctx)
	for i := 0; err == nil && running && i < 30; i++ {
		require.NoError(t, ex.b.Wait(ctx, time.Second))
		running, err = ex.ext.WorkerRunning(ctx)
	}
	require.NoError(t, err)
	assert.False(t, running, "Go in the worker does not keep it alive")
	extwasmtest.EvalJSON(t, ex.cs, `extwasmDemo.knock()`, `["Who's there?","Madame who?","I don't get it."]`)
	w := ex.ext.Worker()
	waitDemo(t, w)
	extwasmtest.EvalJSON(t, w, fmt.Sprintf(`extwasmDemo.greetTab(%d, 0, "worker")`, tabID(t, ex.ext, ex.url)), `{"greeting":"hello, worker","from":"content"}`)
}

// TestExampleRefusesKeysDifferingOnlyInCase is the parser differential seen from a content script:
// JavaScript reading the message sees route "demo.greet" and name "x"; the worker must not act on
// "ROUTE" or "NAME" instead, so both messages are invalid.
func TestExampleRefusesKeysDifferingOnlyInCase(t *testing.T) {
	ex := openExample(t, "plain.html")
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
		require.NoError(t, extwasmtest.EvalInto(harnessCtx(t), ex.cs, `chrome.runtime.sendMessage(`+msg+`)`, &reply), msg)
		assert.False(t, reply.OK, msg)
		assert.Equal(t, "invalid", reply.Error.Code, msg)
		assert.Contains(t, reply.Error.Message, "differs only in case", msg)
	}
	// The worker still answers a well-formed request.
	extwasmtest.EvalJSON(t, ex.cs, `extwasmDemo.greet("after")`, `{"greeting":"hello, after","from":"worker"}`)
}

// TestFrameModeAnswersLikeThePage: messages and ports the worker opens to the tab reach the Go
// content script through its content script in frame mode (the page's CSP blocks wasm), with the
// same answers as in the page.
func TestFrameModeAnswersLikeThePage(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, harnessExampleDir(t))
	ctx := harnessCtx(t)
	login := readPage(t, "login.html")
	answers := func(name, csp string) string {
		t.Helper()
		url := b.Serve("/answers-"+name+".html", extwasmtest.Page{HTML: login, CSP: csp})
		tab := extwasmtest.OpenTab(t, b, url)
		require.NoError(t, extwasmtest.WaitFor(ctx, tab.ContentScript(ext), `typeof extwasm === "object" && extwasm.status() === "ready"`, 20*time.Second))
		w := ext.Worker()
		waitDemo(t, w)
		got, err := w.Eval(ctx, `(async () => {
			const tab = `+fmt.Sprint(tabID(t, ext, url))+`;
			const raw = await chrome.tabs.sendMessage(tab, {greeting: "hello"}, {frameId: 0});
			const greet = await chrome.tabs.sendMessage(tab, {extwasm: 1, route: "demo.greet", body: {name: "frame"}}, {frameId: 0});
			const port = await new Promise((resolve) => {
				// Left alone by the content script's Go (no handler): nothing comes back, no disconnect.
				const p = chrome.tabs.connect(tab, {name: "nobody.listens", frameId: 0}), got = [];
				p.onMessage.addListener((m) => got.push(m.error.code));
				p.onDisconnect.addListener(() => got.push("disconnect"));
				setTimeout(() => { resolve(got); p.disconnect(); }, 300);
			});
			return {raw, greet, port};
		})()`)
		require.NoError(t, err)
		return string(got)
	}
	here := answers("page", "")
	assert.JSONEq(t, `{"raw":{"farewell":"goodbye from the content script"},"greet":{"extwasm":1,"ok":true,"body":{"greeting":"hello, frame","from":"content"}},"port":[]}`, here)
	assert.JSONEq(t, here, answers("frame", "script-src 'self'"))
}

func readPage(t *testing.T, name string) string {
	t.Helper()
	html, err := os.ReadFile(filepath.Join("testdata/pages", name))
	require.NoError(t, err)
	return string(html)
}
