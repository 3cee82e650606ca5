package browser

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Granted optional permissions work at once in the contexts that are running, as Chrome updates
// every context's bindings when permissions change: the namespace appears (its model, or the
// stand-ins of Chrome's schema), a granted host is reachable without CORS, and removing the
// permission takes the namespace away again.
func TestGrantedOptionalPermissionsTakeEffect(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Handle("https://api.example.com/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("data"))
	})))
	ext, err := b.Install("testdata/optionalext")
	require.NoError(t, err)
	ext.AnswerPermissionRequests(func(PermissionRequest) bool { return true })
	ctx := context.Background()
	wk := ext.Worker()
	page, err := b.OpenTab(ext.URL("page.html"))
	require.NoError(t, err)
	pg := page.Top().Page()
	require.NotNil(t, pg)

	state := `[typeof chrome.idle, typeof chrome.bookmarks, typeof chrome.readingList]`
	got, err := wk.Eval(ctx, state)
	require.NoError(t, err)
	assert.JSONEq(t, `["undefined", "undefined", "undefined"]`, string(got))
	got, err = wk.Eval(ctx, `fetch("https://api.example.com/x").then((r) => r.text(), (e) => e.message)`)
	require.NoError(t, err)
	assert.JSONEq(t, `"Failed to fetch"`, string(got), "no host permission yet: a CORS request the server does not allow")

	got, err = wk.Eval(ctx, `self.ask({permissions: ["idle", "bookmarks"], origins: ["https://api.example.com/*"]})`)
	require.NoError(t, err)
	require.JSONEq(t, `true`, string(got))
	for _, c := range []*Context{wk, pg} {
		got, err = c.Eval(ctx, state)
		require.NoError(t, err)
		assert.JSONEq(t, `["object", "object", "undefined"]`, string(got), c.Name())
	}
	got, err = wk.Eval(ctx, `(async () => [await chrome.idle.queryState(60), (await chrome.bookmarks.getTree()).length,
		await fetch("https://api.example.com/x").then((r) => r.text())])()`)
	require.NoError(t, err)
	assert.JSONEq(t, `["active", 1, "data"]`, string(got))

	got, err = pg.Eval(ctx, `chrome.permissions.remove({permissions: ["idle"]})`)
	require.NoError(t, err)
	require.JSONEq(t, `true`, string(got))
	for _, c := range []*Context{wk, pg} {
		got, err = c.Eval(ctx, state)
		require.NoError(t, err)
		assert.JSONEq(t, `["undefined", "object", "undefined"]`, string(got), c.Name())
	}
}
