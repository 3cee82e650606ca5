// Package tabs is chrome.tabs for Go extension code: query, get, create, update, move, reload and
// remove tabs under a context.Context, and its events as Go callbacks. It is generated from
// Chrome's API schema (zz_generated.go); this file only documents it.
//
//	active, err := tabs.Query(ctx, tabs.QueryInfo{Active: new(true), LastFocusedWindow: new(true)})
//	stop, err := tabs.OnUpdated(func(id int, change tabs.ChangeInfo, tab tabs.Tab) { … })
//
// Which Tab fields Chrome fills depends on the extension's permissions ("tabs" or host permissions
// for URL and Title). Chrome's errors ("No tab with id: 7.") come back as *chrome.Error. A worker
// woken by a tabs event lists it in the glue's start call (see package chrome).
//
// Window and its enums are defined here and aliased by package windows: tabs.highlight returns a
// Window and a Window holds Tabs, and Go packages cannot import each other in a cycle.
//
// Reference: https://developer.chrome.com/docs/extensions/reference/api/tabs
package tabs
