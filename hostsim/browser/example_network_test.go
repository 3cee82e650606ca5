package browser_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/extwasm/extwasm/hostsim/browser"
)

// A test serves a URL with a Go handler, in process; the worker fetches it with its host
// permission, as it would fetch the real site in Chrome.
func ExampleBrowser_Handle() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	err = b.Handle("https://example.com/api/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"path": %q}`, r.URL.Path)
	}))
	if err != nil {
		panic(err)
	}
	ext, err := b.Install("testdata/fakeext")
	if err != nil {
		panic(err)
	}
	got, err := ext.Worker().Eval(context.Background(), `fetch("https://example.com/api/notes").then((r) => r.json())`)
	fmt.Println(string(got), err)
	// Output: {"path":"/api/notes"} <nil>
}

// A test stands for the user at Chrome's permission prompt: the extension's request for an
// optional permission is granted, and contains then says so.
func ExampleExtension_AnswerPermissionRequests() {
	b, err := browser.New(browser.Options{Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	ext, err := b.Install("testdata/fakeext")
	if err != nil {
		panic(err)
	}
	ext.AnswerPermissionRequests(func(r browser.PermissionRequest) bool {
		fmt.Println("asked for", r.Permissions)
		return true
	})
	got, err := ext.Worker().Eval(context.Background(), `chrome.permissions.request({permissions: ["idle"]})
		.then((granted) => chrome.permissions.contains({permissions: ["idle"]}).then((has) => [granted, has]))`)
	fmt.Println(string(got), err)
	// Output:
	// asked for [idle]
	// [true,true] <nil>
}
