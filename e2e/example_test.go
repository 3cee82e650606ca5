//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// These tests check the example extension (Go in the worker and in the content script) against the
// contract in extension/README.md, using only what plain JavaScript can observe.

const noReceiver = "Could not establish connection. Receiving end does not exist."

// exampleTab opens a page and waits until the example's Go content script has started.
func exampleTab(t *testing.T, page string) (*chromium.Tab, chromium.Realm) {
	t.Helper()
	requireExample(t)
	ctx := testCtx(t)
	tab, err := browser.OpenTab(ctx, pages.Page(page))
	require.NoError(t, err)
	t.Cleanup(tab.Close)
	cs := tab.Isolated(exampleID)
	requireDemo(t, cs, "content script on "+page)
	return tab, cs
}

// exampleWorker attaches to the example's worker (starting it if needed).
func exampleWorker(t *testing.T) *chromium.Worker {
	t.Helper()
	requireExample(t)
	ctx := testCtx(t)
	w, err := browser.Worker(ctx, exampleID)
	require.NoError(t, err)
	t.Cleanup(w.Close)
	requireDemo(t, w, "worker")
	return w
}

// startTimeout bounds how long a Go module may take to start; measured starts take well under a
// second, so this only matters when the example is broken.
const startTimeout = 20 * time.Second

// requireDemo waits for the realm's extwasmDemo global. When it never appears, the glue's own status
// says why, and later tests fail at once instead of waiting again.
func requireDemo(t *testing.T, r chromium.Realm, what string) {
	t.Helper()
	if exampleBroken != nil {
		require.NoError(t, exampleBroken)
	}
	ctx, cancel := context.WithTimeout(testCtx(t), startTimeout)
	defer cancel()
	err := chromium.WaitFor(ctx, r, `typeof extwasmDemo === "object" && extwasmDemo !== null`)
	if err != nil {
		status, serr := r.Eval(testCtx(t), `typeof extwasm === "object" ? extwasm.status() : "extwasm.js is not loaded"`)
		exampleBroken = fmt.Errorf("example %s never defined extwasmDemo (glue status: %s %v): %w", what, status, serr, err)
		require.NoError(t, exampleBroken)
	}
}

// evalJSON evaluates expr and compares its JSON value with want.
func evalJSON(t *testing.T, r chromium.Realm, expr, want string) {
	t.Helper()
	got, err := r.Eval(testCtx(t), expr)
	require.NoError(t, err, expr)
	assert.JSONEq(t, want, string(got), expr)
}

func TestExampleFillsLoginForm(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		frame      bool // the form is in the page's child frame
	}{
		{"top frame", "login.html?fill", false},
		{"same-origin child frame", "frame.html?fill", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := testCtx(t)
			tab, _ := exampleTab(t, tc.page)
			page := tab.Page()
			if tc.frame {
				frames, err := tab.Frames(ctx)
				require.NoError(t, err)
				require.Len(t, frames, 2)
				page = tab.PageFrame(frames[1].ID)
			}
			require.NoError(t, chromium.WaitFor(ctx, page, `document.getElementById("login").hasAttribute("data-extwasm-filled")`))
			var form struct {
				Filled   string   `json:"filled"`
				Username string   `json:"username"`
				Password string   `json:"password"`
				Events   []string `json:"events"`
				Search   bool     `json:"searchFilled"`
			}
			require.NoError(t, chromium.EvalInto(ctx, page, `(() => { const f = document.getElementById("login"); return {
				filled: f.getAttribute("data-extwasm-filled"),
				username: f.elements.username.value, password: f.elements.password.value,
				events: window.inputEvents.slice().sort(),
				searchFilled: document.getElementById("search").hasAttribute("data-extwasm-filled")}; })()`, &form))
			assert.Equal(t, "2", form.Filled)
			assert.Equal(t, "gopher", form.Username)
			assert.Equal(t, "correct horse battery staple", form.Password)
			assert.Equal(t, []string{"password", "username"}, form.Events, "each filled input gets an input event")
			assert.False(t, form.Search, "a form without a password field is left alone")
		})
	}
}

func TestExampleGreetingContentScriptToWorker(t *testing.T) {
	_, cs := exampleTab(t, "plain.html?greet")
	evalJSON(t, cs, `extwasmDemo.greet("gopher")`, `{"greeting":"hello, gopher","from":"worker"}`)
	evalJSON(t, cs, `chrome.runtime.sendMessage({greeting: "hello"})`, `{"farewell":"goodbye"}`)
}

