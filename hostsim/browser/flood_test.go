package browser_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/extwasmtest"
)

// floodFixture is a worker that serves flood.echo but calls bridge.Ready only when told, and a
// plain-JS content script that floods it.
var floodFixture = goFixture{ext: "testdata/flood/ext", src: "./hostsim/browser/testdata/flood/src", wasm: "flood.wasm"}

// floodMessages is how many one-time messages TestFloodBeforeReady sends: $EXTWASM_FLOOD_MESSAGES
// (100000 for the full flood: 19 s in hostsim at a load of 4, 93 s at 15), else 10,000 in hostsim (2,000
// with -short) and 2,000 in Chromium.
func floodMessages(t *testing.T, kind string) int {
	if s := os.Getenv("EXTWASM_FLOOD_MESSAGES"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err, "EXTWASM_FLOOD_MESSAGES")
		return n
	}
	if testing.Short() || kind == extwasmtest.Chromium {
		return 2_000
	}
	return 10_000
}

// floodHeld is extwasm.held() in the worker.
type floodHeld struct {
	Messages     int `json:"messages"`
	MessageChars int `json:"messageChars"`
	Queued       int `json:"queued"`
}

// floodTally is how the content script's messages ended.
type floodTally struct {
	Sent       int            `json:"sent"`
	Answered   int            `json:"answered"`
	Refused    map[string]int `json:"refused"`
	Other      []string       `json:"other"`
	Unanswered int            `json:"unanswered"`
}

// TestFloodBeforeReady: a content script sends a flood of one-time messages to a worker whose Go
// has not called Ready. The glue holds MaxPendingMessages of them and answers every other one at
// once with a busy error; nothing is copied into the module's memory until Ready, when the held
// ones are answered by Go; the worker keeps serving, and its console has one warning for the
// flood. It runs in hostsim, and in Chromium with EXTWASM_BROWSER=chromium (make e2e does).
func TestFloodBeforeReady(t *testing.T) {
	dir := floodFixture.build(t)
	b := extwasmtest.New(t)
	n := floodMessages(t, b.Kind())
	ext := extwasmtest.Install(t, b, dir)
	tab := extwasmtest.OpenTab(t, b, b.Serve("/flood.html", extwasmtest.Page{HTML: "<title>flood</title>"}))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	wk, cs := ext.Worker(), tab.ContentScript(ext)
	require.NoError(t, extwasmtest.WaitFor(ctx, wk, `typeof floodRelease === "function"`, time.Minute), "Go started")
	require.NoError(t, extwasmtest.WaitFor(ctx, cs, `typeof flood === "function"`, time.Minute))
	memory := func() int {
		var n int
		require.NoError(t, extwasmtest.EvalInto(ctx, wk, `floodMemory()`, &n))
		return n
	}
	held := func() floodHeld {
		var h floodHeld
		require.NoError(t, extwasmtest.EvalInto(ctx, wk, `extwasm.held()`, &h))
		return h
	}
	memStart, heldStart := memory(), held()

	_, err := cs.Eval(ctx, fmt.Sprintf("flood(%d)", n))
	require.NoError(t, err)
	// Every message past the bound is refused while Go is still not ready.
	require.NoError(t, extwasmtest.WaitFor(ctx, cs, fmt.Sprintf(`floodTally.unanswered === %d`, bridge.MaxPendingMessages), 5*time.Minute),
		"all but the held ones answered before Ready")
	memFlooded, heldFlooded := memory(), held()
	extwasmtest.EvalJSON(t, wk, `extwasm.status()`, `"starting"`)
	assert.Equal(t, bridge.MaxPendingMessages, heldFlooded.Messages, "the glue holds its bound")
	assert.Equal(t, bridge.MaxPendingMessages, heldFlooded.Queued)
	assert.Equal(t, memStart, memFlooded, "nothing is copied into the module before Ready")

	_, err = wk.Eval(ctx, `floodRelease()`)
	require.NoError(t, err)
	require.NoError(t, extwasmtest.WaitFor(ctx, cs, `floodTally.unanswered === 0`, 5*time.Minute))
	var tally floodTally
	require.NoError(t, extwasmtest.EvalInto(ctx, cs, `floodTally`, &tally))
	memEnd, heldEnd := memory(), held()
	console, err := wk.Console(ctx)
	require.NoError(t, err)
	var warnings []string
	for _, m := range console {
		assert.False(t, m.Uncaught, m.Text)
		if m.Level == "warn" && strings.Contains(m.Text, "refused") {
			warnings = append(warnings, m.Text)
		}
	}

	t.Logf("%s: flood of %d one-time messages before Ready: answered %d, refused %v, other %v, unanswered %d",
		b.Kind(), n, tally.Answered, tally.Refused, tally.Other, tally.Unanswered)
	t.Logf("worker linear memory: %d bytes at start, %d after the flood, %d after Ready (+%d)",
		memStart, memFlooded, memEnd, memEnd-memStart)
	t.Logf("glue held: at start %+v, after the flood %+v, after Ready %+v", heldStart, heldFlooded, heldEnd)
	t.Logf("console warnings about refusals: %d %q", len(warnings), warnings)

	assert.Zero(t, tally.Unanswered)
	assert.Empty(t, tally.Other, "every message was answered or refused with a typed error")
	assert.Equal(t, bridge.MaxPendingMessages, tally.Answered, "the held ones were answered by Go")
	assert.Equal(t, map[string]int{string(bridge.CodeBusy): n - bridge.MaxPendingMessages}, tally.Refused)
	assert.Equal(t, floodHeld{}, heldEnd, "nothing is held once everything was answered")
	assert.LessOrEqual(t, memEnd-memStart, bridge.MaxPendingBytes, "the module grew by less than the bound on what it holds")
	assert.Len(t, warnings, 1, "one console warning for the flood")

	// The worker still serves.
	extwasmtest.EvalJSON(t, cs, `chrome.runtime.sendMessage({extwasm: 1, route: "flood.echo", body: {i: -1}})`,
		`{"extwasm":1,"ok":true,"body":{"i":-1}}`)
}
