package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestUserScriptsSwitch(t *testing.T) {
	for _, tc := range []struct {
		name, permissions string
		off               bool
		want              string
	}{
		{"on with the permission", `["userScripts"]`, false, `["object","object"]`},
		{"off", `["userScripts"]`, true, `["undefined","object"]`},
		{"no permission", `[]`, false, `["undefined","object"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"manifest_version": 3, "name": "User scripts", "version": "1",
				"background": {"service_worker": "sw.js"}, "permissions": `+tc.permissions+`}`), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "sw.js"), nil, 0o644))
			b, err := New(Options{})
			require.NoError(t, err)
			t.Cleanup(func() { _ = b.Close() })
			ext, err := b.Install(dir)
			require.NoError(t, err)
			if tc.off {
				ext.SetUserScriptsAllowed(false)
				require.NoError(t, ext.StopWorker())
			}
			// The user-script events exist in the worker with or without the switch (measured in
			// Chromium 156).
			e := &env{t: t, ctx: t.Context()}
			e.assertJSON(ext.Worker(), `[typeof chrome.userScripts, typeof chrome.runtime.onUserScriptMessage]`, tc.want)
		})
	}
}

// TestUserScriptsSwitchAndReload: measured in Chromium 156, turning the switch off leaves a running
// worker its chrome.userScripts and stops registered scripts from running in new documents;
// turning it back on finds them still registered; a reload of the extension drops the scripts and
// the worlds' configurations.
func TestUserScriptsSwitchAndReload(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"manifest_version": 3, "name": "User scripts", "version": "1",
		"background": {"service_worker": "sw.js"}, "permissions": ["userScripts"], "host_permissions": ["http://127.0.0.1/*"]}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sw.js"), nil, 0o644))
	b, err := New(Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	e := &env{t: t, ctx: t.Context()}
	e.assertJSON(ext.Worker(), `chrome.userScripts.configureWorld({messaging: true}).then(() => chrome.userScripts.register([{id: "r",
		matches: ["http://127.0.0.1/*"], js: [{code: "self.ran = true"}]}])).then(() => chrome.userScripts.getScripts()).then((l) => l.map((s) => s.id))`, `["r"]`)

	ext.SetUserScriptsAllowed(false)
	e.assertJSON(ext.Worker(), `typeof chrome.userScripts`, `"object"`)
	tab, err := b.OpenTab("http://127.0.0.1/off.html")
	require.NoError(t, err)

	ext.SetUserScriptsAllowed(true)
	e.assertJSON(ext.Worker(), `chrome.userScripts.getScripts().then((l) => l.map((s) => s.id))`, `["r"]`)
	// The document loaded while the switch was off did not get the script.
	e.assertJSON(ext.Worker(), fmt.Sprintf(`chrome.userScripts.execute({target: {tabId: %d}, js: [{code: "self.ran === true"}]}).then((r) => r[0].result)`, tab.ID()), `false`)
	require.NoError(t, ext.Reload())
	e.assertJSON(ext.Worker(), `Promise.all([chrome.userScripts.getScripts(), chrome.userScripts.getWorldConfigurations()])`, `[[],[]]`)
}
