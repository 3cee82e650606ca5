package chromium_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/extwasm/extwasm/internal/chromium"
)

// A tour: load an extension, talk to its worker and to its content script in a page, and stop the
// worker to exercise a cold start. (Not run by go test: it needs Chromium; the e2e tests run it.)
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pages, err := chromium.ServePages("testdata/pages")
	if err != nil {
		log.Fatal(err)
	}
	defer pages.Close()
	id, err := chromium.ExtensionID("extension")
	if err != nil {
		log.Fatal(err)
	}
	b, err := chromium.Launch(ctx, chromium.Options{Extensions: []string{"extension"}})
	if err != nil {
		log.Fatal(err) // names the binary and quotes its output
	}
	defer b.Close()

	w, err := b.Worker(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	tab, tabID, err := w.OpenTab(ctx, pages.Page("login.html"))
	if err != nil {
		log.Fatal(err)
	}
	defer tab.Close()
	reply, err := w.Eval(ctx, fmt.Sprintf(`chrome.tabs.sendMessage(%d, {greeting: "hello"})`, tabID))
	fmt.Println(string(reply), err)

	if err := w.Stop(ctx); err != nil {
		log.Fatal(err)
	}
	cs := tab.Isolated(id)
	reply, err = cs.Eval(ctx, `chrome.runtime.sendMessage({greeting: "hello"})`) // wakes the worker
	fmt.Println(string(reply), err)
}

func ExampleParseHeaders() {
	h, err := chromium.ParseHeaders("# served with csp.html\nContent-Security-Policy: script-src 'self'\n")
	fmt.Println(h.Get("Content-Security-Policy"), err)
	// Output: script-src 'self' <nil>
}
