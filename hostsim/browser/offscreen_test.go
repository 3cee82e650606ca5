package browser

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOffscreenDocument: the offscreen document is an extension page a test can reach: its
// scripts ran, it answers the worker, it only has chrome.runtime, and closing it from the test
// is closeDocument's. (The shared scenario offscreen checks the API against Chromium.)
func TestOffscreenDocument(t *testing.T) {
	e := manifestEnv(t, `"permissions": ["offscreen"],`, `self.got = [];
		chrome.runtime.onMessage.addListener((m) => { self.got.push(m); });`)
	ext := e.ext
	dir := ext.e.Dir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "off.html"), []byte(`<!doctype html><script src="off.js"></script>`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "off.js"), []byte(`self.ran = true;
		chrome.runtime.onMessage.addListener((m, s, reply) => { if (m === "ping") reply("pong"); });
		chrome.runtime.sendMessage("loaded");`), 0o644))
	require.Nil(t, ext.OffscreenDocument())

	e.assertJSON(ext.Worker(), `chrome.offscreen.createDocument({url: "off.html", reasons: ["DOM_PARSER"], justification: "t"}).then(() => self.got)`, `["loaded"]`)
	doc := ext.OffscreenDocument()
	require.NotNil(t, doc)
	require.Nil(t, doc.Tab())
	require.Equal(t, ext.URL("off.html"), doc.URL())
	e.assertJSON(doc.Context(), `[self.ran, Object.keys(chrome), typeof chrome.runtime.getContexts]`, `[true, ["runtime"], "undefined"]`)
	e.assertJSON(ext.Worker(), `chrome.runtime.sendMessage("ping")`, `"pong"`)

	require.NoError(t, doc.Close())
	require.Nil(t, ext.OffscreenDocument())
	e.assertJSON(ext.Worker(), `chrome.offscreen.hasDocument()`, `false`)
}
