package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	sigRuntime = "Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): "
	sigTabs    = "Error in invocation of tabs.sendMessage(integer tabId, any message, optional object options, optional function callback): "
)

// callbackForm wraps a callback-form call so the evaluation yields {args, lastError}.
func callbackForm(call string) string {
	return `new Promise((resolve) => ` + call + `, (...args) => {
		const le = chrome.runtime.lastError; resolve({args: args.length, value: args[0], lastError: le ? le.message : null}); }))`
}

// Conformance 1, 38, 39, 40: promise and callback forms, no receiver and no reply.
func TestSendMessageForms(t *testing.T) {
	cases := []struct {
		name, ctx, expr, want string
	}{
		{"promise returned", "cs", `chrome.runtime.sendMessage({}) instanceof Promise`, `true`},
		{"callback form returns undefined", "cs", `chrome.runtime.sendMessage({}, () => {}) === undefined`, `true`},
		{"no reply, promise resolves undefined", "cs", `chrome.runtime.sendMessage({mode: "none"}).then((v) => v === undefined)`, `true`},
		{"no reply, callback gets port-closed lastError", "cs", callbackForm(`chrome.runtime.sendMessage({mode: "none"}`),
			`{"args":0,"lastError":"The message port closed before a response was received."}`},
		{"reply, callback gets value", "cs", callbackForm(`chrome.runtime.sendMessage({mode: "echo", v: 7}`), `{"args":1,"value":7,"lastError":null}`},
		{"no receiver, promise rejects", "wk", `chrome.runtime.sendMessage({}).then(() => "resolved", (e) => e.constructor.name + ": " + e.message)`,
			`"Error: Could not establish connection. Receiving end does not exist."`},
		{"no receiver, callback lastError", "wk", callbackForm(`chrome.runtime.sendMessage({}`),
			`{"args":0,"lastError":"Could not establish connection. Receiving end does not exist."}`},
		{"tabs no receiver: unknown tab", "wk", `chrome.tabs.sendMessage(999999, {}).catch((e) => e.message)`,
			`"Could not establish connection. Receiving end does not exist."`},
		{"tabs no receiver: no listener in tab", "wk", `chrome.tabs.sendMessage(1, {}).catch((e) => e.message)`,
			`"Could not establish connection. Receiving end does not exist."`},
		{"includeTlsChannelId is ignored", "cs", `chrome.runtime.sendMessage(undefined, {mode: "echo", v: 1}, {includeTlsChannelId: true})`, `1`},
		{"empty id means own extension", "cs", `chrome.runtime.sendMessage("", {mode: "echo", v: 2})`, `2`},
		{"null id means own extension", "cs", `chrome.runtime.sendMessage(null, {mode: "echo", v: 3})`, `3`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			c := map[string]*Context{"cs": e.cs, "wk": e.wk}[tc.ctx]
			e.assertJSON(c, tc.expr, tc.want)
		})
	}
}

// Conformance 3, 5, 8, 96, 98: argument parsing and serialization errors are thrown synchronously.
func TestSendMessageInvocationErrors(t *testing.T) {
	cases := []struct {
		name, ctx, expr, errName, msg string
	}{
		{"string message read as extension id", "cs", `chrome.runtime.sendMessage("ping", {a: 1})`, "TypeError", sigRuntime + "Invalid extension id: 'ping'"},
		{"invalid id", "cs", `chrome.runtime.sendMessage("abc", {})`, "TypeError", sigRuntime + "Invalid extension id: 'abc'"},
		{"too many arguments", "cs", `chrome.runtime.sendMessage(undefined, {}, {}, {})`, "TypeError", sigRuntime + "No matching signature."},
		{"BigInt", "cs", `chrome.runtime.sendMessage({n: 1n})`, "TypeError", sigRuntime + "Could not serialize message."},
		{"cycle", "cs", `(() => { const a = {}; a.a = a; return chrome.runtime.sendMessage(a); })()`, "TypeError", sigRuntime + "Could not serialize message."},
		{"lone function is the message", "cs", `chrome.runtime.sendMessage(() => 1)`, "TypeError", sigRuntime + "Could not serialize message."},
		{"top-level function", "cs", `chrome.runtime.sendMessage(() => 1, {})`, "TypeError", sigRuntime + "Could not serialize message."},
		{"top-level symbol", "cs", `chrome.runtime.sendMessage(Symbol("s"))`, "TypeError", sigRuntime + "Could not serialize message."},
		{"tabs negative tab id", "wk", `chrome.tabs.sendMessage(-1, {})`, "TypeError", sigTabs + "Error at parameter 'tabId': Value must be at least 0."},
		{"tabs string tab id", "wk", `chrome.tabs.sendMessage("1", {})`, "TypeError", sigTabs + "No matching signature."},
		{"tabs unserializable", "wk", `chrome.tabs.sendMessage(1, {n: 1n})`, "TypeError", sigTabs + "Could not serialize message."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			c := map[string]*Context{"cs": e.cs, "wk": e.wk}[tc.ctx]
			// Thrown synchronously: the call itself throws, no promise is returned.
			je := e.evalErr(c, `(() => { `+tc.expr+`; return "no throw"; })()`)
			assert.Equal(t, tc.errName, je.Name)
			assert.Equal(t, tc.msg, je.Message)
		})
	}
}

