package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Conformance 102–104: 30 s idle stops the worker; activity and port messages reset the timer; an
// open idle port does not keep it alive and is disconnected without lastError (chromium.md §5f).
func TestWorkerIdleTimeout(t *testing.T) {
	e := newEnv(t, Options{})
	e.assertJSON(e.cs, `chrome.runtime.sendMessage({mode: "echo", v: 1})`, `1`)
	require.NoError(t, e.b.Advance(29*time.Second))
	assert.True(t, e.ext.WorkerRunning())
	e.assertJSON(e.cs, `chrome.runtime.sendMessage({mode: "echo", v: 2})`, `2`)
	require.NoError(t, e.b.Advance(29*time.Second))
	assert.True(t, e.ext.WorkerRunning(), "a message resets the idle timer")
	e.run(e.cs, `self.events = []; self.p = chrome.runtime.connect({name: "idle"});
		self.p.onDisconnect.addListener(() => self.events.push(chrome.runtime.lastError === undefined ? "no lastError" : chrome.runtime.lastError.message));`)
	require.NoError(t, e.b.Advance(20*time.Second))
	e.run(e.cs, `self.p.postMessage("ping")`)
	require.NoError(t, e.b.Advance(29*time.Second))
	assert.True(t, e.ext.WorkerRunning(), "a port message resets the idle timer")
	require.NoError(t, e.b.Advance(2*time.Second))
	assert.False(t, e.ext.WorkerRunning(), "an idle port does not keep the worker alive")
	e.assertJSON(e.cs, `self.events`, `["no lastError"]`)
	stops := e.b.Transcript().Filter("worker-stop")
	require.Len(t, stops, 1)
	assert.Equal(t, "idle", stops[0].Outcome)
}

// Conformance 17, 107, 110: a message wakes a stopped worker, whose globals start afresh.
func TestWorkerRestartHasFreshState(t *testing.T) {
	e := newEnv(t, Options{})
	e.run(e.wk, `self.counter = 41;`)
	require.NoError(t, e.ext.StopWorker())
	assert.False(t, e.ext.WorkerRunning())
	e.assertJSON(e.cs, `chrome.runtime.sendMessage({mode: "echo", v: "woken"})`, `"woken"`)
	assert.True(t, e.ext.WorkerRunning())
	e.assertJSON(e.wk, `typeof self.counter`, `"undefined"`)
	assert.Len(t, e.b.Transcript().Filter("worker-start"), 2)
}

// Conformance 108, 109: a listener added after the first evaluation misses the waking event.
func TestLateListenerMissesWakingEvent(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	ext, err := b.Install("testdata/silent")
	require.NoError(t, err)
	// Installing runs the worker once (onInstalled, conformance-apis R1); the message below must
	// find it stopped.
	require.NoError(t, ext.StopWorker())
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(ext)
	raw, err := cs.Eval(t.Context(), `chrome.runtime.sendMessage("x").catch((e) => e.message)`)
	require.NoError(t, err)
	assert.JSONEq(t, `"Could not establish connection. Receiving end does not exist."`, string(raw))
	// Now that the worker runs, its late listener is there for the next message.
	raw, err = cs.Eval(t.Context(), `chrome.runtime.sendMessage("x")`)
	require.NoError(t, err)
	assert.JSONEq(t, `"late"`, string(raw))
}

// Navigation and tab close (conformance 50, 58, chromium.md §5c): the old document's contexts go,
// pending replies fail, content scripts are injected into the new document with a new documentId.
func TestNavigationReplacesDocument(t *testing.T) {
	e := newEnv(t, Options{})
	oldDoc := e.tab.Top().DocumentID()
	assert.Regexp(t, `^[0-9A-F]{32}$`, oldDoc)
	e.run(e.cs, `chrome.runtime.onMessage.addListener(() => true);`)
	e.run(e.wk, fmt.Sprintf(`self.pending = chrome.tabs.sendMessage(%d, {}).then(() => "resolved", (e) => e.message);`, e.tab.ID()))
	require.NoError(t, e.tab.Navigate("http://127.0.0.1:8000/next.html"))
	e.assertJSON(e.wk, `self.pending`, `"A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received"`)
	assert.False(t, e.cs.Alive())
	cs := e.tab.Top().ContentScript(e.ext)
	require.NotNil(t, cs)
	e.assertJSON(cs, `self.csLoaded`, `1`)
	assert.NotEqual(t, oldDoc, e.tab.Top().DocumentID())
	e.assertJSON(cs, `chrome.runtime.sendMessage({mode: "sender"}).then((s) => s.documentId)`, jsonOf(e.tab.Top().DocumentID()))

	// Closing the tab fails a pending promised reply the same way.
	e.run(cs, `chrome.runtime.onMessage.addListener(() => true);`)
	e.run(e.wk, fmt.Sprintf(`self.pending = chrome.tabs.sendMessage(%d, {}).then(() => "resolved", (e) => e.message);`, e.tab.ID()))
	require.NoError(t, e.tab.Close())
	e.assertJSON(e.wk, `self.pending`, `"A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received"`)
	e.assertJSON(e.wk, fmt.Sprintf(`chrome.tabs.get(%d).catch((e) => e.message)`, e.tab.ID()), fmt.Sprintf(`"No tab with id: %d."`, e.tab.ID()))
}

