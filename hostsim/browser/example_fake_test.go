package browser_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A test answers an API hostsim does not model with a Go fake, and fires its events, as Chrome
// would when what they report happens. Arguments Chrome's bindings refuse never reach the fake.
func ExampleExtension_Fake() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	ext, err := b.Install("testdata/fakeext")
	if err != nil {
		panic(err)
	}
	saved := []string{"Go by Example", "The Go Programming Language", "Chrome Extensions"}
	err = ext.Fake("readingList.query", func(args []json.RawMessage) (any, error) {
		var query struct{ Title string }
		if err := json.Unmarshal(args[0], &query); err != nil {
			return nil, err
		}
		if query.Title == "" {
			return nil, errors.New("hypothetical: an empty title is refused")
		}
		var items []map[string]any
		for i, title := range saved {
			if strings.Contains(title, query.Title) {
				items = append(items, map[string]any{"url": fmt.Sprintf("https://example.com/%d", i), "title": title})
			}
		}
		return items, nil
	})
	if err != nil {
		panic(err)
	}
	if err := ext.FireEvent("readingList.onEntryAdded", map[string]any{"url": "https://example.com/go", "title": "Go by Example", "hasBeenRead": false, "lastUpdateTime": 1, "creationTime": 1}); err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, expr := range []string{
		`countEntries("Go")`,
		`countEntries("").catch((e) => e.message)`,
		`self.added`,
		`chrome.readingList.query({url: 5})`,
		`chrome.readingList.removeEntry({url: "https://example.com/0"})`,
	} {
		got, err := ext.Worker().Eval(ctx, expr)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(string(got))
	}
	// Output:
	// 2
	// "hypothetical: an empty title is refused"
	// ["Go by Example"]
	// error: worker[reading list counter]: TypeError: Error in invocation of readingList.query(readingList.QueryInfo info, optional function callback): Error at parameter 'info': Error at property 'url': Invalid type: expected string, found integer.
	// error: worker[reading list counter]: Error: hostsim: chrome.readingList.removeEntry is not simulated
}
