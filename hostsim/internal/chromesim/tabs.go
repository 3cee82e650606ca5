package chromesim

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
)

// newTabURL is what a tab created without a url loads (conformance-apis T13).
const newTabURL = "chrome://newtab/"

// Window is the tab's window.
func (t *Tab) Window() *Window { return t.win }

// Index is the tab's position in its window.
func (t *Tab) Index() int { return t.win.indexOf(t) }

// Active reports whether the tab is its window's active tab.
func (t *Tab) Active() bool { return t.win != nil && t.win.active == t }

// Status is "loading" or "complete".
func (t *Tab) Status() string { return t.status }

// Title is the tab's title as tabs.Tab reports it.
func (t *Tab) Title() string { return t.title }

// URL is the tab's url as tabs.Tab reports it: the committed URL, or the one being loaded once
// the browser shows it.
func (t *Tab) URL() string { return t.url }

// canSee reports whether extension e may read a tab's url and title at rawURL: with the "tabs"
// permission or a host permission matching it (conformance-apis T1–T3), and always for its own
// pages (scenario tabs-own-pages). A nil e is the browser itself, which sees everything
// (sender.tab is not scrubbed).
func canSee(e *Extension, rawURL string) bool {
	if e == nil || e.hasPermission("tabs") || strings.HasPrefix(rawURL, "chrome-extension://"+e.id+"/") {
		return true
	}
	for _, p := range e.hostPermissions() {
		if p.MatchString(rawURL) {
			return true
		}
	}
	return false
}

// info is the unscrubbed tabs.Tab object, as sender.tab carries it.
func (t *Tab) info() map[string]any { return t.infoFor(nil) }

// infoFor is the tabs.Tab object as extension e sees it: url, title, pendingUrl and favIconUrl
// are absent (not empty) without access to the tab's URL (conformance-apis T1, T2).
func (t *Tab) infoFor(e *Extension) map[string]any {
	active := t.Active()
	out := map[string]any{
		"active": active, "audible": false, "autoDiscardable": true, "discarded": false,
		"frozen": false, "groupId": -1, "height": 600, "highlighted": active,
		"id": t.id, "incognito": false, "index": t.Index(), "lastAccessed": t.lastAccessed,
		"mutedInfo": map[string]any{"muted": false}, "pinned": false, "selected": active, "splitViewId": -1,
		"status": t.status, "width": 800, "windowId": t.win.id,
	}
	if canSee(e, t.url) {
		out["url"], out["title"] = t.url, t.title
	}
	if t.pendingURL != "" && canSee(e, t.pendingURL) {
		out["pendingUrl"] = t.pendingURL
	}
	return out
}

// titleFromURL is the title Chrome shows for a document without <title>: the URL without its
// http(s) scheme (conformance-apis 2.4: "127.0.0.1:PORT/one.html?ms=800").
func titleFromURL(raw string) string {
	for _, s := range []string{"http://", "https://"} {
		if strings.HasPrefix(raw, s) {
			return strings.TrimPrefix(raw, s)
		}
	}
	return raw
}

// createTab adds a tab to w at index (clamped; negative means the end) that is about to load
// rawURL, and fires onCreated and, when it becomes active, onActivated and onHighlighted. The
// navigation itself is the caller's: tabs.create resolves before it starts (conformance-apis T12).
func (b *Browser) createTab(w *Window, index int, active bool, rawURL string) *Tab {
	t := &Tab{b: b, id: b.nextTab, frames: map[int]*Frame{}, win: w, status: "loading", pendingURL: rawURL,
		lastAccessed: b.wallMillis()}
	if rawURL == newTabURL {
		t.title = "New Tab"
	}
	b.nextTab++
	b.tabs[t.id] = t
	b.tabOrder = append(b.tabOrder, t.id)
	if index < 0 || index > len(w.tabs) {
		index = len(w.tabs)
	}
	w.tabs = slices.Insert(w.tabs, index, t)
	t.top = &Frame{tab: t, id: 0}
	t.frames[0] = t.top
	b.tabsEvent("tabs.onCreated", func(e *Extension) []any { return []any{t.infoFor(e)} })
	if active || w.active == nil {
		b.activate(t)
	}
	return t
}