// Conformance 64–68 and chromium.md §4: MessageSender per source context.
func TestMessageSenderShapes(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.ext.ID()
	doc := e.tab.Top().DocumentID()
	var s map[string]any
	require.NoError(t, e.cs.EvalInto(e.ctx, `chrome.runtime.sendMessage({mode: "sender"})`, &s))
	assert.Equal(t, id, s["id"])
	assert.Equal(t, pageURL, s["url"])
	assert.Equal(t, "http://127.0.0.1:8000", s["origin"])
	assert.Equal(t, 0.0, s["frameId"])
	assert.Equal(t, doc, s["documentId"])
	assert.Equal(t, "active", s["documentLifecycle"])
	tab, _ := s["tab"].(map[string]any)
	require.NotNil(t, tab)
	assert.Equal(t, float64(e.tab.ID()), tab["id"])
	assert.Equal(t, pageURL, tab["url"], "the tab is not scrubbed")

	// Worker → content script through tabs.sendMessage: id, the worker script URL and the
	// extension origin, no tab (measured in Chromium 156, scenario userscripts-messaging).
	e.run(e.cs, `chrome.runtime.onMessage.addListener((m, s, r) => { r(s); });`)
	e.assertJSON(e.wk, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {})`, e.tab.ID()), fmt.Sprintf(`{"id":%q,"url":"chrome-extension://%s/sw.js","origin":"chrome-extension://%s"}`, id, id, id))

	// Worker → extension page: the worker script URL and no origin.
	ptab, err := e.b.OpenTab(e.ext.URL("page.html"))
	require.NoError(t, err)
	page := ptab.Top().Page()
	e.run(page, `chrome.runtime.onMessage.addListener((m, s, r) => { r(s); });`)
	e.assertJSON(e.wk, `chrome.runtime.sendMessage({})`, fmt.Sprintf(`{"id":%q,"url":"chrome-extension://%s/sw.js"}`, id, id))
	// Extension page in a tab → worker: tab fields present, origin is the extension's.
	require.NoError(t, page.EvalInto(e.ctx, `chrome.runtime.sendMessage({mode: "sender"})`, &s))
	assert.Equal(t, "chrome-extension://"+id, s["origin"])
	assert.Equal(t, e.ext.URL("page.html"), s["url"])
	assert.Equal(t, ptab.Top().DocumentID(), s["documentId"])
}

// Conformance 94–97 and chromium.md §5g: what JSON makes of messages, both ways and on ports.
func TestJSONMangling(t *testing.T) {
	e := newEnv(t, Options{})
	cases := []struct{ in, want string }{
		{`undefined`, `null`},
		{`[1, undefined, 2]`, `[1, null, 2]`},
		{`{a: 1, b: undefined}`, `{"a":1}`},
		{`[1, () => {}, 2]`, `[1, null, 2]`},
		{`{a: 1, b: () => {}}`, `{"a":1}`},
		{`[NaN, Infinity, -Infinity, -0]`, `[null, null, null, 0]`},
		{`{a: 1, toJSON: () => ({b: 2})}`, `{"b":2}`},
		{`{a: Symbol("s")}`, `{}`},
		{`new Date(0)`, `"1970-01-01T00:00:00.000Z"`},
		{`[new Map([[1, 2]]), new Set([1]), /x/, new Error("e"), new ArrayBuffer(2)]`, `[{}, {}, {}, {}, {}]`},
		{`new Uint8Array([1, 2])`, `{"0":1,"1":2}`},
	}
	for _, tc := range cases {
		e.assertJSON(e.cs, `chrome.runtime.sendMessage({mode: "echo", v: `+tc.in+`})`, tc.want)
		e.assertJSON(e.cs, `new Promise((r) => { const p = chrome.runtime.connect(); p.onMessage.addListener((m) => r(m.echo)); p.postMessage(`+tc.in+`); })`, tc.want)
	}
}

// Conformance 98 and chromium.md §5h: 64 MiB of UTF-8 JSON passes, one byte more is refused.
func TestSizeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("moves 64 MiB strings through the JS engine")
	}
	e := newEnv(t, Options{})
	tooBig := `Message exceeded maximum allowed size of 64MiB.`
	e.assertJSON(e.cs, `chrome.runtime.sendMessage("x".repeat(67108862)).then(() => "sent")`, `"sent"`)
	je := e.evalErr(e.cs, `(() => { chrome.runtime.sendMessage("x".repeat(67108863)); })()`)
	assert.Equal(t, sigRuntime+tooBig, je.Message)
	je = e.evalErr(e.cs, `(() => { chrome.runtime.sendMessage("é".repeat(33554432)); })()`)
	assert.Equal(t, sigRuntime+tooBig, je.Message)
	e.assertJSON(e.cs, `chrome.runtime.sendMessage({mode: "big", n: 67108863}).catch((e) => e.message)`, jsonOf(tooBig))
	je = e.evalErr(e.cs, `chrome.runtime.connect().postMessage("x".repeat(67108863))`)
	assert.Equal(t, "Error", je.Name)
	assert.Equal(t, tooBig, je.Message)
	assert.True(t, strings.Contains(e.b.Transcript().String(), "… (67108864 bytes)"))
}
