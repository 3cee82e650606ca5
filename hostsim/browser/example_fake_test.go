package browser_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A test answers an API hostsim does not model with a Go fake, and fires its events, as Chrome
// would when what they report happens.
func ExampleExtension_Fake() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	ext, err := b.Install("testdata/cookiesext")
	if err != nil {
		panic(err)
	}
	err = ext.Fake("cookies.getAll", func(args []json.RawMessage) (any, error) {
		var details struct{ URL string }
		if err := json.Unmarshal(args[0], &details); err != nil {
			return nil, err
		}
		if details.URL != "https://example.com/" {
			return nil, errors.New("No host permissions for cookies at url: \"" + details.URL + "\".")
		}
		return []map[string]any{{"name": "session", "value": "1"}, {"name": "theme", "value": "dark"}}, nil
	})
	if err != nil {
		panic(err)
	}
	if err := ext.FireEvent("downloads.onCreated", map[string]any{"id": 1, "filename": "/tmp/report.pdf"}); err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, expr := range []string{
		`countCookies("https://example.com/")`,
		`countCookies("https://other.example/").catch((e) => e.message)`,
		`self.downloads`,
		`chrome.cookies.getAllCookieStores().catch((e) => e.message)`,
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
	// "No host permissions for cookies at url: \"https://other.example/\"."
	// ["/tmp/report.pdf"]
	// error: worker[cookie counter]: Error: hostsim: chrome.cookies.getAllCookieStores is not simulated
}
