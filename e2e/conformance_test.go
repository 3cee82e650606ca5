//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// TestChromiumMessagingBehaviours re-checks, on every run, the browser behaviours that the bridge
// and the simulator copy (conformance.md §1, §2, §6), as a scenario of steps in named realms: the
// same shape of transcript the simulator produces for the same steps.
func TestChromiumMessagingBehaviours(t *testing.T) {
	ctx := testCtx(t)
	w, err := browser.Worker(ctx, jsextID)
	require.NoError(t, err)
	defer w.Close()
	tab, tabID, err := w.OpenTab(ctx, pages.Page("plain.html?conformance"))
	require.NoError(t, err)
	defer tab.Close()
	cs := tab.Isolated(jsextID)
	require.NoError(t, chromium.WaitFor(ctx, cs, `typeof jsext === "object"`))
	realms := map[string]chromium.Realm{"worker": w, "cs": cs, "page": tab.Page()}

	steps := []struct {
		realm, expr, want string
	}{
		// §6: messages travel as JSON.
		{"cs", `chrome.runtime.sendMessage({echo: {a: undefined, b: NaN, i: -Infinity, z: -0,
			d: new Date(0), m: new Map([[1, 2]]), s: new Set([1]), u: new Uint8Array([1, 2]), arr: [1, undefined, () => 1]}})`,
			`{"value":{"b":null,"i":null,"z":0,"d":"1970-01-01T00:00:00.000Z","m":{},"s":{},"u":{"0":1,"1":2},"arr":[1,null,null]}}`},
		// The undefined property is dropped on the way, so the worker sees no "echo" key at all.
		{"cs", `chrome.runtime.sendMessage({echo: undefined})`, `{"value":{"error":"unknown message"}}`},
		// §6: what JSON cannot hold is a synchronous invocation error.
		{"cs", `(() => { try { chrome.runtime.sendMessage({n: 1n}); return "sent"; } catch (e) { return e.message; } })()`,
			`{"value":"Error in invocation of runtime.sendMessage(optional string extensionId, any message, optional object options, optional function callback): Could not serialize message."}`},
		// §1e: nobody listening.
		{"worker", `chrome.tabs.sendMessage(999999, {greeting: "hello"})`,
			`{"error":{"name":"Error","message":"Could not establish connection. Receiving end does not exist."}}`},
		// §1e: listeners exist but none replies: the promise resolves with undefined.
		{"worker", fmt.Sprintf(`chrome.tabs.sendMessage(%d, {unanswered: true}).then((v) => v === undefined ? "undefined" : v)`, tabID), `{"value":"undefined"}`},
		// §2: a disconnected port throws on post.
		{"cs", `(() => { const p = chrome.runtime.connect({name: "knockknock"}); p.disconnect();
			try { p.postMessage({joke: "Knock knock"}); return "posted"; } catch (e) { return e.message; } })()`,
			`{"value":"Attempting to use a disconnected port object"}`},
		// The example extension lists http://127.0.0.1/* in externally_connectable, so the page's main
		// world gets chrome.runtime.sendMessage (conformance 79); the bridge decides who gets answers.
		{"page", `typeof chrome === "object" && typeof chrome.runtime === "object" && typeof chrome.runtime.sendMessage`, `{"value":"function"}`},
	}
	var script []chromium.Step
	for _, s := range steps {
		script = append(script, chromium.Step{Realm: s.realm, Expr: s.expr})
	}
	transcript, err := chromium.RunSteps(ctx, realms, script)
	require.NoError(t, err)
	require.Len(t, transcript, len(steps))
	for i, e := range transcript {
		assert.Equal(t, steps[i].realm, e.Realm)
		e.Realm = ""
		got, err := json.Marshal(struct {
			Value json.RawMessage       `json:"value,omitempty"`
			Error *chromium.ThrownError `json:"error,omitempty"`
		}{e.Value, e.Error})
		require.NoError(t, err)
		assert.JSONEq(t, steps[i].want, string(got), "step %d: %s", i, steps[i].expr)
	}
}
