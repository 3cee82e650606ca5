//go:build !js

package contextmenus_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/chrome/chrometest"
	"github.com/extwasm/extwasm/chrome/contextmenus"
	"github.com/extwasm/extwasm/chrome/tabs"
)

// A menu item on pages, created once (on install: Chrome keeps it), and its clicks. The menu item
// id of a click is a chrome.Union (Chrome's ids are strings or numbers): As reads it.
func ExampleCreate() {
	fake, stop := chrometest.Start()
	defer stop()
	fake.Handle("contextMenus.create", chrometest.Reply("add-note"))

	ctx := context.Background()
	if _, err := contextmenus.Create(ctx, contextmenus.CreateProperties{
		ID: "add-note", Title: "Add note", Contexts: []contextmenus.ContextType{contextmenus.ContextTypePage},
	}); err != nil {
		fmt.Println(err)
	}
	stopClicks, err := contextmenus.OnClicked(func(info contextmenus.OnClickData, tab *tabs.Tab) {
		var id string
		if info.MenuItemID.As(&id) == nil && id == "add-note" {
			fmt.Printf("add a note to %s\n", tab.URL)
		}
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stopClicks()

	fmt.Printf("%s\n", fake.CallsTo("contextMenus.create")[0][0])
	fake.Fire("contextMenus.onClicked", map[string]any{"menuItemId": "add-note", "editable": false}, tabs.Tab{ID: 7, URL: "https://example.com/"})
	// Output:
	// {"id":"add-note","title":"Add note","contexts":["page"]}
	// add a note to https://example.com/
}
