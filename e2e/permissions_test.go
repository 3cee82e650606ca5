//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
	"github.com/extwasm/extwasm/internal/chromeschema"
)

// TestChromiumGrantsEveryKnownPermission is the measurement behind chromeschema.NonAPIPermissions
// and extwasm build's permission check: a plain-JS extension declares every permission the schema
// knows plus NonAPIPermissions and RestrictedPermissions, and its worker's
// chrome.permissions.getAll() must list each one, except:
//
//   - permissions of namespaces limited to ChromeOS (schema Platforms): not granted on Linux;
//   - permissions of namespaces only enterprise policy installs (InstallLocation "policy"): not
//     granted to an unpacked extension;
//   - RestrictedPermissions (webRequestBlocking: policy-installed extensions only in MV3): not
//     granted;
//   - permissions of channel-limited namespaces (Channel "dev": dns, processes, system.network):
//     only logged, since Debian's unbranded Chromium 156 grants them but Chrome's stable channel
//     does not.
//
// It also measures what Chromium does with a match pattern in permissions (the MV2 place of host
// permissions): it ignores it, while the same kind of pattern in host_permissions is granted.
func TestChromiumGrantsEveryKnownPermission(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	s := chromeschema.MustLoad()

	const misplacedHost, host = "http://127.0.0.1/*", "http://localhost/*"
	declared := s.KnownPermissions()
	dir := t.TempDir()
	manifest, err := json.Marshal(map[string]any{
		"manifest_version": 3, "name": "every permission", "version": "1",
		"background":       map[string]any{"service_worker": "worker.js"},
		"permissions":      slices.Concat(declared, []string{"tabz", misplacedHost}),
		"host_permissions": []string{host},
	})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "worker.js"), []byte("// chrome.permissions only\n"), 0o644))

	b, err := extwasmtest.OpenWith(ctx, extwasmtest.Options{Browser: extwasmtest.Chromium})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(ctx, dir)
	require.NoError(t, err)
	var got struct {
		Permissions []string `json:"permissions"`
		Origins     []string `json:"origins"`
	}
	require.NoError(t, extwasmtest.EvalInto(ctx, ext.Worker(), `chrome.permissions.getAll()`, &got))

	notGranted := map[string]string{} // permission → why Chromium on Linux leaves it out
	channel := map[string]bool{}
	for _, ns := range s.Namespaces {
		for _, p := range ns.Permissions {
			switch {
			case len(ns.Platforms) > 0 && !slices.Contains(ns.Platforms, "linux"):
				notGranted[p] = "ChromeOS only (" + ns.Name + ")"
			case ns.InstallLocation != "":
				notGranted[p] = ns.InstallLocation + " installs only (" + ns.Name + ")"
			case ns.Channel != "":
				channel[p] = true
			}
		}
	}
	for _, p := range chromeschema.RestrictedPermissions {
		notGranted[p] = "restricted"
	}
	granted := 0
	for _, p := range declared {
		switch {
		case notGranted[p] != "":
			assert.NotContains(t, got.Permissions, p, "%s: %s", p, notGranted[p])
		case channel[p]:
			t.Logf("%s (channel-limited) granted: %v", p, slices.Contains(got.Permissions, p))
		default:
			granted++
			assert.Contains(t, got.Permissions, p, "Chromium does not grant %s", p)
		}
	}
	t.Logf("declared %d known permissions: %d must be granted, %d are not on Linux, %d channel-limited; getAll lists %d",
		len(declared), granted, len(notGranted), len(channel), len(got.Permissions))
	assert.NotContains(t, got.Permissions, "tabz", "an unknown permission is ignored")
	assert.Equal(t, []string{host}, got.Origins, "a match pattern in permissions is ignored in MV3; host_permissions grants it")
}

// TestChromiumExposesANamespaceOnlyWithItsPermissionOrKey is the measurement behind extwasm build's
// events check: in a worker, a namespace that needs a permission (alarms) or a manifest key
// (action, commands, omnibox) is undefined without it, so the glue cannot listen to its events at
// start; a permission only in optional_permissions leaves it undefined until it is granted.
func TestChromiumExposesANamespaceOnlyWithItsPermissionOrKey(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	s := chromeschema.MustLoad()
	namespaces := []string{"alarms", "action", "commands", "omnibox"}
	without := map[string]any{"optional_permissions": []string{"alarms"}}
	with := map[string]any{"permissions": []string{"alarms"}, "action": map[string]any{}, "commands": map[string]any{},
		"omnibox": map[string]any{"keyword": "xw"}}
	for _, ns := range namespaces[1:] {
		require.Contains(t, s.Namespace(ns).ManifestKeys, ns, "the schema says the %s key exposes %s", ns, ns)
	}
	require.Equal(t, []string{"alarms"}, s.Namespace("alarms").Permissions)

	b, err := extwasmtest.OpenWith(ctx, extwasmtest.Options{Browser: extwasmtest.Chromium})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	install := func(name string, keys map[string]any) extwasmtest.Extension {
		dir := t.TempDir()
		m := map[string]any{"manifest_version": 3, "name": name, "version": "1", "background": map[string]any{"service_worker": "worker.js"}}
		for k, v := range keys {
			m[k] = v
		}
		manifest, err := json.Marshal(m)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), manifest, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "worker.js"), []byte("// typeof chrome.<namespace> only\n"), 0o644))
		ext, err := b.Install(ctx, dir)
		require.NoError(t, err)
		return ext
	}
	lacking, having := install("without", without), install("with", with)
	types := `["alarms", "action", "commands", "omnibox"].map((n) => typeof chrome[n])`
	var got []string
	require.NoError(t, extwasmtest.EvalInto(ctx, lacking.Worker(), types, &got))
	assert.Equal(t, []string{"undefined", "undefined", "undefined", "undefined"}, got, "%v without permission or key", namespaces)
	require.NoError(t, extwasmtest.EvalInto(ctx, having.Worker(), types, &got))
	assert.Equal(t, []string{"object", "object", "object", "object"}, got, "%v with them", namespaces)
}
