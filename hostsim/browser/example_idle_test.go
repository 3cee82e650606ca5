package browser_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A test makes the user idle, then locks the screen: chrome.idle answers what the test said, and
// the worker's idle.onStateChanged listener saw each change.
func ExampleBrowser_SetIdleState() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	ext, err := b.Install("testdata/idleext")
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	before, _ := ext.Worker().Eval(ctx, `chrome.idle.queryState(60)`)
	for _, state := range []string{"idle", "locked"} {
		if err := b.SetIdleState(state); err != nil {
			panic(err)
		}
	}
	after, _ := ext.Worker().Eval(ctx, `(async () => [await chrome.idle.queryState(60), self.states])()`)
	fmt.Println(string(before), string(after))
	// Output: "active" ["locked",["idle","locked"]]
}
