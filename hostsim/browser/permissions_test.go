package browser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAnswerPermissionRequests: without an answer, chrome.permissions.request fails as a call
// without a user gesture does in Chrome; with one, the answer is asked for what is not granted
// yet, a grant resolves true, shows in getAll and contains and fires onAdded, a refusal resolves
// false, and remove revokes what was granted, firing onRemoved. Grants outlive the worker. (The
// shared scenario permissions checks the rest against Chromium, where a DevTools evaluation has
// no user gesture and the prompt cannot be answered.)
func TestAnswerPermissionRequests(t *testing.T) {
	e := manifestEnv(t, `"permissions": ["storage"], "optional_permissions": ["idle", "bookmarks"],
		"optional_host_permissions": ["https://*.opt.example/*"],`, `self.events = [];
		chrome.permissions.onAdded.addListener((p) => self.events.push(["added", p]));
		chrome.permissions.onRemoved.addListener((p) => self.events.push(["removed", p]));`)
	ext, wk := e.ext, e.wk

	const gesture = "This function must be called during a user gesture"
	assert.Equal(t, gesture, e.evalErr(wk, `chrome.permissions.request({permissions: ["idle"]})`).Message)

	var asked []PermissionRequest
	grant := true
	ext.AnswerPermissionRequests(func(r PermissionRequest) bool {
		asked = append(asked, r)
		return grant
	})
	e.assertJSON(wk, `chrome.permissions.request({permissions: ["idle", "storage"], origins: ["https://x.opt.example/path"]})`, `true`)
	require.Equal(t, []PermissionRequest{{Permissions: []string{"idle"}, Origins: []string{"https://x.opt.example/*"}}}, asked)
	e.assertJSON(wk, `chrome.permissions.getAll()`,
		`{"origins":["http://127.0.0.1/*","https://x.opt.example/*"],"permissions":["idle","storage"]}`)
	e.assertJSON(wk, `chrome.permissions.contains({permissions: ["idle"], origins: ["https://x.opt.example/a/*"]})`, `true`)
	e.assertJSON(wk, `self.events`, `[["added",{"origins":["https://x.opt.example/*"],"permissions":["idle"]}]]`)

	// What is granted already is not asked for again; what the manifest does not list is an error.
	e.assertJSON(wk, `chrome.permissions.request({permissions: ["idle"], origins: ["https://x.opt.example/*"]})`, `true`)
	require.Len(t, asked, 1)
	assert.Equal(t, "Only permissions specified in the manifest may be requested.",
		e.evalErr(wk, `chrome.permissions.request({permissions: ["cookies"]})`).Message)
	require.Len(t, asked, 1)

	grant = false
	e.assertJSON(wk, `chrome.permissions.request({permissions: ["bookmarks"]})`, `false`)
	require.Len(t, asked, 2)
	e.assertJSON(wk, `chrome.permissions.contains({permissions: ["bookmarks"]})`, `false`)

	e.assertJSON(wk, `(self.events = [], chrome.permissions.remove({permissions: ["idle"]}))`, `true`)
	e.assertJSON(wk, `chrome.permissions.remove({permissions: ["idle"]})`, `true`) // not granted: no event
	e.assertJSON(wk, `self.events`, `[["removed",{"origins":[],"permissions":["idle"]}]]`)
	e.assertJSON(wk, `chrome.permissions.getAll()`, `{"origins":["http://127.0.0.1/*","https://x.opt.example/*"],"permissions":["storage"]}`)

	require.NoError(t, ext.StopWorker())
	e.assertJSON(wk, `chrome.permissions.contains({origins: ["https://x.opt.example/*"]})`, `true`)

	ext.AnswerPermissionRequests(nil)
	assert.Equal(t, gesture, e.evalErr(wk, `chrome.permissions.request({permissions: ["bookmarks"]})`).Message)
	require.Len(t, asked, 2)
}
