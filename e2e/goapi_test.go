//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/e2e/internal/scenario"
	"github.com/extwasm/extwasm/extwasmtest"
)

// goapiBrowser starts Chromium with the goapi fixture, whose Go worker drives the chrome/* packages.
func goapiBrowser(t *testing.T, ctx context.Context) *extwasmtest.Session {
	s, err := scenario.Open(ctx, extwasmtest.Chromium, "goapi")
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Browser.Close() })
	return s
}

func evalWorker(t *testing.T, ctx context.Context, b *extwasmtest.Session, expr string, out any) {
	t.Helper()
	w := b.Ext.Worker()
	require.NoError(t, extwasmtest.WaitFor(ctx, w, `typeof goapi === "object" && extwasm.status() === "ready"`, 30*time.Second))
	require.NoError(t, extwasmtest.EvalInto(ctx, w, expr, out))
}

// TestGoAPIsInChromium runs the Go chrome/* packages against Chromium's own chrome.* (conformance-apis
// S17–S25 for storage, T-items for tabs, A2–A6 for alarms, R-items for runtime facts).
func TestGoAPIsInChromium(t *testing.T) {
	start, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	b := goapiBrowser(t, start)
	// Each part has its own deadline: a slow one (on a loaded machine) does not eat the next one's.
	var ctx context.Context
	run := func(name string, fn func(t *testing.T)) {
		t.Run(name, func(t *testing.T) {
			c, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()
			ctx = c
			fn(t)
		})
	}

	run("extension", func(t *testing.T) {
		var facts map[string]string
		evalWorker(t, ctx, b, `goapi.facts()`, &facts)
		assert.Equal(t, map[string]string{"id": b.Ext.ID(), "url": "chrome-extension://" + b.Ext.ID() + "/page.html", "name": "extwasm Go chrome.* APIs"}, facts)
	})

	run("storage", func(t *testing.T) {
		var got map[string]json.RawMessage
		evalWorker(t, ctx, b, `goapi.storage()`, &got)
		assert.JSONEq(t, `{"theme":"dark","count":2,"tags":["a"]}`, string(got["prefs"]))
		assert.JSONEq(t, `2`, string(got["count"]))
		assert.JSONEq(t, `true`, string(got["found"]))
		assert.JSONEq(t, `11`, string(got["bytesTheme"]), `key "theme" + JSON "\"dark\"" in UTF-8 bytes (S17)`)
		assert.Contains(t, string(got["strict"]), `differs only in case`, "a stored USER is not Go's user")
		assert.JSONEq(t, `2`, string(got["left"]), "theme and count remain")
		assert.JSONEq(t, `"storage.session.set: Session storage quota bytes exceeded. Values were not stored."`, string(got["quota"]))
	})

	run("tabs", func(t *testing.T) {
		url, err := b.URL("/goapi-tabs.html")
		require.NoError(t, err)
		var got map[string]json.RawMessage
		evalWorker(t, ctx, b, `goapi.tabs(`+jsonString(url)+`)`, &got)
		assert.JSONEq(t, jsonString(url), string(got["url"]))
		assert.JSONEq(t, `false`, string(got["active"]), "created with active: false")
		assert.JSONEq(t, `1`, string(got["queried"]))
		assert.JSONEq(t, `true`, string(got["activeIsIt"]))
		assert.Contains(t, string(got["afterRemove"]), `tabs.get: No tab with id: `)
		assert.JSONEq(t, `["loading","complete","loading","complete"]`, string(got["statuses"]))
	})

	run("alarm wakes the worker and reaches Go", func(t *testing.T) {
		var created map[string]any
		// 0.02 minutes: 1.2 s, above the unpacked minimum of 1 s (A8).
		evalWorker(t, ctx, b, `chrome.storage.session.remove("seen").then(() => goapi.alarm("wake", 0.02))`, &created)
		assert.Equal(t, map[string]any{"name": "wake", "periodic": false, "count": float64(1)}, created)
		require.NoError(t, b.Ext.StopWorker(ctx))
		// The alarm starts a new worker (A9); its first event goes to Go through the glue's buffer.
		require.NoError(t, extwasmtest.WaitFor(ctx, b.Ext.Worker(), `chrome.storage.session.get("seen").then((r) => (r.seen || []).includes("alarm wake"))`, 60*time.Second))
	})
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
