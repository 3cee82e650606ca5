//go:build js && wasm

// Command worker is Tab Notes' service worker: it creates the context-menu item on install and
// adds a note when it is clicked, or when the popup asks.
package main

import (
	"context"
	"log"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/chrome/contextmenus"
	"github.com/extwasm/extwasm/chrome/runtime"
	"github.com/extwasm/extwasm/chrome/tabs"
	"github.com/extwasm/extwasm/examples/notes/notes"
)

func main() {
	// Both events are listed in worker.js's start call: they wake the worker and wait for these
	// listeners.
	must(runtime.OnInstalled(func(runtime.OnInstalledDetails) {
		if err := notes.CreateMenu(context.Background()); err != nil {
			log.Printf("notes: %v", err)
		}
	}))
	must(contextmenus.OnClicked(func(info contextmenus.OnClickData, tab *tabs.Tab) {
		if _, err := notes.MenuClicked(context.Background(), info, tab); err != nil {
			log.Printf("notes: %v", err)
		}
	}))
	if err := bridge.Handle(notes.Add, func(ctx context.Context, r notes.AddRequest) (notes.Added, error) {
		return notes.AddNote(ctx, r.TabID)
	}, bridge.AllowOwnExtension()); err != nil {
		log.Fatal(err)
	}
	if err := bridge.Ready(); err != nil {
		log.Fatal(err)
	}
	select {}
}

func must(_ func(), err error) {
	if err != nil {
		log.Fatal(err)
	}
}
