//go:build !js

package chrometest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/extwasm/extwasm/chrome/action"
	"github.com/extwasm/extwasm/chrome/chrometest"
	"github.com/extwasm/extwasm/chrome/contextmenus"
	"github.com/extwasm/extwasm/chrome/tabs"
)

// showCount is code under test: it puts a count on the toolbar badge.
func showCount(ctx context.Context, n int) error {
	return action.SetBadgeText(ctx, action.SetBadgeTextDetails{Text: strconv.Itoa(n)})
}

// A handler that calls Chrome, tested natively: the fake records what reached "Chrome", as JSON.
func Example() {
	fake, stop := chrometest.Start()
	defer stop()
	fake.Handle("action.setBadgeText", chrometest.Reply(nil))

	if err := showCount(context.Background(), 3); err != nil {
		fmt.Println(err)
	}
	for _, c := range fake.Calls() {
		fmt.Println(c.API, string(c.Args[0]))
	}
	// Output: action.setBadgeText {"text":"3"}
}

// Events are fired by the test and reach the Go listener before Fire returns.
func ExampleFake_Fire() {
	fake, stop := chrometest.Start()
	defer stop()
	stopListening, err := contextmenus.OnClicked(func(info contextmenus.OnClickData, tab *tabs.Tab) {
		var id string
		_ = info.MenuItemID.As(&id)
		fmt.Printf("clicked %q in tab %d (%s)\n", id, tab.ID, info.PageURL)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stopListening()
	fake.Fire("contextMenus.onClicked",
		map[string]any{"menuItemId": "add-note", "pageUrl": "https://example.com/", "editable": false},
		tabs.Tab{ID: 7, URL: "https://example.com/"})
	// Output: clicked "add-note" in tab 7 (https://example.com/)
}

// A call the test did not fake fails with an error that says how to fake it; Chrome's own
// errors are faked with chrometest.Error.
func ExampleError() {
	fake, stop := chrometest.Start()
	defer stop()
	ctx := context.Background()
	_, err := tabs.Get(ctx, 7)
	fmt.Println(err)
	fake.Handle("tabs.get", func(args []json.RawMessage) (any, error) {
		return nil, chrometest.Error("No tab with id: " + string(args[0]) + ".")
	})
	_, err = tabs.Get(ctx, 7)
	fmt.Println(err)
	// Output:
	// chrometest: no fake for chrome.tabs.get: add fake.Handle("tabs.get", …)
	// tabs.get: No tab with id: 7.
}
