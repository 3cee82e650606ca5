// Package feeds holds the RSS detector's routes, shared by its worker, its content script and (by
// name) its plain-JS popup.
package feeds

import "github.com/extwasm/extwasm/bridge"

// Feed is one <link rel="alternate"> of an RSS or Atom type.
type Feed struct {
	Title string `json:"title,omitempty"`
	URL   string `json:"url"`
}

// Found is what a content script reports about its page.
type Found struct {
	Feeds []Feed `json:"feeds"`
}

// Query asks for a tab's feeds; TabID 0 means the active tab of the last focused window.
type Query struct {
	TabID int `json:"tabId,omitempty"`
}

// TabFeeds are the feeds the worker keeps for a tab.
type TabFeeds struct {
	TabID int    `json:"tabId"`
	Feeds []Feed `json:"feeds"`
}

// Pong is a content script's answer to a ping: its page's title and how many feeds it found.
type Pong struct {
	TabID int    `json:"tabId"`
	Title string `json:"title"`
	Feeds int    `json:"feeds"`
}

// Source asks the worker to fetch a feed by its absolute URL.
type Source struct {
	URL string `json:"url"`
}

// Channel is what the worker read from a fetched RSS feed.
type Channel struct {
	Status int    `json:"status"`
	Title  string `json:"title"`
	Items  int    `json:"items"`
}

// None is an empty request or reply.
type None struct{}

var (
	// Report: content script → worker, once its page is parsed.
	Report = bridge.NewRoute[Found, None]("rss.report")
	// List: popup → worker.
	List = bridge.NewRoute[Query, TabFeeds]("rss.list")
	// PingActive: any extension context → worker, which pings the active tab's content script.
	PingActive = bridge.NewRoute[None, Pong]("rss.pingActive")
	// Fetch: any extension context → worker, which fetches the feed with net/http (Go's
	// GOOS=js transport is the browser's fetch) and reads its channel.
	Fetch = bridge.NewRoute[Source, Channel]("rss.fetch")
	// Ping: worker → content script.
	Ping = bridge.NewRoute[None, Pong]("rss.ping")
)
