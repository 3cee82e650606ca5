// Package tabs is chrome.tabs for Go extension code: query, get, create, update, reload and remove
// tabs under a context.Context, and its events as Go callbacks.
//
//	active, err := tabs.Query(ctx, tabs.QueryInfo{Active: new(true), LastFocusedWindow: new(true)})
//	stop, err := tabs.OnUpdated(func(id int, change tabs.ChangeInfo, tab tabs.Tab) { … })
//
// Which Tab fields Chrome fills depends on the extension's permissions ("tabs" or host permissions
// for URL and Title). Chrome's errors ("No tab with id: 7.") come back as *chrome.Error. A worker
// woken by a tabs event lists it in the glue's start call (see package chrome).
package tabs

import (
	"context"
	"encoding/json"

	"github.com/extwasm/extwasm/chrome/internal/api"
)

// Tab is Chrome's tabs.Tab. Fields Chrome leaves out (by permission or state) are zero.
type Tab struct {
	ID              int     `json:"id"`
	Index           int     `json:"index"`
	WindowID        int     `json:"windowId"`
	OpenerTabID     int     `json:"openerTabId,omitempty"`
	GroupID         int     `json:"groupId"`
	Active          bool    `json:"active"`
	Highlighted     bool    `json:"highlighted"`
	Pinned          bool    `json:"pinned"`
	Incognito       bool    `json:"incognito"`
	Audible         bool    `json:"audible"`
	Discarded       bool    `json:"discarded"`
	AutoDiscardable bool    `json:"autoDiscardable"`
	Frozen          bool    `json:"frozen"`
	URL             string  `json:"url,omitempty"`
	PendingURL      string  `json:"pendingUrl,omitempty"`
	Title           string  `json:"title,omitempty"`
	FavIconURL      string  `json:"favIconUrl,omitempty"`
	Status          string  `json:"status,omitempty"` // "unloaded", "loading" or "complete"
	LastAccessed    float64 `json:"lastAccessed,omitempty"`
	Width           int     `json:"width,omitempty"`
	Height          int     `json:"height,omitempty"`
}

// QueryInfo selects tabs; nil and empty fields do not constrain. URL holds match patterns.
type QueryInfo struct {
	Active            *bool    `json:"active,omitempty"`
	CurrentWindow     *bool    `json:"currentWindow,omitempty"`
	LastFocusedWindow *bool    `json:"lastFocusedWindow,omitempty"`
	Highlighted       *bool    `json:"highlighted,omitempty"`
	Pinned            *bool    `json:"pinned,omitempty"`
	Audible           *bool    `json:"audible,omitempty"`
	Status            string   `json:"status,omitempty"`
	Title             string   `json:"title,omitempty"`
	URL               []string `json:"url,omitempty"`
	WindowID          *int     `json:"windowId,omitempty"`
	Index             *int     `json:"index,omitempty"`
}

// CreateProperties are tabs.create's; nil fields take Chrome's defaults (a new tab is active).
type CreateProperties struct {
	URL         string `json:"url,omitempty"`
	Active      *bool  `json:"active,omitempty"`
	Pinned      *bool  `json:"pinned,omitempty"`
	Index       *int   `json:"index,omitempty"`
	WindowID    *int   `json:"windowId,omitempty"`
	OpenerTabID *int   `json:"openerTabId,omitempty"`
}

// UpdateProperties are tabs.update's; nil and empty fields are left as they are.
type UpdateProperties struct {
	URL             string `json:"url,omitempty"`
	Active          *bool  `json:"active,omitempty"`
	Highlighted     *bool  `json:"highlighted,omitempty"`
	Pinned          *bool  `json:"pinned,omitempty"`
	Muted           *bool  `json:"muted,omitempty"`
	AutoDiscardable *bool  `json:"autoDiscardable,omitempty"`
	OpenerTabID     *int   `json:"openerTabId,omitempty"`
}

// ChangeInfo is what tabs.onUpdated reports as changed; empty fields did not change.
type ChangeInfo struct {
	Status     string `json:"status,omitempty"`
	URL        string `json:"url,omitempty"`
	Title      string `json:"title,omitempty"`
	FavIconURL string `json:"favIconUrl,omitempty"`
	Pinned     *bool  `json:"pinned,omitempty"`
	Audible    *bool  `json:"audible,omitempty"`
	Discarded  *bool  `json:"discarded,omitempty"`
}

// ActiveInfo is tabs.onActivated's argument.
type ActiveInfo struct {
	TabID    int `json:"tabId"`
	WindowID int `json:"windowId"`
}

// RemoveInfo is tabs.onRemoved's second argument.
type RemoveInfo struct {
	WindowID        int  `json:"windowId"`
	IsWindowClosing bool `json:"isWindowClosing"`
}

// Query is tabs.query(info).
func Query(ctx context.Context, info QueryInfo) ([]Tab, error) {
	var out []Tab
	if err := api.Call(ctx, "tabs.query", &out, info); err != nil {
		return nil, err
	}
	return out, nil
}

// Get is tabs.get(id).
func Get(ctx context.Context, id int) (Tab, error) {
	var out Tab
	err := api.Call(ctx, "tabs.get", &out, id)
	return out, err
}

// Create is tabs.create(props); it returns the new tab, before it has loaded.
func Create(ctx context.Context, props CreateProperties) (Tab, error) {
	var out Tab
	err := api.Call(ctx, "tabs.create", &out, props)
	return out, err
}

// Update is tabs.update(id, props); it returns the updated tab.
func Update(ctx context.Context, id int, props UpdateProperties) (Tab, error) {
	var out Tab
	err := api.Call(ctx, "tabs.update", &out, id, props)
	return out, err
}

// Reload is tabs.reload(id, {bypassCache}).
func Reload(ctx context.Context, id int, bypassCache bool) error {
	return api.Call(ctx, "tabs.reload", nil, id, map[string]bool{"bypassCache": bypassCache})
}

// Remove is tabs.remove(ids).
func Remove(ctx context.Context, ids ...int) error {
	if ids == nil {
		ids = []int{}
	}
	return api.Call(ctx, "tabs.remove", nil, ids)
}

// OnUpdated calls fn for each tabs.onUpdated event; stop removes it.
func OnUpdated(fn func(tabID int, change ChangeInfo, tab Tab)) (stop func(), err error) {
	return api.Listen("tabs.onUpdated", func(args []json.RawMessage) {
		var id int
		var change ChangeInfo
		var tab Tab
		api.Arg(args, 0, &id)
		api.Arg(args, 1, &change)
		api.Arg(args, 2, &tab)
		fn(id, change, tab)
	})
}

// OnCreated calls fn for each tabs.onCreated event.
func OnCreated(fn func(tab Tab)) (stop func(), err error) {
	return api.Listen("tabs.onCreated", func(args []json.RawMessage) {
		var tab Tab
		api.Arg(args, 0, &tab)
		fn(tab)
	})
}

// OnActivated calls fn for each tabs.onActivated event.
func OnActivated(fn func(info ActiveInfo)) (stop func(), err error) {
	return api.Listen("tabs.onActivated", func(args []json.RawMessage) {
		var info ActiveInfo
		api.Arg(args, 0, &info)
		fn(info)
	})
}

// OnRemoved calls fn for each tabs.onRemoved event.
func OnRemoved(fn func(tabID int, info RemoveInfo)) (stop func(), err error) {
	return api.Listen("tabs.onRemoved", func(args []json.RawMessage) {
		var id int
		var info RemoveInfo
		api.Arg(args, 0, &id)
		api.Arg(args, 1, &info)
		fn(id, info)
	})
}
