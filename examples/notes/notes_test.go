package notes_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// TestMain builds the extension so the tests run the current code. The same tests run in hostsim
// by default and in Chromium with -extwasm.browser=chromium.
func TestMain(m *testing.M) {
	if err := extwasmtest.Build("."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(extwasmtest.Run(m))
}

// TestTabNotes: the Go worker creates its menu item on install; a click on it (or, where the
// browser cannot click menus, the popup's button) runs scripting.executeScript in the tab, keeps
// the note in storage, sets the badge, shows a notification and opens the offscreen document,
// which then answers pings that the Go worker leaves alone.
func TestTabNotes(t *testing.T) {
	b := extwasmtest.New(t)
	dir, err := filepath.Abs("extension")
	require.NoError(t, err)
	ext := extwasmtest.Install(t, b, dir)
	url := b.Serve("/page.html", extwasmtest.Page{HTML: `<!doctype html><title>A page</title><p>Hello.</p>`})
	tab := extwasmtest.OpenTab(t, b, url)
	ctx := t.Context()
	w := ext.Worker()
	require.NoError(t, extwasmtest.WaitFor(ctx, w, `extwasm.status() === "ready"`, 30*time.Second))
	require.NoError(t, extwasmtest.WaitFor(ctx, w, `new Promise((ok) => chrome.contextMenus.update("add-note", {}, () => ok(!chrome.runtime.lastError)))`, 30*time.Second),
		"the menu item exists once onInstalled ran")

	switch err := ext.ClickMenuItem(ctx, tab, "add-note"); {
	case errors.Is(err, extwasmtest.ErrNoMenuClick):
		// Chromium cannot click a context menu: the popup's button does the same.
		var tabID int
		require.NoError(t, extwasmtest.EvalInto(ctx, w, fmt.Sprintf(`chrome.tabs.query({}).then((ts) => ts.find((t) => t.url === %q).id)`, url), &tabID))
		popup := extwasmtest.OpenTab(t, b, ext.URL(fmt.Sprintf("popup.html?tab=%d", tabID)))
		extwasmtest.EvalJSON(t, popup.Page(), `addNote().then((a) => [a.note, a.count, typeof a.notification])`, `["Note on A page",1,"string"]`)
	default:
		require.NoError(t, err)
	}

	require.NoError(t, extwasmtest.WaitFor(ctx, w, `chrome.action.getBadgeText({}).then((t) => t === "1")`, 30*time.Second))
	extwasmtest.EvalJSON(t, w, `chrome.storage.local.get("notes").then((s) => s.notes)`, fmt.Sprintf(`{%q:"Note on A page"}`, url))
	extwasmtest.EvalJSON(t, tab.Page(), `document.getElementById("tab-notes-banner").textContent`, `"Tab Notes: note added"`)
	extwasmtest.EvalJSON(t, w, `chrome.notifications.getAll().then((all) => Object.keys(all).length)`, `1`)
	extwasmtest.EvalJSON(t, w, `chrome.offscreen.hasDocument()`, `true`)
	extwasmtest.EvalJSON(t, w, `chrome.runtime.sendMessage({offscreen: "ping"})`, `{"pong":"Tab Notes"}`)
}
