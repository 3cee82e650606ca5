package browser

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// portTab is a page with two child frames, each with the probe's content script, whose onConnect
// listeners record what they see in self.events.
func portTab(t *testing.T) (*env, []*Context) {
	t.Helper()
	b, err := New(Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install("testdata/probe")
	require.NoError(t, err)
	b.ServePage(pageURL, Page{HTML: `<iframe src="/a.html"></iframe><iframe src="/b.html"></iframe>`})
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	e := &env{b: b, ext: ext, tab: tab, page: tab.Top().Page(), wk: ext.Worker(), ctx: t.Context(), t: t}
	var cs []*Context
	for _, f := range tab.Frames() {
		c := f.ContentScript(ext)
		require.NotNil(t, c)
		e.run(c, fmt.Sprintf(`self.events = [];
			chrome.runtime.onConnect.addListener((port) => {
				self.port = port;
				self.events.push("connect " + port.name + " hasSender=" + (port.sender !== undefined));
				port.onMessage.addListener((m) => { self.events.push("msg " + JSON.stringify(m)); port.postMessage({from: %d, got: m}); });
				port.onDisconnect.addListener(() => self.events.push("disconnect lastError=" + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none")));
			});`, f.ID()))
		cs = append(cs, c)
	}
	e.cs = cs[0]
	return e, cs
}

const openerSetup = `self.events = []; self.p = chrome.tabs.connect(%d, {name: "fan"});
	self.p.onMessage.addListener((m) => self.events.push("msg " + JSON.stringify(m)));
	self.p.onDisconnect.addListener(() => self.events.push("disconnect lastError=" + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none")));`

// Conformance 46, 48, 49: tabs.connect fans out to every frame; each receiver's reply goes to the
// single opener; sender is only on the receivers' ports.
func TestPortFanOutAcrossFrames(t *testing.T) {
	e, cs := portTab(t)
	e.run(e.wk, fmt.Sprintf(openerSetup, e.tab.ID())+` self.p.postMessage("hi");`)
	e.assertJSON(e.wk, `new Promise((r) => setTimeout(() => r([self.events.length, self.p.sender === undefined, self.p.name]), 1))`, `[3, true, "fan"]`)
	for i, c := range cs {
		e.assertJSON(c, `self.events`, `["connect fan hasSender=true", "msg \"hi\""]`)
		e.assertJSON(c, `self.port.sender.origin`, `"chrome-extension://`+e.ext.ID()+`"`)
		_ = i
	}
	e.assertJSON(e.wk, `self.events.map((s) => JSON.parse(s.slice(4)).from).sort()`, fmt.Sprintf(`[0, %d, %d]`, e.tab.Frames()[1].ID(), e.tab.Frames()[2].ID()))
}

// Conformance 50, 52, 53, 56, 59, 62 and chromium.md §5f: one receiver's disconnect closes the
// channel for the opener only; siblings hear nothing and their posts are silently dropped.
func TestReceiverDisconnectRules(t *testing.T) {
	e, cs := portTab(t)
	e.run(e.wk, fmt.Sprintf(openerSetup, e.tab.ID()))
	e.eval(e.wk, `new Promise((r) => setTimeout(r, 1))`)
	e.run(cs[1], `self.port.disconnect(); self.port.disconnect();`) // twice is fine
	e.assertJSON(e.wk, `new Promise((r) => setTimeout(() => r(self.events), 1))`, `["disconnect lastError=none"]`)
	// The one that disconnected gets no onDisconnect of its own.
	e.assertJSON(cs[1], `self.events`, `["connect fan hasSender=true"]`)
	// A sibling gets no onDisconnect, and its posts vanish without an error.
	e.assertJSON(cs[2], `(self.port.postMessage("into the void"), self.events)`, `["connect fan hasSender=true"]`)
	e.assertJSON(e.wk, `new Promise((r) => setTimeout(() => r(self.events), 1))`, `["disconnect lastError=none"]`)
	// After onDisconnect, posting throws; so does posting on the port one disconnected.
	assert.Equal(t, "Attempting to use a disconnected port object", e.evalErr(e.wk, `self.p.postMessage(1)`).Message)
	assert.Equal(t, "Attempting to use a disconnected port object", e.evalErr(cs[1], `self.port.postMessage(1)`).Message)
}

// Conformance 54: the opener's disconnect reaches every receiver.
func TestOpenerDisconnectReachesEveryReceiver(t *testing.T) {
	e, cs := portTab(t)
	e.run(e.wk, fmt.Sprintf(openerSetup, e.tab.ID()))
	e.eval(e.wk, `new Promise((r) => setTimeout(r, 1))`)
	e.run(e.wk, `self.p.disconnect();`)
	require.NoError(t, e.b.Settle())
	for _, c := range cs {
		e.assertJSON(c, `self.events`, `["connect fan hasSender=true", "disconnect lastError=none"]`)
	}
	e.assertJSON(e.wk, `self.events`, `[]`)
}

// Conformance 50, 55: a receiver frame unloading disconnects the opener only when it was the last.
func TestReceiverUnloadDisconnectsOpenerWhenLast(t *testing.T) {
	e, _ := portTab(t)
	frames := e.tab.Frames()
	child := frames[1]
	e.run(e.wk, fmt.Sprintf(`self.events = []; self.p = chrome.tabs.connect(%d, {name: "one", frameId: %d});
		self.p.onDisconnect.addListener(() => self.events.push("disconnect lastError=" + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none")));`, e.tab.ID(), child.ID()))
	e.eval(e.wk, `new Promise((r) => setTimeout(r, 1))`)
	require.NoError(t, child.Navigate("http://127.0.0.1:8000/elsewhere.html"))
	e.assertJSON(e.wk, `new Promise((r) => setTimeout(() => r(self.events), 1))`, `["disconnect lastError=none"]`)

	// Fan-out to all three frames: navigating one child leaves the channel open.
	e.run(e.wk, fmt.Sprintf(openerSetup, e.tab.ID()))
	e.eval(e.wk, `new Promise((r) => setTimeout(r, 1))`)
	require.NoError(t, e.tab.Frames()[2].Navigate("http://127.0.0.1:8000/other.html"))
	e.assertJSON(e.wk, `new Promise((r) => setTimeout(() => r(self.events), 1))`, `[]`)
	// Closing the tab unloads the rest.
	require.NoError(t, e.tab.Close())
	e.assertJSON(e.wk, `new Promise((r) => setTimeout(() => r(self.events), 1))`, `["disconnect lastError=none"]`)
}

// Conformance 46, 56 and chromium.md §5a: connecting to nobody fails through onDisconnect.
func TestConnectWithoutReceiver(t *testing.T) {
	e := newEnv(t, Options{})
	e.assertJSON(e.wk, `new Promise((resolve) => { const p = chrome.tabs.connect(999); p.onDisconnect.addListener(() => resolve(chrome.runtime.lastError.message)); })`,
		`"Could not establish connection. Receiving end does not exist."`)
	e.assertJSON(e.wk, `new Promise((resolve) => { const p = chrome.runtime.connect({name: "n"}); p.onDisconnect.addListener(() => resolve([p.name, chrome.runtime.lastError.message])); })`,
		`["n", "Could not establish connection. Receiving end does not exist."]`)
}

// Conformance 48, 60, 61: default name, serialization errors on post, FIFO across a cold start.
func TestPortBasicsAndColdStartQueue(t *testing.T) {
	e := newEnv(t, Options{})
	require.NoError(t, e.ext.StopWorker()) // installing ran it (conformance-apis R1)
	require.False(t, e.ext.WorkerRunning())
	e.assertJSON(e.cs, `new Promise((resolve) => {
		const p = chrome.runtime.connect(); const got = [];
		p.onMessage.addListener((m) => { got.push(m.echo); if (got.length === 3) resolve([p.name, got]); });
		p.postMessage(1); p.postMessage(2); p.postMessage(3); })`, `["", [1, 2, 3]]`)
	je := e.evalErr(e.cs, `chrome.runtime.connect().postMessage({n: 1n})`)
	assert.Equal(t, "Error", je.Name)
	assert.Equal(t, "Could not serialize message.", je.Message)
	// The worker refusing a port: the opener sees a plain disconnect.
	e.assertJSON(e.cs, `new Promise((resolve) => { const p = chrome.runtime.connect({name: "refuse"});
		p.onDisconnect.addListener(() => resolve(chrome.runtime.lastError === undefined)); })`, `true`)
}