// Conformance 11–13: runtime.sendMessage reaches every extension context but the sender, never
// content scripts.
func TestSendMessageFanOutExcludesSender(t *testing.T) {
	e := newEnv(t, Options{})
	ptab, err := e.b.OpenTab(e.ext.URL("page.html"))
	require.NoError(t, err)
	page := ptab.Top().Page()
	e.assertJSON(page, `self.pageLoaded`, `true`)
	// The content script listens too, but runtime.sendMessage never reaches content scripts.
	e.eval(e.cs, `chrome.runtime.onMessage.addListener((m, s, r) => { r("from content script"); }), 0`)
	e.eval(page, `chrome.runtime.onMessage.addListener((m, s, r) => { if (m.to === "page") r("from page"); }), 0`)
	e.assertJSON(e.wk, `chrome.runtime.sendMessage({to: "page"})`, `"from page"`)
	// The page's own message goes to the worker only, not back to the page.
	e.assertJSON(page, `chrome.runtime.sendMessage({to: "page", mode: "echo", v: "from worker"})`, `"from worker"`)
	// With the page closed, a worker's message has nobody left.
	require.NoError(t, ptab.Close())
	e.assertJSON(e.wk, `chrome.runtime.sendMessage({}).catch((e) => e.message)`, `"Could not establish connection. Receiving end does not exist."`)
}

// Conformance 14, 15: tabs.sendMessage reaches every frame, or the one frameId/documentId names.
func TestTabsSendMessageFramesAndDocuments(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	ext, err := b.Install("testdata/probe")
	require.NoError(t, err)
	b.ServePage(pageURL, Page{HTML: `<iframe src="/a.html"></iframe><iframe src="/b.html"></iframe>`})
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	frames := tab.Frames()
	require.Len(t, frames, 3)
	assert.Equal(t, 0, frames[0].ID())
	for _, f := range frames {
		cs := f.ContentScript(ext)
		require.NotNil(t, cs, "frame %d", f.ID())
		_, err := cs.Eval(t.Context(), fmt.Sprintf(`chrome.runtime.onMessage.addListener((m, s, r) => { self.got = (self.got || 0) + 1; if (m.reply) r(%d); }), 0`, f.ID()))
		require.NoError(t, err)
	}
	wk := ext.Worker()
	ctx := t.Context()
	// No frameId: every frame gets it; frame 0 replies first (registration and frame order).
	raw, err := wk.Eval(ctx, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {reply: true})`, tab.ID()))
	require.NoError(t, err)
	assert.JSONEq(t, `0`, string(raw))
	for _, f := range frames {
		raw, err := f.ContentScript(ext).Eval(ctx, `self.got`)
		require.NoError(t, err)
		assert.JSONEq(t, `1`, string(raw), "frame %d", f.ID())
	}
	child := frames[2]
	raw, err = wk.Eval(ctx, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {reply: true}, {frameId: %d})`, tab.ID(), child.ID()))
	require.NoError(t, err)
	assert.JSONEq(t, fmt.Sprint(child.ID()), string(raw))
	raw, err = wk.Eval(ctx, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {reply: true}, {documentId: %q})`, tab.ID(), child.DocumentID()))
	require.NoError(t, err)
	assert.JSONEq(t, fmt.Sprint(child.ID()), string(raw))
	for name, opts := range map[string]string{
		"frame and document disagree": fmt.Sprintf(`{frameId: 0, documentId: %q}`, child.DocumentID()),
		"unknown documentId":          `{documentId: "not-a-document"}`,
		"unknown frameId":             `{frameId: 4242}`,
	} {
		raw, err = wk.Eval(ctx, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {reply: true}, %s).catch((e) => e.message)`, tab.ID(), opts))
		require.NoError(t, err)
		assert.JSONEq(t, `"Could not establish connection. Receiving end does not exist."`, string(raw), name)
	}
}