func (b *Browser) wallMillis() float64 { return float64(b.sched.Wall().UnixNano()) / 1e6 }

// activate makes t its window's active tab: onActivated, onHighlighted, and the documents'
// visibility follow (conformance-apis 2.4, L5).
func (b *Browser) activate(t *Tab) {
	w := t.win
	if w.active == t {
		return
	}
	old := w.active
	w.active = t
	t.lastAccessed = b.wallMillis()
	b.tabsEvent("tabs.onActivated", func(*Extension) []any {
		return []any{map[string]any{"tabId": t.id, "windowId": w.id}}
	})
	b.tabsEvent("tabs.onHighlighted", func(*Extension) []any {
		return []any{map[string]any{"tabIds": []int{t.id}, "windowId": w.id}}
	})
	if old != nil && !old.closed && old.top.doc != nil {
		old.top.setVisible(false)
	}
	if t.top.doc != nil {
		t.top.setVisible(true)
	}
}

// ActivateTab makes t the active tab of its window.
func (b *Browser) ActivateTab(t *Tab) {
	if !t.closed {
		b.activate(t)
	}
}

// removeTab closes t as tabs.remove or the user does: its documents unload, onRemoved fires,
// and if it was active the tab that takes its place is activated (conformance-apis 2.4). Closing
// a window's last tab closes the window, yet onRemoved says isWindowClosing:false, as Chromium 156
// does (scenario "tabs: removing a window's last tab closes the window"); only closing the window
// itself sets it.
func (b *Browser) removeTab(t *Tab) {
	if t.closed {
		return
	}
	w := t.win
	i := w.indexOf(t)
	wasActive := w.active == t
	closing := len(w.tabs) == 1
	b.dropTab(t, false)
	if closing {
		b.closeWindow(w)
		return
	}
	if wasActive {
		w.active = nil
		b.activate(w.tabs[min(i, len(w.tabs)-1)])
	}
}

// dropTab unloads t, takes it out of its window and fires tabs.onRemoved.
func (b *Browser) dropTab(t *Tab, windowClosing bool) {
	w := t.win
	t.top.unloadEvents()
	t.closeQuietly()
	b.tabsEvent("tabs.onRemoved", func(*Extension) []any {
		return []any{t.id, map[string]any{"isWindowClosing": windowClosing, "windowId": w.id}}
	})
}

// removeWindow closes w and its tabs, as windows.remove does: each tab's onRemoved says
// isWindowClosing:true, then windows.onRemoved fires.
func (b *Browser) removeWindow(w *Window) {
	for _, t := range w.Tabs() {
		b.dropTab(t, true)
	}
	b.closeWindow(w)
}

// notSimulated is the error a chrome.* function hostsim does not model throws, so that an
// extension using it fails loudly rather than seeing a missing function or a fake result.
const notSimulated = "chrome.%s is not simulated by hostsim"

// tabUpdated fires tabs.onUpdated with changeInfo; an extension without access to the tab's URL
// gets changeInfo without url and title, possibly {} (conformance-apis T20).
func (b *Browser) tabUpdated(t *Tab, change map[string]any) {
	b.tabsEvent("tabs.onUpdated", func(e *Extension) []any {
		ci := map[string]any{}
		for k, v := range change {
			if (k == "url" || k == "title" || k == "favIconUrl") && !canSee(e, t.url) {
				continue
			}
			ci[k] = v
		}
		return []any{t.id, ci, t.infoFor(e)}
	})
}

