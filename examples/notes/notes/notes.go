// Package notes is the Tab Notes extension's logic, in Go only: a context-menu item "Add note"
// keeps a note per page in chrome.storage, shows a banner in the page with chrome.scripting, puts
// the number of notes on the toolbar badge, tells the user with a notification and opens the
// offscreen document (a page without a window, where an extension parses HTML or plays audio;
// this one answers pings). It runs in the extension's service worker
// (wasm/worker) and is unit-tested natively with package chrometest (notes_test.go).
package notes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/chrome/action"
	"github.com/extwasm/extwasm/chrome/contextmenus"
	"github.com/extwasm/extwasm/chrome/notifications"
	"github.com/extwasm/extwasm/chrome/offscreen"
	"github.com/extwasm/extwasm/chrome/scripting"
	"github.com/extwasm/extwasm/chrome/storage"
	"github.com/extwasm/extwasm/chrome/tabs"
)

// MenuItemID is the context-menu item's id.
const MenuItemID = "add-note"

// key is where the notes live in chrome.storage.local: page URL → note.
const key = "notes"

// AddRequest asks for a note on a tab's page.
type AddRequest struct {
	TabID int `json:"tabId"`
}

// Added is what adding a note did.
type Added struct {
	// Note is the note kept for the page.
	Note string `json:"note"`
	// Count is the number of notes now kept, as the badge shows it.
	Count int `json:"count"`
	// Notification is the id of the notification that told the user.
	Notification string `json:"notification"`
}

// Add is the route the popup (and a test) uses for what the menu item does.
var Add = bridge.NewRoute[AddRequest, Added]("notes.add")

// CreateMenu creates the "Add note" item on pages (once, on install: Chrome keeps it).
func CreateMenu(ctx context.Context) error {
	_, err := contextmenus.Create(ctx, contextmenus.CreateProperties{
		ID:       MenuItemID,
		Title:    "Add note",
		Contexts: []contextmenus.ContextType{contextmenus.ContextTypePage},
	})
	return err
}

// MenuClicked is the contextMenus.onClicked listener: a click on "Add note" adds a note to the
// page it was made on.
func MenuClicked(ctx context.Context, info contextmenus.OnClickData, tab *tabs.Tab) (Added, error) {
	var id string
	if err := info.MenuItemID.As(&id); err != nil || id != MenuItemID {
		return Added{}, fmt.Errorf("%w: menu item %s is not ours", bridge.ErrNotFound, info.MenuItemID.JSON())
	}
	if tab == nil {
		return Added{}, errors.New("the menu was not used on a tab")
	}
	return AddNote(ctx, tab.ID)
}

// AddNote keeps a note for the tab's page and shows it: the banner in the page (whose title the
// banner script returns), the count on the badge, a notification, and the offscreen document.
func AddNote(ctx context.Context, tabID int) (Added, error) {
	results, err := scripting.ExecuteScript(ctx, scripting.ScriptInjection{
		Target: scripting.InjectionTarget{TabID: tabID},
		Files:  []string{"banner.js"},
	})
	if err != nil {
		return Added{}, err
	}
	var title string
	if len(results) == 0 || json.Unmarshal(results[0].Result, &title) != nil {
		return Added{}, fmt.Errorf("banner.js returned no title in tab %d", tabID)
	}
	tab, err := tabs.Get(ctx, tabID)
	if err != nil {
		return Added{}, err
	}
	kept, _, err := storage.GetValue[map[string]string](ctx, storage.Local, key)
	if err != nil {
		return Added{}, err
	}
	if kept == nil {
		kept = map[string]string{}
	}
	note := "Note on " + title
	kept[tab.URL] = note
	if err := storage.Local.Set(ctx, map[string]any{key: kept}); err != nil {
		return Added{}, err
	}
	count := len(kept)
	if err := action.SetBadgeText(ctx, action.SetBadgeTextDetails{Text: strconv.Itoa(count)}); err != nil {
		return Added{}, err
	}
	shown, err := notifications.Create(ctx, "", notifications.NotificationOptions{
		Type:    notifications.TemplateTypeBasic,
		IconURL: "icon.png",
		Title:   "Note added",
		Message: note,
	})
	if err != nil {
		return Added{}, err
	}
	if err := ensureOffscreen(ctx); err != nil {
		return Added{}, err
	}
	return Added{Note: note, Count: count, Notification: shown}, nil
}

// ensureOffscreen opens the offscreen document unless it is open: Chrome allows one.
func ensureOffscreen(ctx context.Context) error {
	open, err := offscreen.HasDocument(ctx)
	if err != nil || open {
		return err
	}
	return offscreen.CreateDocument(ctx, offscreen.CreateParameters{
		URL:           "offscreen.html",
		Reasons:       []offscreen.Reason{offscreen.ReasonDOMParser},
		Justification: "answers the notes worker",
	})
}
