package browser

import (
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
