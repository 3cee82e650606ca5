//go:build js && wasm

// Command goapi is the Go worker of the fixture e2e/internal/scenario/testdata/goapi: it exports, on
// self.goapi, functions that drive chrome/tabs, chrome/storage, chrome/alarms and chrome/runtime,
// so tests call the Go APIs from JavaScript and compare what Chrome did. Every alarm and
// runtime.onInstalled event it receives is appended to chrome.storage.session's "seen" list, so a
// test can tell that the event which woke the worker reached Go.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync"
	"time"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/chrome/alarms"
	"github.com/extwasm/extwasm/chrome/downloads"
	"github.com/extwasm/extwasm/chrome/runtime"
	"github.com/extwasm/extwasm/chrome/storage"
	"github.com/extwasm/extwasm/chrome/tabs"
	"github.com/extwasm/extwasm/jsglue"
)

// prefs is a struct stored key by key.
type prefs struct {
	Theme string   `json:"theme"`
	Count int      `json:"count"`
	Tags  []string `json:"tags"`
}

// login is a stored object decoded strictly.
type login struct {
	User string `json:"user"`
}

var seenMu sync.Mutex

// record appends what to storage.session's "seen" list.
func record(what string) {
	seenMu.Lock()
	defer seenMu.Unlock()
	ctx := context.Background()
	seen, _, err := storage.GetValue[[]string](ctx, storage.Session, "seen")
	if err == nil {
		err = storage.Session.Set(ctx, map[string]any{"seen": append(seen, what)})
	}
	if err != nil {
		log.Printf("goapi: recording %s: %v", what, err)
	}
}

func main() {
	if _, err := alarms.OnAlarm(func(a alarms.Alarm) { record("alarm " + a.Name) }); err != nil {
		log.Printf("goapi: alarms.OnAlarm: %v", err)
	}
	if _, err := runtime.OnInstalled(func(d runtime.OnInstalledDetails) { record("installed " + string(d.Reason)) }); err != nil {
		log.Printf("goapi: runtime.OnInstalled: %v", err)
	}
	obj := jsglue.Global("goapi")
	export := func(name string, fn func(ctx context.Context, args []json.RawMessage) (any, error)) {
		jsglue.ExportPromise(obj, name, fn)
	}
	export("facts", facts)
	export("storage", storageRoundTrip)
	export("tabs", tabsRoundTrip)
	export("alarm", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var name string
		var delay float64
		if len(args) != 2 || json.Unmarshal(args[0], &name) != nil || json.Unmarshal(args[1], &delay) != nil {
			return nil, errors.New("usage: alarm(name, delayInMinutes)")
		}
		if err := alarms.Create(ctx, name, alarms.AlarmCreateInfo{DelayInMinutes: new(delay)}); err != nil {
			return nil, err
		}
		a, err := alarms.Get(ctx, name)
		if err != nil || a == nil {
			return nil, fmt.Errorf("alarms.Get after Create: found %v, %v", a != nil, err)
		}
		all, err := alarms.GetAll(ctx)
		return map[string]any{"name": a.Name, "periodic": a.PeriodInMinutes != 0, "count": len(all)}, err
	})
	export("download", download)
	export("clearAlarms", func(ctx context.Context, _ []json.RawMessage) (any, error) {
		_, err := alarms.ClearAll(ctx)
		return nil, err
	})
	if err := bridge.Ready(); err != nil {
		log.Fatal(err)
	}
	select {}
}

func facts(context.Context, []json.RawMessage) (any, error) {
	id, err := runtime.ID()
	if err != nil {
		return nil, err
	}
	url, err := runtime.GetURL("page.html")
	if err != nil {
		return nil, err
	}
	m, err := runtime.GetManifest()
	if err != nil {
		return nil, err
	}
	var name string
	if err := json.Unmarshal(m["name"], &name); err != nil {
		return nil, err
	}
	return map[string]string{"id": id, "url": url, "name": name}, nil
}