func TestExampleGreetingWorkerToTab(t *testing.T) {
	ctx := testCtx(t)
	w := exampleWorker(t)
	tab, tabID, err := w.OpenTab(ctx, pages.Page("plain.html?to-tab"))
	require.NoError(t, err)
	t.Cleanup(tab.Close)
	require.NoError(t, chromium.WaitFor(ctx, tab.Isolated(exampleID), `typeof extwasmDemo === "object"`))

	evalJSON(t, w, fmt.Sprintf(`extwasmDemo.greetTab(%d, 0, "gopher")`, tabID), `{"greeting":"hello, gopher","from":"content"}`)
	evalJSON(t, w, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {greeting: "hello"})`, tabID), `{"farewell":"goodbye from the content script"}`)
	evalJSON(t, w, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {greeting: "hello"}, {frameId: 0})`, tabID), `{"farewell":"goodbye from the content script"}`)
}

func TestExampleGreetingRoundTripThroughWorker(t *testing.T) {
	_, cs := exampleTab(t, "plain.html?round-trip")
	evalJSON(t, cs, `extwasmDemo.greetTab("gopher")`, `{"reply":{"greeting":"hello, gopher","from":"content"}}`)
}

func TestExampleKnockKnock(t *testing.T) {
	_, cs := exampleTab(t, "plain.html?knock")
	evalJSON(t, cs, `extwasmDemo.knock()`, `["Who's there?","Madame who?","I don't get it."]`)
}

// knockNow connects and posts all three lines at once, before any reply, then collects the replies.
const knockNow = `new Promise((resolve, reject) => {
	const port = chrome.runtime.connect({name: "knockknock"});
	const got = [];
	port.onMessage.addListener((m) => { got.push(m.question); if (got.length === 3) { port.disconnect(); resolve(got); } });
	port.onDisconnect.addListener(() => reject(new Error("disconnected after " + JSON.stringify(got) + ": " + (chrome.runtime.lastError || {}).message)));
	port.postMessage({joke: "Knock knock"});
	port.postMessage({answer: "Madame"});
	port.postMessage({answer: "Madame... Bovary"});
})`

func TestExampleColdStart(t *testing.T) {
	ctx := testCtx(t)
	_, cs := exampleTab(t, "plain.html?cold")
	stop := func(t *testing.T) {
		t.Helper()
		w, err := browser.Worker(ctx, exampleID)
		require.NoError(t, err)
		require.NoError(t, w.Stop(ctx))
		_, err = browser.WaitWorker(ctxNoWait(t), exampleID)
		require.Error(t, err, "the worker must be stopped before the message is sent")
	}

	t.Run("route message", func(t *testing.T) {
		stop(t)
		evalJSON(t, cs, `extwasmDemo.greet("cold")`, `{"greeting":"hello, cold","from":"worker"}`)
	})
	t.Run("raw message", func(t *testing.T) {
		stop(t)
		evalJSON(t, cs, `chrome.runtime.sendMessage({greeting: "hello"})`, `{"farewell":"goodbye"}`)
	})
	t.Run("several messages at once", func(t *testing.T) {
		stop(t)
		evalJSON(t, cs, `Promise.all([1, 2, 3, 4, 5].map((i) => extwasmDemo.greet("n" + i)))`,
			`[{"greeting":"hello, n1","from":"worker"},{"greeting":"hello, n2","from":"worker"},{"greeting":"hello, n3","from":"worker"},{"greeting":"hello, n4","from":"worker"},{"greeting":"hello, n5","from":"worker"}]`)
	})
	t.Run("port posts during start", func(t *testing.T) {
		stop(t)
		evalJSON(t, cs, knockNow, `["Who's there?","Madame who?","I don't get it."]`)
	})
	t.Run("port posts while warm", func(t *testing.T) {
		evalJSON(t, cs, knockNow, `["Who's there?","Madame who?","I don't get it."]`)
	})
}

