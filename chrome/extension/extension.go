// Package extension is the running extension's facts from chrome.runtime: its id, the URLs of its
// files, its manifest, and runtime.onInstalled. (It is not named runtime, which would shadow Go's.)
//
//	url, err := extension.URL("options.html")
//	stop, err := extension.OnInstalled(func(d extension.InstalledDetails) { … })
//
// ID, URL and Manifest do not wait and take no context. A worker that must see the onInstalled
// event of its own installation lists "runtime.onInstalled" in the glue's start call (see package
// chrome): the event fires while the worker first starts, before Go runs.
package extension

import (
	"encoding/json"

	"github.com/extwasm/extwasm/chrome/internal/api"
)

// ID is chrome.runtime.id.
func ID() (string, error) {
	var id string
	err := api.Get("runtime.id", &id)
	return id, err
}

// URL is chrome.runtime.getURL(path): the chrome-extension:// URL of a file of the extension.
func URL(path string) (string, error) {
	var u string
	err := api.Invoke("runtime.getURL", &u, path)
	return u, err
}

// Manifest decodes chrome.runtime.getManifest() into out (a struct with the keys it needs, or a
// map); decoding is lenient, as a manifest has many keys a program does not read.
func Manifest(out any) error { return api.Get("runtime.getManifest", out) }

// InstalledDetails is runtime.onInstalled's argument.
type InstalledDetails struct {
	// Reason is "install", "update", "chrome_update" or "shared_module_update".
	Reason          string `json:"reason"`
	PreviousVersion string `json:"previousVersion,omitempty"`
	ID              string `json:"id,omitempty"`
}

// OnInstalled calls fn for each runtime.onInstalled event.
func OnInstalled(fn func(d InstalledDetails)) (stop func(), err error) {
	return api.Listen("runtime.onInstalled", func(args []json.RawMessage) {
		var d InstalledDetails
		api.Arg(args, 0, &d)
		fn(d)
	})
}
