//go:build e2e

package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// These tests check the driver itself against the plain-JavaScript fixture extension, whose
// behaviour is known, so a failure here is the harness's fault, not the extension's.

func TestDriverExtensionIDMatchesWorkerTarget(t *testing.T) {
	ctx := testCtx(t)
	in, err := browser.WaitWorker(ctx, jsextID)
	require.NoError(t, err)
	assert.Equal(t, "chrome-extension://"+jsextID+"/sw.js", in.URL)

	w, err := browser.Worker(ctx, jsextID)
	require.NoError(t, err)
	defer w.Close()
	var id string
	require.NoError(t, chromium.EvalInto(ctx, w, `chrome.runtime.id`, &id))
	assert.Equal(t, jsextID, id)
}

func TestDriverEvalResultsAndErrors(t *testing.T) {
	ctx := testCtx(t)
	w, err := browser.Worker(ctx, jsextID)
	require.NoError(t, err)
	defer w.Close()

	for _, tc := range []struct {
		name, expr, want string
	}{
		{"number", `1 + 2`, `3`},
		{"undefined is null", `undefined`, `null`},
		{"promise is awaited", `new Promise(r => setTimeout(() => r({a: [1, "x"]}), 5))`, `{"a":[1,"x"]}`},
		{"JSON rules apply", `({a: undefined, b: NaN, d: new Date(0)})`, `{"b":null,"d":"1970-01-01T00:00:00.000Z"}`},
		{"trailing line comment", `42 // answer`, `42`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := w.Eval(ctx, tc.expr)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(got))
		})
	}

	for _, tc := range []struct {
		name, expr, wantName, wantMessage string
	}{
		{"throw", `(() => { throw new TypeError("bad") })()`, "TypeError", "bad"},
		{"reject", `Promise.reject(new Error("no"))`, "Error", "no"},
		{"throw a string", `(() => { throw "plain" })()`, "", "plain"},
		{"unserializable result", `({n: 1n})`, "TypeError", "Do not know how to serialize a BigInt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.Eval(ctx, tc.expr)
			var je *chromium.JSError
			require.ErrorAs(t, err, &je)
			assert.Equal(t, tc.wantName, je.Name)
			assert.Equal(t, tc.wantMessage, je.Message)
			assert.Equal(t, w.Name(), je.Realm)
		})
	}

	_, err = w.Eval(ctx, `1 +`)
	var je *chromium.JSError
	require.ErrorAs(t, err, &je)
	assert.Equal(t, "SyntaxError", je.Name)
}

func TestDriverIsolatedWorldAndMainWorldAreSeparate(t *testing.T) {
	ctx := testCtx(t)
	tab, err := browser.OpenTab(ctx, pages.Page("plain.html?separate"))
	require.NoError(t, err)
	defer tab.Close()

	iso := tab.Isolated(jsextID)
	require.NoError(t, chromium.WaitFor(ctx, iso, `globalThis.jsext`))
	var both struct {
		Iso  bool   `json:"iso"`
		Page bool   `json:"page"`
		Text string `json:"text"`
	}
	require.NoError(t, chromium.EvalInto(ctx, iso, `({iso: typeof jsext === "object", page: typeof chrome.runtime.id === "string", text: document.getElementById("text").textContent})`, &both))
	assert.True(t, both.Iso)
	assert.True(t, both.Page)
	assert.Equal(t, "A page with no form.", both.Text, "the isolated world shares the DOM")

	var inPage string
	require.NoError(t, chromium.EvalInto(ctx, tab.Page(), `typeof jsext`, &inPage))
	assert.Equal(t, "undefined", inPage, "content-script globals must not leak into the page")
}

