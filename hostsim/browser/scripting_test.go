package browser

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestScriptingHostAccess: executeScript, insertCSS and removeCSS need the page to be covered by
// a host permission or a content script's matches (measured in Chromium 156 with an extension
// that has neither; the shared scenario scripting covers the rest against Chromium).
func TestScriptingHostAccess(t *testing.T) {
	const denied = "Cannot access contents of the page. Extension manifest must request permission to access the respective host."
	for _, tc := range []struct {
		name, keys, without, want string
	}{
		{"host permission", `"permissions": ["scripting"], "host_permissions": ["http://127.0.0.1/*"],`, `"content_scripts"`, `"ok"`},
		{"content script matches", `"permissions": ["scripting"],`, "", `"ok"`},
		{"neither", `"permissions": ["scripting"],`, `"content_scripts"`, `"` + denied + `"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := manifestEnvWithout(t, tc.keys, tc.without)
			e.assertJSON(e.ext.Worker(), `chrome.scripting.executeScript({target: {tabId: `+jsonOf(e.tab.ID())+`}, func: () => "ok"})
				.then((rs) => rs[0].result, (err) => err.message)`, tc.want)
			e.assertJSON(e.ext.Worker(), `chrome.scripting.insertCSS({target: {tabId: `+jsonOf(e.tab.ID())+`}, css: "p {}"})
				.then(() => "ok", (err) => err.message)`, tc.want)
		})
	}
}

// TestRegisteredContentScriptRuns: a registered content script runs in documents loaded after
// it was registered, in the isolated world or, with world MAIN, in the page.
func TestRegisteredContentScriptRuns(t *testing.T) {
	e := manifestEnv(t, `"permissions": ["scripting"], "host_permissions": ["http://127.0.0.1/*"],`, "")
	e.assertJSON(e.ext.Worker(), `chrome.scripting.registerContentScripts([
		{id: "iso", matches: ["http://127.0.0.1/*"], js: ["page.js"]},
		{id: "main", matches: ["http://127.0.0.1/*"], js: ["page.js"], world: "MAIN", runAt: "document_start"}]).then(() => true)`, `true`)
	require.NoError(t, e.tab.Navigate(pageURL+"?again"))
	e.assertJSON(e.tab.Top().ContentScript(e.ext), `self.pageLoaded === true`, `true`)
	e.assertJSON(e.tab.Top().Page(), `self.pageLoaded === true`, `true`)
}

// manifestEnvWithout is manifestEnv (with Chrome's worker) with the probe manifest's key, unless
// empty, renamed away: "content_scripts" leaves the extension no content script.
func manifestEnvWithout(t *testing.T, keys, key string) *env {
	t.Helper()
	edits := map[string]string{`"version": "1.0",`: `"version": "1.0", ` + keys}
	if key != "" {
		edits[key] = `"unused_key"`
	}
	dir := copyFixture(t, "testdata/probe", edits)
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	return &env{b: b, ext: ext, tab: tab, wk: ext.Worker(), ctx: t.Context(), t: t}
}
