//go:build js && wasm

// Command worker is the RSS detector's service worker: it keeps each tab's feeds in
// chrome.storage.session, so they survive the worker's idle stops, and answers the popup.
package main

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/chrome/storage"
	"github.com/extwasm/extwasm/chrome/tabs"
	"github.com/extwasm/extwasm/examples/rss/feeds"
)

func key(tabID int) string { return "feeds:" + strconv.Itoa(tabID) }

// activeTab is the active tab of the last focused window, as Chrome's messaging docs find it.
func activeTab(ctx context.Context) (tabs.Tab, error) {
	found, err := tabs.Query(ctx, tabs.QueryInfo{Active: new(true), LastFocusedWindow: new(true)})
	if err != nil {
		return tabs.Tab{}, err
	}
	if len(found) == 0 {
		return tabs.Tab{}, fmt.Errorf("%w: no active tab", bridge.ErrNotFound)
	}
	return found[0], nil
}

// fetchChannel gets an RSS feed with net/http, which under GOOS=js is the browser's fetch: the
// extension's host_permissions let the worker read it without CORS headers.
func fetchChannel(ctx context.Context, url string) (feeds.Channel, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return feeds.Channel{}, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return feeds.Channel{}, err
	}
	defer resp.Body.Close()
	out := feeds.Channel{Status: resp.StatusCode}
	if resp.StatusCode != http.StatusOK {
		return out, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return out, err
	}
	var rss struct {
		Channel struct {
			Title string     `xml:"title"`
			Items []struct{} `xml:"item"`
		} `xml:"channel"`
	}
	if err := xml.Unmarshal(body, &rss); err != nil {
		return out, fmt.Errorf("%s is not RSS: %w", url, err)
	}
	out.Title, out.Items = rss.Channel.Title, len(rss.Channel.Items)
	return out, nil
}

func main() {
	must(bridge.Handle(feeds.Report, func(ctx context.Context, f feeds.Found) (feeds.None, error) {
		s, ok := bridge.SenderFrom(ctx)
		if !ok || s.Tab == nil {
			return feeds.None{}, errors.New("a report must come from a tab")
		}
		return feeds.None{}, storage.Session.Set(ctx, map[string][]feeds.Feed{key(s.Tab.ID): f.Feeds})
	}, bridge.AllowContentScripts()))

	must(bridge.Handle(feeds.List, func(ctx context.Context, q feeds.Query) (feeds.TabFeeds, error) {
		id := q.TabID
		if id == 0 {
			tab, err := activeTab(ctx)
			if err != nil {
				return feeds.TabFeeds{}, err
			}
			id = tab.ID
		}
		list, _, err := storage.GetValue[[]feeds.Feed](ctx, storage.Session, key(id))
		if err != nil {
			return feeds.TabFeeds{}, err
		}
		if list == nil {
			list = []feeds.Feed{}
		}
		return feeds.TabFeeds{TabID: id, Feeds: list}, nil
	}, bridge.AllowOwnExtension()))

	must(bridge.Handle(feeds.PingActive, func(ctx context.Context, _ feeds.None) (feeds.Pong, error) {
		tab, err := activeTab(ctx)
		if err != nil {
			return feeds.Pong{}, err
		}
		pong, err := feeds.Ping.Send(ctx, bridge.ToTab(tab.ID), feeds.None{})
		pong.TabID = tab.ID
		return pong, err
	}, bridge.AllowOwnExtension(), bridge.AllowContentScripts()))

	must(bridge.Handle(feeds.Fetch, func(ctx context.Context, s feeds.Source) (feeds.Channel, error) {
		return fetchChannel(ctx, s.URL)
	}, bridge.AllowOwnExtension(), bridge.AllowContentScripts()))

	must(bridge.Ready())
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