func TestExampleNoReceiver(t *testing.T) {
	ctx := testCtx(t)
	w := exampleWorker(t)
	// about:blank runs no content script, so nothing in the tab listens.
	tab, tabID, err := w.OpenTab(ctx, "about:blank")
	require.NoError(t, err)
	t.Cleanup(tab.Close)

	_, err = w.Eval(ctx, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {greeting: "hello"})`, tabID))
	var je *chromium.JSError
	require.ErrorAs(t, err, &je)
	assert.Equal(t, noReceiver, je.Message, "Chrome's own error, unchanged")

	_, err = w.Eval(ctx, fmt.Sprintf(`extwasmDemo.greetTab(%d, 0, "nobody")`, tabID))
	require.ErrorAs(t, err, &je)
	assert.Contains(t, je.Message, "no receiver", "the bridge classifies the failure")
	assert.Contains(t, je.Message, noReceiver, "and keeps Chrome's own text in the chain")
}

func TestExamplePanicIsAnErrorReply(t *testing.T) {
	_, cs := exampleTab(t, "plain.html?panic")
	var e struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	require.NoError(t, chromium.EvalInto(testCtx(t), cs, `extwasmDemo.panic()`, &e))
	assert.Equal(t, "internal", e.Code)
	assert.NotEmpty(t, e.Message)
	// The worker survived the panic and keeps serving.
	evalJSON(t, cs, `extwasmDemo.greet("after panic")`, `{"greeting":"hello, after panic","from":"worker"}`)
	evalJSON(t, cs, `extwasmDemo.panic().then((e) => e.code)`, `"internal"`)
	evalJSON(t, cs, `chrome.runtime.sendMessage({greeting: "hello"})`, `{"farewell":"goodbye"}`)
}

func TestExampleRejectsBadRequests(t *testing.T) {
	_, cs := exampleTab(t, "plain.html?bad")
	for _, tc := range []struct {
		name, route, body, code string
	}{
		{"empty name", "demo.greet", `{name: ""}`, "invalid"},
		{"name too long", "demo.greet", `{name: "x".repeat(65)}`, "invalid"},
		{"missing name", "demo.greet", `{}`, "invalid"},
		{"wrong type", "demo.greet", `{name: 42}`, "invalid"},
		{"unknown field", "demo.greet", `{name: "a", admin: true}`, "invalid"},
		{"not an object", "demo.greet", `"gopher"`, "invalid"},
		{"over 4 KiB", "demo.greet", `{name: "x".repeat(5000)}`, "too_large"},
		// No context handles it: the worker stays silent (first reply wins) and Chrome resolves
		// undefined, which the bridge reports as nobody answering.
		{"unknown route", "demo.nope", `{}`, "no_receiver"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r struct {
				OK      bool            `json:"ok"`
				Code    string          `json:"code"`
				Message string          `json:"message"`
				Body    json.RawMessage `json:"body"`
			}
			require.NoError(t, chromium.EvalInto(testCtx(t), cs, fmt.Sprintf(`extwasmDemo.send(%q, %s)`, tc.route, tc.body), &r))
			assert.False(t, r.OK, "body %s", r.Body)
			assert.Equal(t, tc.code, r.Code, r.Message)
			assert.NotEmpty(t, r.Message)
		})
	}
	// A valid request through the same path still works.
	evalJSON(t, cs, `extwasmDemo.send("demo.greet", {name: "ok"})`, `{"ok":true,"body":{"greeting":"hello, ok","from":"worker"}}`)

	// A message that is neither a route nor the greeting reaches the worker's raw handler, which
	// answers it with an error: a context that handles a message never leaves it unanswered.
	var reply struct {
		Extwasm int  `json:"extwasm"`
		OK      bool `json:"ok"`
		Error   struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	require.NoError(t, chromium.EvalInto(testCtx(t), cs, `chrome.runtime.sendMessage({hello: "world"})`, &reply))
	assert.Equal(t, 1, reply.Extwasm)
	assert.False(t, reply.OK)
	assert.Equal(t, "not_found", reply.Error.Code)
	assert.NotEmpty(t, reply.Error.Message)
}

func TestExampleVaultChecksTheSendersOrigin(t *testing.T) {
	_, cs := exampleTab(t, "plain.html?vault")
	ask := func(portName string) string {
		return fmt.Sprintf(`new Promise((resolve, reject) => {
			const port = chrome.runtime.connect({name: %q});
			port.onMessage.addListener((m) => { port.disconnect(); resolve(m); });
			port.onDisconnect.addListener(() => reject(new Error("disconnected: " + (chrome.runtime.lastError || {}).message)));
			port.postMessage({field: "password"});
		})`, portName)
	}
	evalJSON(t, cs, ask("login:127.0.0.1"), `{"field":"password","value":"correct horse battery staple"}`)
	// The port name claims another host; the worker trusts Chrome's sender, not the name.
	evalJSON(t, cs, ask("login:bank.example"), `{"field":"password","value":""}`)
}

func TestExampleOnPageWhoseCSPBlocksWasm(t *testing.T) {
	ctx := testCtx(t)
	w := exampleWorker(t)
	tab, tabID, err := w.OpenTab(ctx, pages.Page("csp.html"))
	require.NoError(t, err)
	t.Cleanup(tab.Close)
	cs := tab.Isolated(exampleID)

	// The glue loads, the module cannot compile, and the glue says so instead of hanging.
	require.NoError(t, chromium.WaitFor(ctx, cs, `typeof extwasm === "object" && extwasm.status().startsWith("extwasm: ")`))
	var status string
	require.NoError(t, chromium.EvalInto(ctx, cs, `extwasm.status()`, &status))
	// Chromium gives the CompileError an empty message here (chromium.md §3).
	assert.Contains(t, status, "could not run content.wasm")

	var reply struct {
		OK    bool `json:"ok"`
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	require.NoError(t, chromium.EvalInto(ctx, w, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {greeting: "hello"})`, tabID), &reply))
	assert.False(t, reply.OK)
	assert.Equal(t, "internal", reply.Error.Code)

	var filled bool
	require.NoError(t, chromium.EvalInto(ctx, tab.Page(), `document.getElementById("login").hasAttribute("data-extwasm-filled")`, &filled))
	assert.False(t, filled)
}
