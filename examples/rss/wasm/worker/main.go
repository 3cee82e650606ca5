//go:build js && wasm

// Command worker is the RSS detector's service worker: it keeps each tab's feeds in
// chrome.storage.session, so they survive the worker's idle stops, and answers the popup.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
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

	must(bridge.Ready())
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
