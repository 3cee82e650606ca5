//go:build !js

package notes_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/chrome"
	"github.com/extwasm/extwasm/chrome/chrometest"
	"github.com/extwasm/extwasm/chrome/contextmenus"
	"github.com/extwasm/extwasm/chrome/tabs"
	"github.com/extwasm/extwasm/examples/notes/notes"
)

// fakeChrome answers what AddNote calls, with a storage that keeps what is set.
func fakeChrome(t *testing.T) *chrometest.Fake {
	fake := chrometest.New(t)
	stored := map[string]json.RawMessage{}
	fake.Handle("scripting.executeScript", chrometest.Reply([]map[string]any{{"frameId": 0, "documentId": "D", "result": "A page"}}))
	fake.Handle("tabs.get", func(args []json.RawMessage) (any, error) {
		if string(args[0]) != "7" {
			return nil, chrometest.Error("No tab with id: " + string(args[0]) + ".")
		}
		return tabs.Tab{ID: 7, URL: "https://example.com/"}, nil
	})
	fake.Handle("storage.local.get", func([]json.RawMessage) (any, error) { return stored, nil })
	fake.Handle("storage.local.set", func(args []json.RawMessage) (any, error) {
		var items map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(args[0], &items))
		for k, v := range items {
			stored[k] = v
		}
		return nil, nil
	})
	fake.Handle("action.setBadgeText", chrometest.Reply(nil))
	fake.Handle("notifications.create", chrometest.Reply("n-1"))
	fake.Handle("offscreen.hasDocument", chrometest.Reply(false))
	fake.Handle("offscreen.createDocument", chrometest.Reply(nil))
	return fake
}

func TestAddNoteNatively(t *testing.T) {
	fake := fakeChrome(t)
	added, err := notes.AddNote(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, notes.Added{Note: "Note on A page", Count: 1, Notification: "n-1"}, added)

	assert.JSONEq(t, `[{"target":{"tabId":7},"files":["banner.js"]}]`, args(fake, "scripting.executeScript"))
	assert.JSONEq(t, `[{"text":"1"}]`, args(fake, "action.setBadgeText"))
	assert.JSONEq(t, `[null,{"type":"basic","iconUrl":"icon.png","title":"Note added","message":"Note on A page"}]`,
		args(fake, "notifications.create"), "an empty id is null, which Chrome takes for none: it makes one")
	assert.JSONEq(t, `[{"reasons":["DOM_PARSER"],"url":"offscreen.html","justification":"answers the notes worker"}]`,
		args(fake, "offscreen.createDocument"))
}

func TestAddNoteFailsWithChromesError(t *testing.T) {
	fake := fakeChrome(t)
	fake.Handle("scripting.executeScript", func([]json.RawMessage) (any, error) {
		return nil, chrometest.Error("Cannot access contents of the page. Extension manifest must request permission to access the respective host.")
	})
	_, err := notes.AddNote(context.Background(), 7)
	var ce *chrome.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "scripting.executeScript", ce.Call)
	assert.Empty(t, fake.CallsTo("action.setBadgeText"), "nothing is shown for a note not kept")
}

func TestMenuClicked(t *testing.T) {
	fakeChrome(t)
	ctx := context.Background()
	_, err := notes.MenuClicked(ctx, contextmenus.OnClickData{MenuItemID: chrome.UnionOf("other")}, &tabs.Tab{ID: 7})
	assert.ErrorContains(t, err, `menu item "other" is not ours`)
	added, err := notes.MenuClicked(ctx, contextmenus.OnClickData{MenuItemID: chrome.UnionOf(notes.MenuItemID)}, &tabs.Tab{ID: 7})
	require.NoError(t, err)
	assert.Equal(t, 1, added.Count)
}

// args is the JSON array of the one call made to api.
func args(fake *chrometest.Fake, api string) string {
	calls := fake.CallsTo(api)
	if len(calls) != 1 {
		return "calls: " + string(rune('0'+len(calls)))
	}
	out, _ := json.Marshal(calls[0])
	return string(out)
}
