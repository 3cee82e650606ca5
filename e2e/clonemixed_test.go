//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	simbrowser "github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/chromium"
)

// mixedWorker echoes what other extensions send it, one-time and on ports, and records what
// arrived; trip and portTrip send to another extension and describe what comes back.
const mixedWorker = `'use strict';
importScripts('describe.js');
self.got = [];
chrome.runtime.onMessageExternal.addListener((m, s, r) => { self.got.push(describe(m)); r(m); });
chrome.runtime.onConnectExternal.addListener((p) => p.onMessage.addListener((m) => { self.got.push(describe(m)); p.postMessage(m); }));
self.trip = async (id, v) => {
  try { return {back: describe(await chrome.runtime.sendMessage(id, v))}; } catch (e) { return {error: [e.constructor.name, e.message]}; }
};
self.portTrip = (id, v) => new Promise((resolve) => {
  try {
    const p = chrome.runtime.connect(id);
    p.onMessage.addListener((m) => { resolve({back: describe(m)}); p.disconnect(); });
    p.onDisconnect.addListener(() => resolve({disconnected: chrome.runtime.lastError ? chrome.runtime.lastError.message : null}));
    p.postMessage(v);
  } catch (e) { resolve({error: [e.constructor.name, e.message]}); }
});
`

func writeMixedExtension(t *testing.T, dir, serialization string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	manifest := map[string]any{"manifest_version": 3, "name": "mixed " + serialization, "version": "1.0",
		"background": map[string]any{"service_worker": "sw.js"}}
	if serialization != "" {
		manifest["message_serialization"] = serialization
	}
	data, err := json.Marshal(manifest)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sw.js"), []byte(mixedWorker), 0o644))
	describe, err := os.ReadFile("internal/scenario/testdata/scext/describe.js")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "describe.js"), describe, 0o644))
}

// mixedValue is what crosses: types that JSON and structured clone treat differently.
const mixedValue = `{b: new Uint8Array([1, 2]), d: new Date(0), m: new Map([["k", 1]]), n: NaN, u: undefined}`

// TestMixedSerializationAcrossExtensions measures how a structured-clone extension and a JSON one
// talk over runtime.sendMessage(extId) and connect(extId) (conformance.md Q5), and requires the
// simulator to do the same.
func TestMixedSerializationAcrossExtensions(t *testing.T) {
	dir := t.TempDir()
	scDir, jsonDir := filepath.Join(dir, "sc"), filepath.Join(dir, "json")
	writeMixedExtension(t, scDir, "structured_clone")
	writeMixedExtension(t, jsonDir, "")
	scID, err := chromium.ExtensionID(scDir)
	require.NoError(t, err)
	jsonID, err := chromium.ExtensionID(jsonDir)
	require.NoError(t, err)

	type step struct{ from, expr string }
	var steps []step
	for _, pair := range [][2]string{{"sc", jsonID}, {"json", scID}, {"sc", scID}} {
		steps = append(steps,
			step{pair[0], fmt.Sprintf(`trip(%q, %s)`, pair[1], mixedValue)},
			step{pair[0], fmt.Sprintf(`portTrip(%q, %s)`, pair[1], mixedValue)},
			step{pair[0], fmt.Sprintf(`trip(%q, 10n)`, pair[1])},
		)
	}
	// What each extension's worker received, in order.
	steps = append(steps, step{"sc", `self.got`}, step{"json", `self.got`})

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	b, err := chromium.Launch(ctx, chromium.Options{Extensions: []string{scDir, jsonDir}})
	require.NoError(t, err)
	defer b.Close()
	workers := map[string]*chromium.Worker{}
	for name, id := range map[string]string{"sc": scID, "json": jsonID} {
		w, err := b.Worker(ctx, id)
		require.NoError(t, err)
		defer w.Close()
		require.NoError(t, chromium.WaitFor(ctx, w, `typeof trip === "function"`))
		workers[name] = w
	}
	var real []string
	for _, s := range steps {
		v, err := workers[s.from].Eval(ctx, s.expr)
		require.NoError(t, err, s.expr)
		real = append(real, string(v))
		t.Logf("chromium %s: %s => %s", s.from, s.expr, v)
	}

	sim, err := simbrowser.New(simbrowser.Options{Seed: 1})
	require.NoError(t, err)
	defer sim.Close()
	simExt := map[string]*simbrowser.Extension{}
	for name, d := range map[string]string{"sc": scDir, "json": jsonDir} {
		simExt[name], err = sim.Install(d)
		require.NoError(t, err)
	}
	require.Equal(t, scID, simExt["sc"].ID())
	for i, s := range steps {
		v, err := simExt[s.from].Worker().Eval(ctx, s.expr)
		require.NoError(t, err, s.expr)
		assert.JSONEq(t, real[i], string(v), "%s: %s: Chromium vs hostsim", s.from, s.expr)
	}
}
