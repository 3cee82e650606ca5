//go:build !js

package action_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/chrome"
	"github.com/extwasm/extwasm/chrome/action"
	"github.com/extwasm/extwasm/chrome/chrometest"
)

// The badge: a count on the toolbar button, in a color given as a CSS string (Chrome also takes an
// RGBA array: chrome.UnionOf([]int{70, 136, 241, 255})). Here chrometest stands in for Chrome and
// shows what Chrome receives.
func ExampleSetBadgeText() {
	fake, stop := chrometest.Start()
	defer stop()
	fake.Handle("action.setBadgeText", chrometest.Reply(nil))
	fake.Handle("action.setBadgeBackgroundColor", chrometest.Reply(nil))

	ctx := context.Background()
	if err := action.SetBadgeText(ctx, action.SetBadgeTextDetails{Text: "3"}); err != nil {
		fmt.Println(err)
	}
	if err := action.SetBadgeBackgroundColor(ctx, action.SetBadgeBackgroundColorDetails{Color: chrome.UnionOf("#4688F1")}); err != nil {
		fmt.Println(err)
	}
	for _, c := range fake.Calls() {
		fmt.Printf("%s %s\n", c.API, c.Args[0])
	}
	// Output:
	// action.setBadgeText {"text":"3"}
	// action.setBadgeBackgroundColor {"color":"#4688F1"}
}
