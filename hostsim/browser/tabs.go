package browser

import "github.com/extwasm/extwasm/hostsim/internal/chromesim"

// Window is a browser window: a strip of tabs, one of them active. A browser starts with one
// empty window, which is focused.
type Window struct {
	br *Browser
	w  *chromesim.Window
}

// Windows lists the open windows in creation order.
func (b *Browser) Windows() []*Window {
	var out []*Window
	for _, w := range b.b.Windows() {
		out = append(out, &Window{br: b, w: w})
	}
	return out
}

// FocusedWindow is the last focused window, where OpenTab opens tabs and what currentWindow
// means to a service worker; nil once every window is closed (OpenTab then opens a new one).
func (b *Browser) FocusedWindow() *Window {
	w := b.b.FocusedWindow()
	if w == nil {
		return nil
	}
	return &Window{br: b, w: w}
}

// NewWindow opens an empty window and focuses it.
func (b *Browser) NewWindow() *Window { return &Window{br: b, w: b.b.NewWindow()} }

// ID is the window id chrome.windows reports.
func (w *Window) ID() int { return w.w.ID() }

// Focus makes the window the focused one, as clicking into it would.
func (w *Window) Focus() { w.br.b.FocusWindow(w.w) }

// Focused reports whether the window is the focused one.
func (w *Window) Focused() bool { return w.w.Focused() }

// Tabs lists the window's tabs by index.
func (w *Window) Tabs() []*Tab {
	var out []*Tab
	for _, t := range w.w.Tabs() {
		out = append(out, &Tab{br: w.br, t: t})
	}
	return out
}

// ActiveTab is the window's active tab, or nil when it has none.
func (w *Window) ActiveTab() *Tab {
	t := w.w.ActiveTab()
	if t == nil {
		return nil
	}
	return &Tab{br: w.br, t: t}
}

// Window is the tab's window.
func (t *Tab) Window() *Window { return &Window{br: t.br, w: t.t.Window()} }

// Index is the tab's position in its window.
func (t *Tab) Index() int { return t.t.Index() }

// Active reports whether the tab is its window's active tab.
func (t *Tab) Active() bool { return t.t.Active() }

// Status is "loading" while a page loads and "complete" after its load event.
func (t *Tab) Status() string { return t.t.Status() }

// Title is the tab's title: the page's <title>, else its URL without the scheme.
func (t *Tab) Title() string { return t.t.Title() }

// URL is the tab's URL as chrome.tabs reports it.
func (t *Tab) URL() string { return t.t.URL() }

// Activate makes the tab its window's active tab, as clicking on it would: tabs.onActivated
// fires and the pages' visibility changes.
func (t *Tab) Activate() error {
	t.br.b.ActivateTab(t.t)
	return t.br.Settle()
}

// Reload reloads the tab's page and lets it load.
func (t *Tab) Reload() error {
	if err := t.br.b.Reload(t.t); err != nil {
		return err
	}
	return t.br.Settle()
}
