package browser_test

import (
	"context"
	"fmt"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A test seeds chrome.storage.local from Go, lets the extension change it, and reads the result
// back into a Go value.
func ExampleStorage() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	ext, err := b.Install("testdata/storage")
	if err != nil {
		panic(err)
	}
	local := ext.Storage(browser.StorageLocal)
	if err := local.Set(map[string]any{"settings": map[string]any{"theme": "dark", "size": 12}}); err != nil {
		panic(err)
	}
	_, err = ext.Worker().Eval(context.Background(), `(async () => {
		const {settings} = await chrome.storage.local.get("settings");
		await chrome.storage.local.set({settings: {...settings, size: settings.size + 1}});
	})()`)
	if err != nil {
		panic(err)
	}
	var settings struct {
		Theme string `json:"theme"`
		Size  int    `json:"size"`
	}
	found, err := local.GetInto("settings", &settings)
	fmt.Println(found, settings.Theme, settings.Size, err)
	n, _ := local.BytesInUse()
	fmt.Println(n, "bytes in use")
	// Output:
	// true dark 13 <nil>
	// 34 bytes in use
}
