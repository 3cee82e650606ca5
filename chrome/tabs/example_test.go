package tabs_test

import (
	"context"
	"log"

	"github.com/extwasm/extwasm/chrome/tabs"
)

// The active tab of the last focused window, as Chrome's messaging docs find it before
// tabs.sendMessage (then: bridge.ToTab(tab.ID)).
func ExampleQuery() {
	ctx := context.Background()
	found, err := tabs.Query(ctx, tabs.QueryInfo{Active: new(true), LastFocusedWindow: new(true)})
	if err != nil || len(found) == 0 {
		log.Print("no active tab: ", err)
		return
	}
	log.Printf("tab %d: %s", found[0].ID, found[0].URL)
}

// React to pages finishing loading. A worker that must wake for it lists "tabs.onUpdated" in the
// glue's start call, so the event that starts it is buffered until this listener is registered.
func ExampleOnUpdated() {
	stop, err := tabs.OnUpdated(func(id int, change tabs.ChangeInfo, tab tabs.Tab) {
		if change.Status == "complete" {
			log.Printf("tab %d loaded %s", id, tab.URL)
		}
	})
	if err != nil {
		log.Print(err)
		return
	}
	defer stop()
}
