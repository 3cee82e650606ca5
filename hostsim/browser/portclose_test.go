package browser

import (
	"testing"
	"time"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refusingWorker makes the worker refuse ports named "deny" the way a policy does: it says why in
// one message and disconnects at once, inside onConnect.
const refusingWorker = `chrome.runtime.onConnect.addListener((port) => {
	if (port.name !== "deny") return;
	port.postMessage({denied: "not allowed"});
	port.postMessage({denied: "second"});
	port.disconnect();
});`

// recordingOpener opens a port to the extension from a content script and records its events.
const recordingOpener = `self.events = []; self.p = chrome.runtime.connect({name: "deny"});
	self.p.onMessage.addListener((m) => self.events.push("msg " + JSON.stringify(m)));
	self.p.onDisconnect.addListener(() => self.events.push("disconnect " + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none")));`

// Conformance 49, 52, 56, 61 (the scenario "refusal-message-before-disconnect" holds it in
// Chromium 156): what a receiver posts before disconnecting inside onConnect reaches the opener,
// in order, before onDisconnect, with or without latency on the hops.
func TestRefusingReceiverMessagesArriveBeforeDisconnect(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"no latency", Options{}},
		{"latency", Options{Seed: 7, MinLatency: time.Millisecond, MaxLatency: 20 * time.Millisecond}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.opts)
			e.run(e.wk, refusingWorker)
			e.run(e.cs, recordingOpener)
			e.assertJSON(e.cs, `new Promise((r) => setTimeout(() => r(self.events), 200))`,
				`["msg {\"denied\":\"not allowed\"}", "msg {\"denied\":\"second\"}", "disconnect none"]`)
			// After onDisconnect the opener's port is dead (conformance 59).
			je := e.evalErr(e.cs, `self.p.postMessage(1)`)
			assert.Equal(t, "Error", je.Name)
			assert.Equal(t, chromefacts.ErrDisconnectedPort, je.Message)
		})
	}
}

// Conformance 17, 38, 56: a port opened while the worker is starting, whose connect has not yet
// reached the worker when the worker stops, is refused like a connect nobody listens to: the
// opener gets onDisconnect with "Receiving end does not exist", as a one-time message in the same
// state is rejected, instead of waiting forever.
func TestPortToWorkerStoppedBeforeAcceptingDisconnects(t *testing.T) {
	// Latency keeps the connect on its way to the worker while the test stops it.
	e := newEnv(t, Options{Seed: 3, MinLatency: 5 * time.Millisecond, MaxLatency: 5 * time.Millisecond})
	require.NoError(t, e.ext.StopWorker())
	e.run(e.cs, `self.events = []; self.p = chrome.runtime.connect({name: "late"});
		self.p.onDisconnect.addListener(() => self.events.push("disconnect " + (chrome.runtime.lastError ? chrome.runtime.lastError.message : "none")));
		self.pending = chrome.runtime.sendMessage({mode: "echo", v: 1}).then((v) => "resolved " + v, (e) => e.message);`)
	// Let the worker start and run its script, but not yet receive the connect.
	e.assertJSON(e.cs, `new Promise((r) => setTimeout(() => r(true), 1))`, `true`)
	require.True(t, e.ext.WorkerRunning(), "the connect woke the worker")
	require.NoError(t, e.ext.StopWorker())
	e.assertJSON(e.cs, `new Promise((r) => setTimeout(() => r(self.events), 100))`,
		jsonOf([]string{"disconnect " + chromefacts.ErrReceivingEndDoesNotExist}))
	e.assertJSON(e.cs, `self.pending`, jsonOf(chromefacts.ErrReceivingEndDoesNotExist))
}
