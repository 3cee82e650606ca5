package e2e

// The extension frame's private channel under attack, through extwasmtest: in hostsim with
// `go test ./e2e/`, in Chromium with `go test -tags e2e ./e2e/ -extwasm.browser=chromium`.

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// attackerExample copies the example extension and adds testdata/framechannel-attacker.js as a
// content script of it in every frame at document_start, on 127.0.0.1 and localhost pages (a
// subframe on localhost is cross-site to a 127.0.0.1 page, so Chromium runs it in its own renderer).
func attackerExample(t *testing.T) string {
	t.Helper()
	src := harnessExampleDir(t)
	dir := filepath.Join(t.TempDir(), "extension")
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))
	attacker, err := os.ReadFile("testdata/framechannel-attacker.js")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "framechannel-attacker.js"), attacker, 0o644))
	var m map[string]any
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &m))
	m["content_scripts"] = append(m["content_scripts"].([]any), map[string]any{
		"matches": []string{"http://127.0.0.1/*", "http://localhost/*"}, "js": []string{"framechannel-attacker.js"},
		"run_at": "document_start", "all_frames": true,
	})
	raw, err = json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), raw, 0o644))
	return dir
}

// TestFrameChannelIsPrivate: a login page whose CSP blocks wasm (so the Go content script runs in
// the extension frame) holds a same-origin, a cross-origin and a cross-site subframe where a content script of the
// same extension listens for the channel's ports from before the frame connects, and forges
// frame-protocol messages on every end it gets. The frame's port reaches the top frame only
// (tabs.connect with frameId 0), so the attacker gets no port and sees no DOM operation or request,
// and no forged hook gets an answer; its runtime port under the channel's name is disconnected at
// once by the worker's glue; the fill still works.
func TestFrameChannelIsPrivate(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, attackerExample(t))
	same := b.Serve("/framechannel-same.html", extwasmtest.Page{HTML: `<!doctype html><title>same</title><p>same-origin subframe</p>`})
	crossSite := strings.Replace(b.Serve("/framechannel-cross.html", extwasmtest.Page{HTML: `<!doctype html><title>cross</title><p>cross-site subframe</p>`}),
		"127.0.0.1", "localhost", 1)
	// A cross-origin, same-site subframe: another port. Chromium loads it from this server; hostsim's
	// web serves its default page at any URL.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`<!doctype html><title>other</title><p>cross-origin subframe</p>`))
	}))
	t.Cleanup(other.Close)
	crossOrigin := other.URL + "/framechannel-other.html"
	if b.Kind() == extwasmtest.Hostsim {
		crossOrigin = "http://127.0.0.1:8001/framechannel-other.html"
	}
	url := b.Serve("/framechannel.html", extwasmtest.Page{CSP: "script-src 'self'", HTML: `<!doctype html><html lang="en"><title>Login</title>
<form id="login"><input type="text" name="username"><input type="password" name="password"></form>
<iframe src="` + same + `"></iframe><iframe src="` + crossOrigin + `"></iframe><iframe src="` + crossSite + `"></iframe>`})
	tab := extwasmtest.OpenTab(t, b, url)
	ctx := harnessCtx(t)
	// The example fills only when the user clicks Fill in its popup: first its Go must be ready in
	// the extension frame, then the click.
	require.NoError(t, extwasmtest.WaitFor(ctx, tab.ContentScript(ext), `typeof extwasm === "object" && extwasm.status() === "ready"`, 20*time.Second))
	clickFillIn(t, example{b: b, ext: ext, url: url}, `{"username": "gopher", "password": "correct horse battery staple"}`)
	require.NoError(t, extwasmtest.WaitFor(ctx, tab.Page(), `document.getElementById("login").hasAttribute("data-extwasm-filled")`, 20*time.Second))
	extwasmtest.EvalJSON(t, tab.Page(), `(() => { const f = document.getElementById("login");
		return [f.elements.username.value, f.elements.password.value, f.getAttribute("data-extwasm-filled")]; })()`,
		`["gopher","correct horse battery staple","2"]`)
	extwasmtest.EvalJSON(t, tab.ContentScript(ext), `extwasm.mode() + " " + extwasm.status()`, `"frame ready"`)

	frames, err := tab.Frames(ctx)
	require.NoError(t, err)
	var subframes []extwasmtest.Frame
	for _, f := range frames {
		if f.URL() == same || f.URL() == crossOrigin || f.URL() == crossSite {
			subframes = append(subframes, f)
		}
	}
	// Chromium runs the cross-site subframe in its own renderer, whose isolated world the harness
	// does not reach (the tab's frame tree lists in-process frames only): there the same-origin and
	// the cross-origin, same-site subframes are checked; hostsim checks all three.
	if b.Kind() == extwasmtest.Hostsim {
		require.Len(t, subframes, 3, "every subframe loaded")
	} else {
		require.Len(t, subframes, 2, "the in-process subframes loaded")
	}
	for _, f := range subframes {
		cs := f.ContentScript(ext)
		extwasmtest.EvalJSON(t, cs, `[self.attack.ports, self.attack.disconnected, self.attack.messages.map((m) => JSON.stringify(m)), self.attack.postErrors]`, `[[],[],[],[]]`)
		assert.NoError(t, extwasmtest.WaitFor(ctx, cs, `self.attack.runtimePort === "disconnected"`, 20*time.Second), f.URL())
	}
	msgs, err := ext.Worker().Console(ctx)
	require.NoError(t, err)
	for _, m := range msgs {
		assert.NotContains(t, m.Text, "attacker", "the worker heard of the attacker")
	}
}
