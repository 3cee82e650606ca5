package storage_test

import (
	"context"
	"log"

	"github.com/extwasm/extwasm/chrome/storage"
)

// Prefs is kept in chrome.storage.local, one item per field.
type Prefs struct {
	Theme string `json:"theme"`
	Count int    `json:"count"`
}

// A worker keeps its state in storage, so it survives the worker's idle stops: read it strictly
// into a struct (a stored "Theme" or "THEME" is not "theme"), change it, write it back.
func Example() {
	ctx := context.Background()
	prefs := Prefs{Theme: "light"} // the defaults, for keys not set yet
	if err := storage.Local.GetInto(ctx, &prefs); err != nil {
		log.Print(err)
		return
	}
	prefs.Count++
	if err := storage.Local.Set(ctx, prefs); err != nil {
		log.Print(err) // e.g. Chrome's quota error, as a *chrome.Error
	}
}

// One key, decoded into any Go type.
func ExampleGetValue() {
	ctx := context.Background()
	feeds, found, err := storage.GetValue[[]string](ctx, storage.Session, "feeds:7")
	if err != nil {
		log.Print(err)
		return
	}
	if !found {
		feeds = []string{}
	}
	log.Printf("%d feeds", len(feeds))
}
