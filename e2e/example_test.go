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
		// JavaScript sees name "x"; a case-insensitive decoder would have read "y".
		{"keys differing only in case", "demo.greet", `{name: "x", NAME: "y"}`, "invalid"},
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

	// A greeting the worker's raw handler claims (RawKeys("greeting")) but does not know is
	// answered with an error: a context that claims a message never leaves it unanswered. A plain
	// message without the key is not the worker's: it stays silent, so nobody answers.
	var reply struct {
		Extwasm int  `json:"extwasm"`
		OK      bool `json:"ok"`
		Error   struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	require.NoError(t, chromium.EvalInto(testCtx(t), cs, `chrome.runtime.sendMessage({greeting: "bonjour"})`, &reply))
	assert.Equal(t, 1, reply.Extwasm)
	assert.False(t, reply.OK)
	assert.Equal(t, "not_found", reply.Error.Code)
	assert.NotEmpty(t, reply.Error.Message)
	evalJSON(t, cs, `chrome.runtime.sendMessage({hello: "world"}).then((r) => r === undefined)`, `true`)

	// A route key that differs only in case: JavaScript reading msg.route sees demo.greet, so the
	// worker must not run demo.panic (or anything): the envelope is invalid.
	reply.Error.Code = ""
	require.NoError(t, chromium.EvalInto(testCtx(t), cs,
		`chrome.runtime.sendMessage({extwasm: 1, route: "demo.greet", ROUTE: "demo.panic", body: {name: "x"}})`, &reply))
	assert.False(t, reply.OK)
	assert.Equal(t, "invalid", reply.Error.Code, reply.Error.Message)
	assert.Contains(t, reply.Error.Message, "differs only in case")
}
