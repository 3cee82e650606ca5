package browser_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A test makes the clicks and key presses a user makes — a context-menu item, a command's shortcut,
// the toolbar button — and reads what the extension did with them.
func ExampleExtension_ClickMenuItem() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	ext, err := b.Install("testdata/notes")
	if err != nil {
		panic(err)
	}
	b.ServePage("http://127.0.0.1:8000/a.html", browser.Page{HTML: "<p>a</p>"})
	tab, err := b.OpenTab("http://127.0.0.1:8000/a.html")
	if err != nil {
		panic(err)
	}
	if err := ext.ClickMenuItem("add-note", tab); err != nil {
		panic(err)
	}
	if _, err := ext.PressCommand("add-note", tab); err != nil {
		panic(err)
	}
	if _, err := ext.ClickAction(tab); err != nil {
		panic(err)
	}
	var got struct {
		Notes []string `json:"notes"`
		Badge string   `json:"badge"`
	}
	err = ext.Worker().EvalInto(context.Background(), `chrome.action.getBadgeText({}).then((badge) => ({notes: self.notes, badge}))`, &got)
	fmt.Println(err)
	for _, n := range got.Notes {
		fmt.Println(n)
	}
	fmt.Println("badge:", got.Badge)
	// Output:
	// <nil>
	// menu add-note on tab 2
	// shortcut add-note on tab 2
	// button on tab 2
	// badge: 3
}
