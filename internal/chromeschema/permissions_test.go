package chromeschema

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPermissionLists(t *testing.T) {
	s := MustLoad()
	for name, list := range map[string][]string{"NonAPIPermissions": NonAPIPermissions, "RestrictedPermissions": RestrictedPermissions} {
		assert.True(t, slices.IsSorted(list), "%s is sorted", name)
		assert.Len(t, slices.Compact(slices.Clone(list)), len(list), "%s has no duplicates", name)
		for _, p := range list {
			assert.NotContains(t, s.Permissions(), p, "%s: %s gates a namespace; the schema names it", name, p)
			assert.NotContains(t, s.MemberPermissions(), p, "%s: %s gates a member; the schema names it", name, p)
		}
	}
	assert.Equal(t, []string{"declarativeNetRequestFeedback", "nativeMessaging"}, s.MemberPermissions())
	known := s.KnownPermissions()
	require.True(t, slices.IsSorted(known))
	for _, p := range []string{"alarms", "storage", "tabs", "activeTab", "nativeMessaging", "webRequestBlocking", "declarativeNetRequestWithHostAccess"} {
		assert.Contains(t, known, p)
	}
	assert.NotContains(t, known, "<all_urls>")
}

func TestEventPaths(t *testing.T) {
	s := MustLoad()
	paths := map[string]string{}
	for _, e := range s.EventPaths() {
		require.NotNil(t, e.Namespace, e.Path)
		paths[e.Path] = e.Namespace.Name
	}
	for _, ns := range s.Namespaces {
		for _, ev := range ns.Events {
			assert.Equal(t, ns.Name, paths[ns.Name+"."+ev.Name], "every namespace event is a path")
		}
	}
	for path, ns := range map[string]string{
		"alarms.onAlarm":                                    "alarms",
		"storage.onChanged":                                 "storage",
		"storage.local.onChanged":                           "storage",
		"storage.session.onChanged":                         "storage",
		"devtools.network.onNavigated":                      "devtools.network",
		"privacy.network.networkPredictionEnabled.onChange": "privacy",
		"proxy.settings.onChange":                           "proxy",
	} {
		assert.Equal(t, ns, paths[path], path)
	}
	assert.NotContains(t, paths, "storage.local.get")
	assert.NotContains(t, paths, "storage.local")
}
