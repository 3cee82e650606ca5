package browser_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A content script messages its service worker, which is started on demand; the transcript shows
// every hop on virtual time.
func Example() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	ext, err := b.Install("testdata/probe")
	if err != nil {
		panic(err)
	}
	tab, err := b.OpenTab("http://127.0.0.1:8000/")
	if err != nil {
		panic(err)
	}
	cs := tab.Top().ContentScript(ext)
	reply, err := cs.Eval(context.Background(), `chrome.runtime.sendMessage({mode: "echo", v: "hi"})`)
	fmt.Println(string(reply), err)
	_, err = ext.Worker().Eval(context.Background(), `chrome.runtime.sendMessage({})`)
	fmt.Println(err)
	for _, e := range b.Transcript().Filter("result") {
		fmt.Println(e.Outcome)
	}
	// Output:
	// "hi" <nil>
	// worker[Probe]: Error: Could not establish connection. Receiving end does not exist.
	// response
	// rejected: Could not establish connection. Receiving end does not exist.
}