func storageRoundTrip(ctx context.Context, _ []json.RawMessage) (any, error) {
	out := map[string]any{}
	area := storage.Local
	if err := area.Clear(ctx); err != nil {
		return nil, err
	}
	if err := area.Set(ctx, prefs{Theme: "dark", Count: 2, Tags: []string{"a"}}); err != nil {
		return nil, err
	}
	var p prefs
	if err := area.GetInto(ctx, &p); err != nil {
		return nil, err
	}
	out["prefs"] = p
	count, found, err := storage.GetValue[int](ctx, area, "count")
	if err != nil {
		return nil, err
	}
	out["count"], out["found"] = count, found
	n, err := area.GetBytesInUse(ctx, "theme")
	if err != nil {
		return nil, err
	}
	out["bytesTheme"] = n
	if err := area.Set(ctx, map[string]any{"login": map[string]string{"USER": "gopher"}}); err != nil {
		return nil, err
	}
	_, _, err = storage.GetValue[login](ctx, area, "login")
	out["strict"] = errText(err)
	if err := area.Remove(ctx, "login", "tags"); err != nil {
		return nil, err
	}
	items, err := area.Get(ctx)
	if err != nil {
		return nil, err
	}
	keys := []string{}
	for k := range items {
		keys = append(keys, k)
	}
	out["left"] = len(keys)
	// Session storage from the worker; the quota error is Chrome's own text.
	err = storage.Session.Set(ctx, map[string]string{"big": strings.Repeat("x", 11<<20)})
	out["quota"] = errText(err)
	return out, nil
}

func tabsRoundTrip(ctx context.Context, args []json.RawMessage) (any, error) {
	var url string
	if len(args) != 1 || json.Unmarshal(args[0], &url) != nil {
		return nil, errors.New("usage: tabs(url)")
	}
	out := map[string]any{}
	complete := make(chan int, 8)
	var statuses []string
	var mu sync.Mutex
	stop, err := tabs.OnUpdated(func(id int, change tabs.ChangeInfo, tab tabs.Tab) {
		if change.Status == "" {
			return
		}
		mu.Lock()
		statuses = append(statuses, string(change.Status))
		mu.Unlock()
		if change.Status == "complete" {
			complete <- id
		}
	})
	if err != nil {
		return nil, err
	}
	defer stop()
	tab, err := tabs.Create(ctx, tabs.CreateProperties{URL: url, Active: new(false)})
	if err != nil {
		return nil, err
	}
	if id := <-complete; id != tab.ID {
		return nil, fmt.Errorf("complete for tab %d, created %d", id, tab.ID)
	}
	got, err := tabs.Get(ctx, tab.ID)
	if err != nil {
		return nil, err
	}
	out["url"], out["active"] = got.URL, got.Active
	found, err := tabs.Query(ctx, tabs.QueryInfo{URL: []string{url}})
	if err != nil {
		return nil, err
	}
	out["queried"] = len(found)
	if _, err := tabs.Update(ctx, new(tab.ID), tabs.UpdateProperties{Active: new(true)}); err != nil {
		return nil, err
	}
	active, err := tabs.Query(ctx, tabs.QueryInfo{Active: new(true), LastFocusedWindow: new(true)})
	if err != nil {
		return nil, err
	}
	out["activeIsIt"] = len(active) == 1 && active[0].ID == tab.ID
	if err := tabs.Reload(ctx, new(tab.ID), &tabs.ReloadProperties{BypassCache: new(false)}); err != nil {
		return nil, err
	}
	<-complete
	if err := tabs.Remove(ctx, []int{tab.ID}); err != nil {
		return nil, err
	}
	_, err = tabs.Get(ctx, tab.ID)
	out["afterRemove"] = errText(err)
	mu.Lock()
	out["statuses"] = statuses
	mu.Unlock()
	return out, nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// download saves the URL in args[0] with chrome/downloads and waits for it to end.
func download(ctx context.Context, args []json.RawMessage) (any, error) {
	var url string
	if len(args) != 1 || json.Unmarshal(args[0], &url) != nil {
		return nil, errors.New("usage: download(url)")
	}
	id, err := downloads.Download(ctx, downloads.DownloadOptions{URL: url, Filename: "go/saved.txt"})
	if err != nil {
		return nil, err
	}
	n := int(id)
	for {
		items, err := downloads.Search(ctx, downloads.DownloadQuery{ID: &n})
		if err != nil {
			return nil, err
		}
		if len(items) == 1 && items[0].State != downloads.StateInProgress {
			it := items[0]
			return map[string]any{"state": it.State, "name": it.Filename[strings.LastIndex(it.Filename, "/Downloads/")+len("/Downloads/"):],
				"mime": it.MIME, "bytes": it.FileSize}, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
