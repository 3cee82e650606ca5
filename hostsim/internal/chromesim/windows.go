package chromesim

import (
	_ "embed"
	"fmt"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

// Window is a browser window: an ordered strip of tabs, one of them active.
type Window struct {
	b      *Browser
	id     int
	tabs   []*Tab
	active *Tab
	closed bool
}

// The headless start state Chromium 156 reports (conformance-apis T5).
const (
	windowLeft, windowTop, windowWidth, windowHeight = 10, 10, 780, 580
)

// windowIDCurrent is windows.WINDOW_ID_CURRENT (conformance-apis T4).
const windowIDCurrent = -2

// windowState is the browser's windows: created on first use, so a browser always has the
// default window Chrome starts with.
type windowState struct {
	list    []*Window // every window ever opened, closed ones included
	focused *Window
	procs   map[string]int // renderer process ids by origin
}

func (b *Browser) windowsState() *windowState {
	if b.wins == nil {
		b.wins = &windowState{}
		b.NewWindow()
	}
	return b.wins
}

// NewWindow opens an empty window and focuses it. Window and tab ids share one counter, so the
// first window's id is one below the first tab's, as in Chrome (conformance-apis T4).
func (b *Browser) NewWindow() *Window { return b.newWindow(true) }

func (b *Browser) newWindow(focus bool) *Window {
	ws := b.wins
	if ws == nil {
		ws = &windowState{}
		b.wins = ws
	}
	w := &Window{b: b, id: b.nextTab}
	b.nextTab++
	// The window the browser starts with exists before any extension, so no event announces it.
	startup := len(ws.list) == 0
	ws.list = append(ws.list, w)
	if !startup {
		b.windowsEvent("windows.onCreated", func(e *Extension) []any { return []any{w.info(e, false)} })
	}
	if focus || ws.focused == nil {
		b.focus(w)
	}
	return w
}

// focus makes w (nil: none) the focused window and fires windows.onFocusChanged.
func (b *Browser) focus(w *Window) {
	ws := b.wins
	if ws.focused == w {
		return
	}
	ws.focused = w
	id := -1 // WINDOW_ID_NONE: no window has focus
	if w != nil {
		id = w.id
	}
	b.windowsEvent("windows.onFocusChanged", func(*Extension) []any { return []any{id} })
}

// closeWindow closes w, which has no tabs left: windows.onRemoved fires and the last window
// opened before it, if any, gets the focus.
func (b *Browser) closeWindow(w *Window) {
	if w.closed {
		return
	}
	w.closed = true
	b.windowsEvent("windows.onRemoved", func(*Extension) []any { return []any{w.id} })
	if b.wins.focused == w {
		open := b.Windows()
		var next *Window
		if len(open) > 0 {
			next = open[len(open)-1]
		}
		b.focus(next)
	}
}

// windowsEvent fires a chrome.windows event at every enabled extension's workers and pages.
func (b *Browser) windowsEvent(name string, args func(e *Extension) []any) {
	for _, e := range b.exts {
		if e.enabled {
			e.fireEvent(name, args(e), func(k Kind) bool { return k == Worker || k == ExtensionPage }, true)
		}
	}
}

// Windows lists the open windows in creation order.
func (b *Browser) Windows() []*Window {
	var out []*Window
	for _, w := range b.windowsState().list {
		if !w.closed {
			out = append(out, w)
		}
	}
	return out
}

// Window returns the open window with id, or nil.
func (b *Browser) Window(id int) *Window {
	for _, w := range b.Windows() {
		if w.id == id {
			return w
		}
	}
	return nil
}

// FocusedWindow is the last focused window (what currentWindow means in a service worker), or nil
// once every window is closed.
func (b *Browser) FocusedWindow() *Window { return b.windowsState().focused }

// FocusWindow makes w the focused window.
func (b *Browser) FocusWindow(w *Window) {
	if !w.closed {
		b.windowsState()
		b.focus(w)
	}
}

// ID is the window id.
func (w *Window) ID() int { return w.id }

// Tabs lists the window's tabs by index.
func (w *Window) Tabs() []*Tab { return append([]*Tab(nil), w.tabs...) }

// ActiveTab is the window's active tab, or nil for an empty window.
func (w *Window) ActiveTab() *Tab { return w.active }

// Focused reports whether w is the focused window.
func (w *Window) Focused() bool { return w.b.windowsState().focused == w }

func (w *Window) indexOf(t *Tab) int {
	for i, x := range w.tabs {
		if x == t {
			return i
		}
	}
	return -1
}

// info is the windows.Window object.
func (w *Window) info(e *Extension, populate bool) map[string]any {
	out := map[string]any{
		"alwaysOnTop": false, "focused": w.Focused(), "height": windowHeight, "id": w.id, "incognito": false,
		"left": windowLeft, "state": "normal", "top": windowTop, "type": "normal", "width": windowWidth,
	}
	if populate {
		tabs := []map[string]any{}
		for _, t := range w.tabs {
			tabs = append(tabs, t.infoFor(e))
		}
		out["tabs"] = tabs
	}
	return out
}

//go:embed windows.js
var windowsJS string

func init() {
	registerAPI("windows", windowsJS, (*Context).inExtensionProcess, func(c *Context, set func(string, any)) {
		vm := c.realm.VM
		parse := c.parseCall
		populate := func(v goja.Value) bool {
			if o, ok := v.(*goja.Object); ok {
				return o.Get("populate").ToBoolean()
			}
			return false
		}
		settle := func(w *Window, pop bool, cb goja.Value, missing string) goja.Value {
			id := c.b.newRequest()
			if w == nil {
				c.b.settleLater(c, id, nil, missing)
			} else {
				c.b.settleLater(c, id, w.info(c.ext, pop), "")
			}
			return c.request(id, cb)
		}
		set("get", func(call goja.FunctionCall) goja.Value {
			a, fail := parse(apiargs.WindowsGetMethod, call)
			if fail != nil {
				return fail
			}
			wid := int(a[0].ToInteger())
			return settle(c.windowFor(wid), populate(a[1]), a[2], apiargs.NoWindow(wid))
		})
		set("getCurrent", func(call goja.FunctionCall) goja.Value {
			a, fail := parse(apiargs.WindowsGetCurrentMethod, call)
			if fail != nil {
				return fail
			}
			return settle(c.windowFor(windowIDCurrent), populate(a[0]), a[1], apiargs.ErrNoCurrentWindow)
		})
		set("getLastFocused", func(call goja.FunctionCall) goja.Value {
			a, fail := parse(apiargs.WindowsGetLastFocusedMethod, call)
			if fail != nil {
				return fail
			}
			return settle(c.b.FocusedWindow(), populate(a[0]), a[1], apiargs.ErrNoCurrentWindow)
		})
		set("getAll", func(call goja.FunctionCall) goja.Value {
			a, fail := parse(apiargs.WindowsGetAllMethod, call)
			if fail != nil {
				return fail
			}
			list := []map[string]any{}
			for _, w := range c.b.Windows() {
				list = append(list, w.info(c.ext, populate(a[0])))
			}
			return c.settle(a[1], list, "")
		})
		set("notSimulated", func(name string) string { return fmt.Sprintf(notSimulated, name) })
		set("enums", c.enums(map[string][]string{"CreateType": apiargs.CreateType, "WindowState": apiargs.WindowState,
			"WindowType": apiargs.WindowType}))
		set("remove", func(call goja.FunctionCall) goja.Value {
			a, fail := parse(apiargs.WindowsRemoveMethod, call)
			if fail != nil {
				return fail
			}
			wid := int(a[0].ToInteger())
			w := c.windowFor(wid)
			if w == nil {
				return c.settle(a[1], nil, apiargs.NoWindow(wid))
			}
			c.b.removeWindow(w)
			return c.settle(a[1], nil, "")
		})
		set("create", func(call goja.FunctionCall) goja.Value {
			a, fail := parse(apiargs.WindowsCreateMethod, call)
			if fail != nil {
				return fail
			}
			var data struct {
				URL     any   `json:"url"`
				Focused *bool `json:"focused"`
			}
			if !decodeArg(vm, a[0], &data) {
				return c.thrown("TypeError", apiargs.WindowsCreateMethod.Error(apiargs.ErrNoMatchingSignature).Error())
			}
			urls := stringOrList(data.URL)
			w := c.b.newWindow(data.Focused == nil || *data.Focused)
			if len(urls) == 0 {
				urls = []string{newTabURL}
			}
			for _, u := range urls {
				c.b.createTab(w, -1, true, c.resolveTabURL(u))
			}
			return c.settle(a[1], w.info(c.ext, true), "")
		})
	})
}

// windowFor resolves a windowId argument: WINDOW_ID_CURRENT is the context's own window for an
// extension page in a tab and the last focused window elsewhere (conformance-apis T6).
func (c *Context) windowFor(id int) *Window {
	if id != windowIDCurrent {
		return c.b.Window(id)
	}
	if c.frame != nil && c.frame.tab.win != nil && !c.frame.tab.closed {
		return c.frame.tab.win
	}
	return c.b.FocusedWindow()
}