func TestDriverGreetingBothWays(t *testing.T) {
	ctx := testCtx(t)
	w, err := browser.Worker(ctx, jsextID)
	require.NoError(t, err)
	defer w.Close()
	url := pages.Page("plain.html?both-ways")
	tab, err := browser.OpenTab(ctx, url)
	require.NoError(t, err)
	defer tab.Close()
	iso := tab.Isolated(jsextID)
	require.NoError(t, chromium.WaitFor(ctx, iso, `globalThis.jsext`))

	got, err := iso.Eval(ctx, `jsext.greet()`)
	require.NoError(t, err)
	assert.JSONEq(t, `{"farewell":"goodbye"}`, string(got))

	tabID, err := w.TabIDFor(ctx, url)
	require.NoError(t, err)
	got, err = w.Eval(ctx, `jsext.greetTab(`+itoa(tabID)+`, 0)`)
	require.NoError(t, err)
	assert.JSONEq(t, `{"farewell":"goodbye from the content script"}`, string(got))
}

func TestDriverOpenTabFindsTabIDWithoutPermission(t *testing.T) {
	ctx := testCtx(t)
	w, err := browser.Worker(ctx, jsextID)
	require.NoError(t, err)
	defer w.Close()
	url := pages.Page("plain.html?by-diff")
	tab, id, err := w.OpenTab(ctx, url)
	require.NoError(t, err)
	defer tab.Close()
	byURL, err := w.TabIDFor(ctx, url)
	require.NoError(t, err)
	assert.Equal(t, byURL, id)
}

func TestDriverFramesAndNavigation(t *testing.T) {
	ctx := testCtx(t)
	tab, err := browser.OpenTab(ctx, pages.Page("frame.html"))
	require.NoError(t, err)
	defer tab.Close()

	frames, err := tab.Frames(ctx)
	require.NoError(t, err)
	require.Len(t, frames, 2)
	assert.True(t, strings.HasSuffix(frames[1].URL, "/login.html"), frames[1].URL)
	assert.Equal(t, frames[0].ID, frames[1].Parent)

	child := tab.IsolatedFrame(jsextID, frames[1].ID)
	require.NoError(t, chromium.WaitFor(ctx, child, `globalThis.jsext`))
	var path string
	require.NoError(t, chromium.EvalInto(ctx, child, `location.pathname`, &path))
	assert.Equal(t, "/login.html", path)
	require.NoError(t, chromium.EvalInto(ctx, tab.PageFrame(frames[1].ID), `location.pathname`, &path))
	assert.Equal(t, "/login.html", path)

	// After navigation the old isolated world is gone; the realm follows the frame to the new one.
	iso := tab.Isolated(jsextID)
	require.NoError(t, chromium.WaitFor(ctx, iso, `globalThis.jsext`))
	require.NoError(t, chromium.EvalInto(ctx, iso, `globalThis.marker = 1, location.pathname`, &path))
	assert.Equal(t, "/frame.html", path)
	require.NoError(t, tab.Navigate(ctx, pages.Page("plain.html?after-nav")))
	require.NoError(t, chromium.WaitFor(ctx, iso, `globalThis.jsext`))
	var state struct {
		Path   string `json:"path"`
		Marker bool   `json:"marker"`
	}
	require.NoError(t, chromium.EvalInto(ctx, iso, `({path: location.pathname, marker: "marker" in globalThis})`, &state))
	assert.Equal(t, "/plain.html", state.Path)
	assert.False(t, state.Marker, "a fresh document gets a fresh isolated world")
}

func TestDriverCSPPageBlocksWasmInIsolatedWorld(t *testing.T) {
	ctx := testCtx(t)
	compile := `WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled")`
	for _, tc := range []struct {
		page    string
		blocked bool
	}{
		{"plain.html?csp-control", false},
		{"csp.html", true},
	} {
		t.Run(tc.page, func(t *testing.T) {
			tab, err := browser.OpenTab(ctx, pages.Page(tc.page))
			require.NoError(t, err)
			defer tab.Close()
			iso := tab.Isolated(jsextID)
			require.NoError(t, chromium.WaitFor(ctx, iso, `globalThis.jsext`))
			got, err := iso.Eval(ctx, compile)
			if !tc.blocked {
				require.NoError(t, err)
				assert.Equal(t, `"compiled"`, string(got))
				return
			}
			var je *chromium.JSError
			require.ErrorAs(t, err, &je)
			assert.Equal(t, "CompileError", je.Name)
		})
	}
}

