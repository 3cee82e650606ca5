//go:build js && wasm

// Command content is the RSS detector's content script: it reports the page's feeds to the worker
// and answers the worker's pings.
package main

import (
	"context"
	"log"
	"syscall/js"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/examples/rss/feeds"
	"github.com/extwasm/extwasm/jsglue"
)

// findFeeds reads the page's <link rel="alternate"> elements of a feed type.
func findFeeds() ([]feeds.Feed, error) {
	doc, err := jsglue.Document()
	if err != nil {
		return nil, err
	}
	links, err := doc.QueryAll(`link[rel="alternate"][type="application/rss+xml"], link[rel="alternate"][type="application/atom+xml"]`)
	if err != nil {
		return nil, err
	}
	found := []feeds.Feed{}
	for _, l := range links {
		href, ok := l.Attr("href")
		if !ok || href == "" {
			continue
		}
		title, _ := l.Attr("title")
		found = append(found, feeds.Feed{Title: title, URL: href})
	}
	return found, nil
}

func main() {
	found, err := findFeeds()
	if err != nil {
		log.Fatal(err)
	}
	must(bridge.Handle(feeds.Ping, func(ctx context.Context, _ feeds.None) (feeds.Pong, error) {
		return feeds.Pong{Title: js.Global().Get("document").Get("title").String(), Feeds: len(found)}, nil
	}, bridge.AllowOwnExtension()))
	must(bridge.Ready())
	if _, err := feeds.Report.Send(context.Background(), bridge.ToExtension(), feeds.Found{Feeds: found}); err != nil {
		log.Printf("rss: reporting feeds: %v", err)
	}
	js.Global().Set("rssReported", len(found))
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