// zoomChange fires tabs.onZoomChange as every navigation does (conformance-apis 2.4).
func (b *Browser) zoomChange(t *Tab) {
	b.tabsEvent("tabs.onZoomChange", func(*Extension) []any {
		return []any{map[string]any{"newZoomFactor": 1, "oldZoomFactor": 1, "tabId": t.id,
			"zoomSettings": map[string]any{"mode": "automatic", "scope": "per-origin"}}}
	})
}

// tabsEvent fires a chrome.tabs event at every enabled extension, with arguments made for it.
// chrome.tabs exists in workers and extension pages only, and its events wake the worker.
func (b *Browser) tabsEvent(name string, args func(e *Extension) []any) {
	for _, e := range b.exts {
		if e.enabled {
			e.fireEvent(name, args(e), func(k Kind) bool { return k == Worker || k == ExtensionPage }, true)
		}
	}
}

// resolveTabURL is how tabs.create and tabs.update read a url: relative to the extension,
// "chrome://settings" gets its slash, and what is not a URL Chrome would load is fixed up into
// an http URL, as Chrome turned 'javascript:1' into http://javascript:1/ (conformance-apis T13).
func (c *Context) resolveTabURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		base := ""
		if c.ext != nil {
			base = c.ext.URL("")
		}
		return resolveRef(base, raw)
	}
	switch u.Scheme {
	case "http", "https", "chrome", "chrome-extension", "file", "ftp", "ws", "wss":
		if u.Path == "" && u.Host != "" {
			u.Path = "/"
		}
		return u.String()
	case "data", "about", "blob":
		return raw
	}
	return "http://" + strings.TrimPrefix(raw, "//") + "/"
}

// decodeArg turns a parsed object argument into a Go value through Chrome's JSON rules.
func decodeArg(vm *goja.Runtime, v goja.Value, out any) bool {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return true
	}
	s, err := chromejson.Serialize(vm, v)
	return err == nil && json.Unmarshal([]byte(s), out) == nil
}

// tabQuery is tabs.QueryInfo.
type tabQuery struct {
	Active, Pinned, Audible, AutoDiscardable, Muted, Highlighted, Discarded, Frozen *bool
	CurrentWindow                                                                   *bool `json:"currentWindow"`
	LastFocusedWindow                                                               *bool `json:"lastFocusedWindow"`
	Status, Title, WindowType                                                       string
	URL                                                                             any
	GroupID                                                                         *int `json:"groupId"`
	SplitViewID                                                                     *int `json:"splitViewId"`
	WindowID                                                                        *int `json:"windowId"`
	Index                                                                           *int
}

// query runs tabs.query for c: tabs in window order, by index (conformance-apis T6–T9). An
// invalid url pattern is the error text.
func (c *Context) query(q tabQuery) ([]map[string]any, string) {
	var pats []*matchpattern.Pattern
	for _, s := range stringOrList(q.URL) {
		p, err := matchpattern.Parse(s, matchpattern.SchemesAll)
		if err != nil {
			return nil, apiargs.InvalidURLPattern(s)
		}
		pats = append(pats, p)
	}
	current := c.windowFor(windowIDCurrent)
	focused := c.b.FocusedWindow()
	is := func(want *bool, got bool) bool { return want == nil || *want == got }
	list := []map[string]any{}
	for _, w := range c.b.Windows() {
		for i, t := range w.tabs {
			see := canSee(c.ext, t.url)
			switch {
			case !is(q.Active, t.Active()), !is(q.Highlighted, t.Active()), !is(q.Pinned, false),
				!is(q.Audible, false), !is(q.AutoDiscardable, true), !is(q.Muted, false),
				!is(q.Discarded, false), !is(q.Frozen, false),
				!is(q.CurrentWindow, w == current), !is(q.LastFocusedWindow, w == focused),
				q.Status != "" && q.Status != t.status,
				q.WindowType != "" && q.WindowType != "normal",
				q.GroupID != nil && *q.GroupID != -1, q.SplitViewID != nil && *q.SplitViewID != -1,
				q.Index != nil && *q.Index != i,
				q.WindowID != nil && c.windowFor(*q.WindowID) != w,
				q.Title != "" && (!see || !matchpattern.Glob(q.Title, t.title)):
				continue
			}
			if len(pats) > 0 && (!see || !anyMatch(pats, t.url)) {
				continue
			}
			list = append(list, t.infoFor(c.ext))
		}
	}
	return list, ""
}