func TestDriverStopWorkerThenColdMessageAndPort(t *testing.T) {
	ctx := testCtx(t)
	tab, err := browser.OpenTab(ctx, pages.Page("plain.html?cold"))
	require.NoError(t, err)
	defer tab.Close()
	iso := tab.Isolated(jsextID)
	require.NoError(t, chromium.WaitFor(ctx, iso, `globalThis.jsext`))

	for _, stop := range []struct {
		name string
		do   func() error
	}{
		{"closeTarget", func() error {
			w, err := browser.Worker(ctx, jsextID)
			if err != nil {
				return err
			}
			return w.Stop(ctx)
		}},
		{"stopAllWorkers", func() error { return browser.StopAllWorkers(ctx, jsextID) }},
	} {
		t.Run(stop.name, func(t *testing.T) {
			require.NoError(t, stop.do())
			in, err := browser.WaitWorker(ctxNoWait(t), jsextID)
			require.Error(t, err, "worker still running: %+v", in)

			got, err := iso.Eval(ctx, `jsext.greet()`)
			require.NoError(t, err)
			assert.JSONEq(t, `{"farewell":"goodbye"}`, string(got))

			require.NoError(t, stop.do())
			got, err = iso.Eval(ctx, `jsext.knock()`)
			require.NoError(t, err)
			var questions []string
			require.NoError(t, json.Unmarshal(got, &questions))
			assert.Equal(t, []string{"Who's there?", "Madame who?", "I don't get it."}, questions)
		})
	}
}

func TestDriverWorkerStartsStoppedWorker(t *testing.T) {
	ctx := testCtx(t)
	w, err := browser.Worker(ctx, jsextID)
	require.NoError(t, err)
	require.NoError(t, w.Stop(ctx))

	w2, err := browser.Worker(ctx, jsextID)
	require.NoError(t, err)
	defer w2.Close()
	assert.NotEqual(t, w.TargetID, w2.TargetID, "a restarted worker is a new target")
	var id string
	require.NoError(t, chromium.EvalInto(ctx, w2, `chrome.runtime.id`, &id))
	assert.Equal(t, jsextID, id)
}

func TestDriverLaunchFailureIsLoud(t *testing.T) {
	ctx := testCtx(t)
	_, err := chromium.Launch(ctx, chromium.Options{Binary: "/nonexistent/chromium"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "/nonexistent/chromium")

	// A binary that starts and dies at once: its output must be in the error.
	_, err = chromium.Launch(ctx, chromium.Options{Binary: "testdata/fakechrome.sh"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "testdata/fakechrome.sh")
	assert.Contains(t, err.Error(), "fake chromium: cannot open display")
}

// The benchmark's measuring loop, run small against the JS fixture so it is checked on every run.
func TestDriverRoundTripMeasurement(t *testing.T) {
	ctx := testCtx(t)
	tab, err := browser.OpenTab(ctx, pages.Page("plain.html?measure"))
	require.NoError(t, err)
	defer tab.Close()
	h := &handler{name: "js", extID: jsextID, cs: tab.Isolated(jsextID)}
	require.NoError(t, chromium.WaitFor(ctx, h.cs, `typeof jsext === "object"`))
	require.NoError(t, measure(ctx, []*handler{h}, 7, 2))
	require.Len(t, h.warm, 7)
	require.Len(t, h.cold, 2)
	for _, ms := range append(h.warm, h.cold...) {
		assert.Greater(t, ms, 0.0)
		assert.Less(t, ms, 30000.0)
	}
	assert.Equal(t, 3.0, quantile([]float64{5, 1, 3, 2, 4}, 0.5))
	assert.Equal(t, 5.0, quantile([]float64{5, 1, 3, 2, 4}, 0.9))
}
