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
	ext, err := b.Install("testdata/historyext")
	if err != nil {
		panic(err)
	}
	visited := []string{"Go by Example", "The Go Programming Language", "Chrome Extensions"}
	err = ext.Fake("history.search", func(args []json.RawMessage) (any, error) {
		var query struct{ Text string }
		if err := json.Unmarshal(args[0], &query); err != nil {
			return nil, err
		}
		if query.Text == "" {
			return nil, errors.New("hypothetical: an empty search is refused")
		}
		var items []map[string]any
		for i, title := range visited {
			if strings.Contains(title, query.Text) {
				items = append(items, map[string]any{"id": fmt.Sprint(i + 1), "title": title})
			}
		}
		return items, nil
	})
	if err != nil {
		panic(err)
	}
	if err := ext.FireEvent("downloads.onCreated", map[string]any{"id": 1, "filename": "/tmp/report.pdf"}); err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, expr := range []string{
		`countVisits("Go")`,
		`countVisits("").catch((e) => e.message)`,
		`self.downloads`,
		`chrome.history.search({})`,
		`chrome.history.deleteAll()`,
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
	// "hypothetical: an empty search is refused"
	// ["/tmp/report.pdf"]
	// error: worker[history counter]: TypeError: Error in invocation of history.search(object query, optional function callback): Error at parameter 'query': Missing required property 'text'.
	// error: worker[history counter]: Error: hostsim: chrome.history.deleteAll is not simulated
}