func anyMatch(pats []*matchpattern.Pattern, u string) bool {
	for _, p := range pats {
		if p.MatchString(u) {
			return true
		}
	}
	return false
}

// optionalTab resolves an optional tabId argument: without one, the active tab of the focused
// window (conformance-apis T14).
func (c *Context) optionalTab(v goja.Value) (*Tab, int) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		if w := c.b.FocusedWindow(); w != nil && w.active != nil {
			return w.active, w.active.id
		}
		return nil, -1
	}
	id := int(v.ToInteger())
	return c.b.Tab(id), id
}

// sameDocument reports whether moving from a to b changes only the fragment, which Chrome does
// without loading a new document (conformance-apis 2.4).
func sameDocument(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil || !strings.Contains(b, "#") {
		return false
	}
	ua.Fragment, ub.Fragment, ua.RawFragment, ub.RawFragment = "", "", "", ""
	return ua.String() == ub.String()
}

//go:embed tabs.js
var tabsJS string

func init() {
	registerAPI("tabs", tabsJS, (*Context).inExtensionProcess, tabsNatives)
}

func tabsNatives(c *Context, set func(string, any)) {
	vm := c.realm.VM
	parse := c.parseCall
	settle := func(cb goja.Value, result any, errText string) goja.Value {
		return c.settle(cb, result, errText)
	}
	set("get", func(call goja.FunctionCall) goja.Value {
		a, fail := parse(apiargs.TabsGetMethod, call)
		if fail != nil {
			return fail
		}
		id := int(a[0].ToInteger())
		if t := c.b.Tab(id); t != nil {
			return settle(a[1], t.infoFor(c.ext), "")
		}
		return settle(a[1], nil, apiargs.NoTab(id))
	})
	set("getCurrent", func(call goja.FunctionCall) goja.Value {
		a, fail := parse(apiargs.TabsGetCurrentMethod, call)
		if fail != nil {
			return fail
		}
		// Only a document in a tab has a current tab; the worker gets undefined (T16).
		if c.frame != nil && !c.frame.tab.closed && c.frame.tab.win != nil {
			return settle(a[0], c.frame.tab.infoFor(c.ext), "")
		}
		return settle(a[0], nil, "")
	})
	set("query", func(call goja.FunctionCall) goja.Value {
		a, fail := parse(apiargs.TabsQueryMethod, call)
		if fail != nil {
			return fail
		}
		var q tabQuery
		decodeArg(vm, a[0], &q)
		list, errText := c.query(q)
		if errText != "" {
			return settle(a[1], nil, errText)
		}
		return settle(a[1], list, "")
	})
	set("create", func(call goja.FunctionCall) goja.Value {
		a, fail := parse(apiargs.TabsCreateMethod, call)
		if fail != nil {
			return fail
		}
		var p struct {
			WindowID       *int    `json:"windowId"`
			Index          *int    `json:"index"`
			URL            *string `json:"url"`
			Active         *bool   `json:"active"`
			Selected       *bool   `json:"selected"`
			SplitWithTabID *int    `json:"splitWithTabId"`
		}
		decodeArg(vm, a[0], &p)
		if p.SplitWithTabID != nil {
			return settle(a[1], nil, fmt.Sprintf(notSimulated, "tabs.create's splitWithTabId (split view)"))
		}
		w := c.windowFor(windowIDCurrent)
		if p.WindowID != nil {
			if w = c.windowFor(*p.WindowID); w == nil {
				return settle(a[1], nil, apiargs.NoWindow(*p.WindowID))
			}
		}
		if w == nil {
			return settle(a[1], nil, apiargs.ErrNoCurrentWindow)
		}
		target := newTabURL
		if p.URL != nil {
			target = c.resolveTabURL(*p.URL)
		}
		index := -1
		if p.Index != nil {
			index = *p.Index
		}
		active := true
		if p.Active != nil {
			active = *p.Active
		} else if p.Selected != nil {
			active = *p.Selected
		}
		t := c.b.createTab(w, index, active, target)
		res := settle(a[1], t.infoFor(c.ext), "")
		c.b.host.Post(func() { c.b.reportNavigation(t.top, c.b.navigate(t.top, target, navNewTab)) })
		return res
	})
	set("update", func(call goja.FunctionCall) goja.Value {
		a, fail := parse(apiargs.TabsUpdateMethod, call)
		if fail != nil {
			return fail
		}
		t, id := c.optionalTab(a[0])
		if t == nil {
			return settle(a[2], nil, apiargs.NoTab(id))
		}
		var p struct {
			URL         *string `json:"url"`
			Active      *bool   `json:"active"`
			Highlighted *bool   `json:"highlighted"`
			Selected    *bool   `json:"selected"`
		}
		decodeArg(vm, a[1], &p)
		for _, on := range []*bool{p.Active, p.Highlighted, p.Selected} {
			if on != nil && *on {
				c.b.activate(t)
			}
		}
		if p.URL != nil {
			target := c.resolveTabURL(*p.URL)
			t.status, t.pendingURL = "loading", target
			res := settle(a[2], t.infoFor(c.ext), "")
			c.b.host.Post(func() { c.b.reportNavigation(t.top, c.b.navigate(t.top, target, navLink)) })
			return res
		}
		return settle(a[2], t.infoFor(c.ext), "")
	})
	set("reload", func(call goja.FunctionCall) goja.Value {
		a, fail := parse(apiargs.TabsReloadMethod, call)
		if fail != nil {
			return fail
		}
		t, id := c.optionalTab(a[0])
		if t == nil {
			return settle(a[2], nil, apiargs.NoTab(id))
		}
		res := settle(a[2], nil, "")
		c.b.host.Post(func() {
			if !t.closed {
				c.b.reportNavigation(t.top, c.b.navigate(t.top, t.top.url, navReload))
			}
		})
		return res
	})
	zoomNatives(c, set)
	set("notSimulated", func(name string) string { return fmt.Sprintf(notSimulated, name) })
	set("enums", c.enums(map[string][]string{"TabStatus": apiargs.TabStatus, "WindowType": apiargs.WindowType,
		"ZoomSettingsMode": apiargs.ZoomSettingsMode, "ZoomSettingsScope": apiargs.ZoomSettingsScope, "MutedInfoReason": apiargs.MutedInfoReason}))
	set("remove", func(call goja.FunctionCall) goja.Value {
		a, fail := parse(apiargs.TabsRemoveMethod, call)
		if fail != nil {
			return fail
		}
		var ids []int
		if o, ok := a[0].(*goja.Object); ok {
			_ = vm.ExportTo(o, &ids)
		} else {
			ids = []int{int(a[0].ToInteger())}
		}
		var tabs []*Tab
		for _, id := range ids {
			t := c.b.Tab(id)
			if t == nil {
				return settle(a[1], nil, apiargs.NoTab(id))
			}
			tabs = append(tabs, t)
		}
		for _, t := range tabs {
			c.b.removeTab(t)
		}
		return settle(a[1], nil, "")
	})
}

// stringOrList reads an argument Chrome's schema types as "string or array of string" (a url
// filter, windows.create's url): the strings it holds, in order.
func stringOrList(v any) []string {
	switch u := v.(type) {
	case string:
		return []string{u}
	case []any:
		out := make([]string, 0, len(u))
		for _, x := range u {
			s, _ := x.(string)
			out = append(out, s)
		}
		return out
	}
	return nil
}
