package extwasmtest_test

import (
	"context"
	"fmt"
	"log"
	"path/filepath"

	"github.com/extwasm/extwasm/extwasmtest"
)

// A test opens the browser the run chose (hostsim unless -extwasm.browser=chromium), installs an
// unpacked extension, serves a page, and evaluates in the extension's contexts. Here the worker
// asks the page's content script to describe the page, as an extension's popup would.
func Example() {
	ctx := context.Background()
	b, err := extwasmtest.Open(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer b.Close()
	dir, _ := filepath.Abs("../hostsim/browser/testdata/docsext") // plain JS, from Chrome's docs
	ext, err := b.Install(ctx, dir)
	if err != nil {
		log.Fatal(err)
	}
	url := b.Serve("/article.html", extwasmtest.Page{HTML: `<!doctype html><title>An article</title><a href="/a">a</a>`})
	if _, err := b.OpenTab(ctx, url); err != nil {
		log.Fatal(err)
	}
	var page struct {
		Title      string `json:"title"`
		ReadyState string `json:"readyState"`
		Links      int    `json:"links"`
	}
	err = extwasmtest.EvalInto(ctx, ext.Worker(), `chrome.tabs.query({url: "http://127.0.0.1/*"})
		.then(([tab]) => chrome.tabs.sendMessage(tab.id, {type: "describe"}))`, &page)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d link, %s\n", page.Title, page.Links, page.ReadyState)
	// Output: An article: 1 link, complete
}