// Conformance 20, 21, 22, 26 and chromium.md §5d: the first response wins, sendResponse() sends
// null, only a literal true keeps the channel open, unserializable responses throw.
func TestListenerReplyRules(t *testing.T) {
	cases := []struct {
		name, listeners, send, want string
	}{
		{"first response in time wins", `
			chrome.runtime.onMessage.addListener((m, s, r) => { setTimeout(() => r("slow"), 10); return true; });
			chrome.runtime.onMessage.addListener((m, s, r) => { setTimeout(() => r("fast"), 1); return true; });`,
			`chrome.runtime.sendMessage({})`, `"fast"`},
		{"same tick: first registered wins, later calls return undefined", `
			chrome.runtime.onMessage.addListener((m, s, r) => { r("one"); self.second = r("again"); });
			chrome.runtime.onMessage.addListener((m, s, r) => { r("two"); });`,
			`chrome.runtime.sendMessage({}).then((v) => [v, self.second === undefined])`, `["one", true]`},
		{"sendResponse() sends null", `chrome.runtime.onMessage.addListener((m, s, r) => { r(); });`,
			`chrome.runtime.sendMessage({})`, `null`},
		{"truthy but not true closes the channel", `chrome.runtime.onMessage.addListener((m, s, r) => { setTimeout(() => r("late"), 0); return 1; });`,
			`chrome.runtime.sendMessage({}).then((v) => v === undefined ? "undefined" : v)`, `"undefined"`},
		{"late sendResponse after sync return is ignored", `chrome.runtime.onMessage.addListener((m, s, r) => { setTimeout(() => { self.late = r("late"); }, 0); });`,
			`chrome.runtime.sendMessage({}).then((v) => v === undefined ? "undefined" : v)`, `"undefined"`},
		{"unserializable sendResponse throws TypeError in the listener", `
			chrome.runtime.onMessage.addListener((m, s, r) => { try { r(() => 1); } catch (e) { r(e.constructor.name + ": " + e.message); } });`,
			`chrome.runtime.sendMessage({})`, `"TypeError: Could not serialize message."`},
		{"listener arguments", `chrome.runtime.onMessage.addListener(function (m, s, r) { r([arguments.length, typeof m, typeof s, typeof r]); });`,
			`chrome.runtime.sendMessage({})`, `[3, "object", "object", "function"]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{Profile: &Profile{PromiseListeners: false}})
			ptab, err := e.b.OpenTab(e.ext.URL("page.html"))
			require.NoError(t, err)
			page := ptab.Top().Page()
			e.run(page, tc.listeners)
			e.assertJSON(e.wk, tc.send, tc.want)
		})
	}
}

// Conformance 27–37: Promise-returning listeners and listener errors, by profile.
func TestPromiseListenersVersionSwitch(t *testing.T) {
	cases := []struct {
		mode    string
		on, off string
	}{
		{"promise", `{"ok":5}`, `{"ok":"undefined"}`},
		{"reject", `{"err":"nope"}`, `{"ok":"undefined"}`},
		{"rejectString", `{"err":"A runtime.onMessage listener's promise rejected without an Error"}`, `{"ok":"undefined"}`},
		{"throw", `{"err":"boom"}`, `{"ok":"undefined"}`},
		{"throwString", `{"err":"Error message from listener couldn't be parsed or was empty."}`, `{"ok":"undefined"}`},
		{"thenable", `{"ok":"undefined"}`, `{"ok":"undefined"}`},
		{"unserializable", `{"err":"Could not serialize message."}`, `{"ok":"undefined"}`},
	}
	expr := func(mode string) string {
		return `chrome.runtime.sendMessage({mode: "` + mode + `", v: 5}).then((v) => ({ok: v === undefined ? "undefined" : v}), (e) => ({err: e.message}))`
	}
	for _, tc := range cases {
		t.Run(tc.mode+"/on", func(t *testing.T) {
			e := newEnv(t, Options{})
			e.assertJSON(e.cs, expr(tc.mode), tc.on)
		})
		t.Run(tc.mode+"/off", func(t *testing.T) {
			e := newEnv(t, Options{Profile: &Profile{PromiseListeners: false}})
			e.assertJSON(e.cs, expr(tc.mode), tc.off)
		})
	}
}

// Conformance 29: a devtools_page turns Promise listeners off for the whole extension.
func TestDevtoolsPageDisablesPromiseListeners(t *testing.T) {
	dir := copyFixture(t, "testdata/probe", map[string]string{`"version": "1.0",`: `"version": "1.0", "devtools_page": "page.html",`})
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	ext, err := b.Install(dir)
	require.NoError(t, err)
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	raw, err := tab.Top().ContentScript(ext).Eval(t.Context(), `chrome.runtime.sendMessage({mode: "promise", v: 5}).then((v) => v === undefined)`)
	require.NoError(t, err)
	assert.JSONEq(t, `true`, string(raw))
}

// Conformance 41: an unread lastError is reported on the console.
func TestUncheckedLastError(t *testing.T) {
	e := newEnv(t, Options{})
	e.eval(e.wk, `new Promise((r) => chrome.tabs.sendMessage(999, {}, () => r(0)))`)
	assert.Contains(t, e.wk.ConsoleText(), "error: Unchecked runtime.lastError: Could not establish connection. Receiving end does not exist.")
	e.eval(e.wk, `new Promise((r) => chrome.tabs.sendMessage(998, {}, () => r(chrome.runtime.lastError)))`)
	assert.Equal(t, 1, strings.Count(e.wk.ConsoleText(), "Unchecked runtime.lastError"))
}

// Conformance 24, 105, 106 and chromium.md §5c: a reply promised with `return true` fails when the
// worker stops; the pending request keeps the worker alive only up to the 5-minute cap.
func TestAsyncReplyLostWhenWorkerStops(t *testing.T) {
	e := newEnv(t, Options{})
	e.eval(e.cs, `self.p = chrome.runtime.sendMessage({mode: "never"}).then(() => "resolved", (e) => e.message), 0`)
	require.True(t, e.ext.WorkerRunning())
	require.NoError(t, e.ext.StopWorker())
	e.assertJSON(e.cs, `self.p`, `"A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received"`)

	// Left alone, the pending request holds the worker past 30 s idle, until 5 minutes.
	start := e.b.Now()
	e.eval(e.cs, `self.p = chrome.runtime.sendMessage({mode: "never"}).then(() => "resolved", (e) => e.message), 0`)
	require.NoError(t, e.b.Advance(time.Minute))
	assert.True(t, e.ext.WorkerRunning(), "a pending one-time request keeps the worker alive")
	e.assertJSON(e.cs, `self.p`, `"A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received"`)
	assert.False(t, e.ext.WorkerRunning())
	assert.InDelta(t, (5 * time.Minute).Seconds(), (e.b.Now() - start).Seconds(), 1)
}

// Conformance 44, 59: after a reload the old content script is orphaned.
func TestReloadInvalidatesContentScripts(t *testing.T) {
	e := newEnv(t, Options{})
	e.eval(e.cs, `self.port = chrome.runtime.connect({name: "x"}), 0`)
	require.NoError(t, e.ext.Reload())
	e.assertJSON(e.cs, `chrome.runtime.id === undefined`, `true`)
	for _, expr := range []string{`chrome.runtime.sendMessage({})`, `chrome.runtime.connect()`, `self.port.postMessage(1)`, `chrome.runtime.onMessage.addListener(() => {})`} {
		je := e.evalErr(e.cs, expr)
		assert.Equal(t, "Extension context invalidated.", je.Message, expr)
	}
	assert.Nil(t, e.tab.Top().ContentScript(e.ext), "no new content script until the page reloads")
	require.NoError(t, e.tab.Navigate(pageURL))
	require.NotNil(t, e.tab.Top().ContentScript(e.ext))
	e.assertJSON(e.tab.Top().ContentScript(e.ext), `chrome.runtime.sendMessage({mode: "echo", v: "fresh"})`, `"fresh"`)
}
