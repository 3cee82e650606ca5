package chromesim

import (
	_ "embed"
	"encoding/json"
	"errors"
	"net/url"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed sidepanel.js
var sidePanelSrc string

// sidePanelOptions are a target's sidePanel.PanelOptions as setOptions left them; nil fields were
// never set.
type sidePanelOptions struct {
	path    *string
	enabled *bool
}

// sidePanelView is an open side panel: the global panel (tabID tabIDNone) or a tab's own, shown in
// a window.
type sidePanelView struct {
	windowID int
	tabID    int
	frame    *Frame
}

// sidePanelState is an extension's chrome.sidePanel state in the browser: it outlives the worker.
type sidePanelState struct {
	ext         *Extension
	global      sidePanelOptions
	tabs        map[int]*sidePanelOptions
	openOnClick bool
	open        []*sidePanelView
}

func init() {
	extraContextHooks = append(extraContextHooks, func(b *Browser, e *Extension) []*Context {
		var out []*Context
		if st := b.sidePanels[e]; st != nil {
			for _, v := range st.open {
				if v.frame.main != nil {
					out = append(out, v.frame.main)
				}
			}
		}
		return out
	})
	registerAPI("sidePanel", sidePanelSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("sidePanel") },
		func(c *Context, set func(string, any)) {
			set("enums", c.enums(map[string][]string{"Side": apiargs.SidePanelSides}))
			// settle answers a call with result or errText once the current task ends.
			settle := func(callback goja.Value, result any, errText string) goja.Value {
				return c.settle(callback, result, errText)
			}
			st := func() *sidePanelState { return c.b.sidePanelState(c.ext) }
			set("setOptions", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.SidePanelSetOptionsMethod, call)
				if fail != nil {
					return fail
				}
				var o struct {
					TabID   *int    `json:"tabId"`
					Path    *string `json:"path"`
					Enabled *bool   `json:"enabled"`
				}
				c.exportArg(p[0], &o)
				st().setOptions(o.TabID, o.Path, o.Enabled)
				return settle(p[1], nil, "")
			})
			set("getOptions", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.SidePanelGetOptionsMethod, call)
				if fail != nil {
					return fail
				}
				var o struct {
					TabID *int `json:"tabId"`
				}
				c.exportArg(p[0], &o)
				return settle(p[1], st().optionsInfo(o.TabID), "")
			})
			set("setPanelBehavior", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.SidePanelSetPanelBehaviorMethod, call)
				if fail != nil {
					return fail
				}
				var o struct {
					OpenPanelOnActionClick *bool `json:"openPanelOnActionClick"`
				}
				c.exportArg(p[0], &o)
				if o.OpenPanelOnActionClick != nil {
					st().openOnClick = *o.OpenPanelOnActionClick
				}
				return settle(p[1], nil, "")
			})
			set("getPanelBehavior", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.SidePanelGetPanelBehaviorMethod, call)
				if fail != nil {
					return fail
				}
				return settle(p[0], map[string]any{"openPanelOnActionClick": st().openOnClick}, "")
			})
			set("getLayout", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.SidePanelGetLayoutMethod, call)
				if fail != nil {
					return fail
				}
				return settle(p[0], map[string]any{"side": "right"}, "")
			})
			set("open", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.SidePanelOpenMethod, call)
				if fail != nil {
					return fail
				}
				if !c.hasUserGesture() {
					return settle(p[1], nil, apiargs.ErrSidePanelNoGesture)
				}
				var o struct {
					TabID    *int `json:"tabId"`
					WindowID *int `json:"windowId"`
				}
				c.exportArg(p[0], &o)
				win, tabID, url, err := st().target(c, o.TabID, o.WindowID)
				if err != nil {
					return settle(p[1], nil, err.Error())
				}
				s := st()
				return c.openAsTask(p[1], func() error { return c.b.openSidePanel(s, win, tabID, url) })
			})
			set("close", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.SidePanelCloseMethod, call)
				if fail != nil {
					return fail
				}
				var o struct {
					TabID    *int `json:"tabId"`
					WindowID *int `json:"windowId"`
				}
				c.exportArg(p[0], &o)
				return settle(p[1], nil, errText(st().closeFor(c, o.TabID, o.WindowID)))
			})
		})
}

// errText is err's text, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// exportArg decodes a parsed object argument into out through JSON.
func (c *Context) exportArg(v goja.Value, out any) {
	raw, err := json.Marshal(v.Export())
	if err == nil {
		_ = json.Unmarshal(raw, out)
	}
}

// sidePanelState is e's side panel state, made on first use with the manifest's
// side_panel.default_path as the global path.
func (b *Browser) sidePanelState(e *Extension) *sidePanelState {
	if st := b.sidePanels[e]; st != nil {
		return st
	}
	var m struct {
		SidePanel struct {
			DefaultPath *string `json:"default_path"`
		} `json:"side_panel"`
	}
	_ = json.Unmarshal(e.raw, &m)
	st := &sidePanelState{ext: e, tabs: map[int]*sidePanelOptions{}}
	st.global.path = m.SidePanel.DefaultPath
	if b.sidePanels == nil {
		b.sidePanels = map[*Extension]*sidePanelState{}
	}
	b.sidePanels[e] = st
	return st
}

// setOptions is setOptions: the fields given replace the target's (a tab id Chrome does not know
// is taken as it is, measured). A panel the change disables closes.
func (st *sidePanelState) setOptions(tabID *int, path *string, enabled *bool) {
	o := &st.global
	if tabID != nil {
		if st.tabs[*tabID] == nil {
			st.tabs[*tabID] = &sidePanelOptions{}
		}
		o = st.tabs[*tabID]
	}
	if path != nil {
		o.path = path
	}
	if enabled != nil {
		o.enabled = enabled
	}
	if enabled == nil || *enabled {
		return
	}
	for _, v := range append([]*sidePanelView(nil), st.open...) {
		if (tabID == nil && v.tabID == tabIDNone) || (tabID != nil && v.tabID == *tabID) {
			st.ext.b.closeSidePanel(st, v)
		}
	}
}

// optionsInfo is getOptions' answer: a tab with options of its own gets them, with its tabId (a
// path never set is left out); any other tab, and no tab, the global options. Enabled defaults to
// true.
func (st *sidePanelState) optionsInfo(tabID *int) map[string]any {
	o, out := &st.global, map[string]any{}
	if tabID != nil && st.tabs[*tabID] != nil {
		o = st.tabs[*tabID]
		out["tabId"] = *tabID
	}
	out["enabled"] = o.enabled == nil || *o.enabled
	if o.path != nil {
		out["path"] = *o.path
	}
	return out
}

// panelFor is the panel a tab shows: its own when it has options of its own with a path (tabID is
// then the tab's), else the global one (tabIDNone); url is "" when that panel is disabled or has no
// path.
func (st *sidePanelState) panelFor(tabID int) (panelTab int, url string) {
	o, panelTab := &st.global, tabIDNone
	if to := st.tabs[tabID]; to != nil {
		if to.enabled != nil && !*to.enabled {
			return tabID, ""
		}
		if to.path != nil {
			o, panelTab = to, tabID
		}
	}
	if (o.enabled != nil && !*o.enabled) || o.path == nil || *o.path == "" {
		return panelTab, ""
	}
	return panelTab, resolveRef(st.ext.URL(""), *o.path)
}

// target resolves open's options to the window and panel to show, with Chrome's errors: a window
// id is checked first, then the tab; a tab shows its own panel or the global one, a window the
// global one.
func (st *sidePanelState) target(c *Context, tabID, windowID *int) (*Window, int, string, error) {
	var win *Window
	if windowID != nil {
		if win = c.windowFor(*windowID); win == nil || win.closed {
			return nil, 0, "", errors.New(apiargs.NoWindow(*windowID))
		}
	}
	if tabID != nil {
		t := c.b.Tab(*tabID)
		if t == nil || t.closed || t.win == nil {
			return nil, 0, "", errors.New(apiargs.NoTab(*tabID))
		}
		panelTab, url := st.panelFor(*tabID)
		if url == "" {
			return nil, 0, "", errors.New(apiargs.SidePanelNotActiveForTab(*tabID))
		}
		return t.win, panelTab, url, nil
	}
	if win == nil {
		return nil, 0, "", errors.New(apiargs.ErrSidePanelNoTarget)
	}
	_, url := st.panelFor(tabIDNone)
	if url == "" {
		return nil, 0, "", errors.New(apiargs.SidePanelNotActiveForWindow(win.id))
	}
	return win, tabIDNone, url, nil
}

// closeFor is close: a tab's own panel (an error when it has none open), or a window's global
// panel (nothing open is no error, measured).
func (st *sidePanelState) closeFor(c *Context, tabID, windowID *int) error {
	var win *Window
	if windowID != nil {
		if win = c.windowFor(*windowID); win == nil || win.closed {
			return errors.New(apiargs.NoWindow(*windowID))
		}
	}
	if tabID != nil {
		if t := c.b.Tab(*tabID); t == nil || t.closed {
			return errors.New(apiargs.NoTab(*tabID))
		}
		for _, v := range st.open {
			if v.tabID == *tabID {
				st.ext.b.closeSidePanel(st, v)
				return nil
			}
		}
		return errors.New(apiargs.SidePanelNoTabPanel(*tabID))
	}
	if win == nil {
		return errors.New(apiargs.ErrSidePanelNoTarget)
	}
	for _, v := range st.open {
		if v.windowID == win.id && v.tabID == tabIDNone {
			st.ext.b.closeSidePanel(st, v)
			break
		}
	}
	return nil
}

// openSidePanel shows the panel at url in win: the same panel already open there stays as it is;
// another panel of the extension in that window closes first. The document is an extension page in
// no tab, which runtime.getContexts reports as SIDE_PANEL, and sidePanel.onOpened fires with
// {path, tabId (a tab's own panel), windowId}.
func (b *Browser) openSidePanel(st *sidePanelState, win *Window, tabID int, url string) error {
	for _, v := range append([]*sidePanelView(nil), st.open...) {
		if v.windowID != win.id {
			continue
		}
		if v.tabID == tabID {
			return nil
		}
		b.closeSidePanel(st, v)
	}
	view := &Tab{b: b, id: tabIDNone, frames: map[int]*Frame{}, sidePanel: true}
	top := &Frame{tab: view, id: 0}
	view.top = top
	view.frames[0] = top
	v := &sidePanelView{windowID: win.id, tabID: tabID, frame: top}
	st.open = append(st.open, v)
	b.Transcript.add(Entry{Kind: "open-side-panel", From: "browser", To: "side panel[" + st.ext.name + "]", Outcome: url})
	if err := b.load(top, url); err != nil {
		b.closeSidePanel(st, v)
		return err
	}
	st.ext.fireEvent("sidePanel.onOpened", []any{v.info(url)}, nil, true)
	return nil
}

// info is the sidePanel.PanelOpenedInfo/PanelClosedInfo of v: path is the document's URL path.
func (v *sidePanelView) info(raw string) map[string]any {
	out := map[string]any{"windowId": v.windowID}
	if u, err := url.Parse(raw); err == nil {
		out["path"] = u.Path
	}
	if v.tabID != tabIDNone {
		out["tabId"] = v.tabID
	}
	return out
}

// closeSidePanel closes v: its document unloads, so its ports disconnect and its pending replies
// fail, and sidePanel.onClosed fires.
func (b *Browser) closeSidePanel(st *sidePanelState, v *sidePanelView) {
	i := -1
	for j, o := range st.open {
		if o == v {
			i = j
		}
	}
	if i < 0 {
		return
	}
	st.open = append(st.open[:i], st.open[i+1:]...)
	url := v.frame.url
	b.Transcript.add(Entry{Kind: "close-side-panel", From: "browser", To: "side panel[" + st.ext.name + "]"})
	b.unload(v.frame)
	v.frame.tab.closed = true
	st.ext.fireEvent("sidePanel.onClosed", []any{v.info(url)}, nil, true)
}

// SidePanels are the frames of the extension's open side panels.
func (e *Extension) SidePanels() []*Frame {
	var out []*Frame
	if st := e.b.sidePanels[e]; st != nil {
		for _, v := range st.open {
			out = append(out, v.frame)
		}
	}
	return out
}

// SidePanel reports whether the frame shows an extension's side panel.
func (f *Frame) SidePanel() bool { return f.tab.sidePanel }

// openSidePanelOnClick opens the panel for tab when the extension asked for it with
// sidePanel.setPanelBehavior({openPanelOnActionClick: true}) and tab has an enabled panel, as a
// click on the action does; it reports whether it did.
func (e *Extension) openSidePanelOnClick(tab *Tab) (*Frame, bool, error) {
	st := e.b.sidePanels[e]
	if st == nil || !st.openOnClick || tab.win == nil || !e.hasPermission("sidePanel") {
		return nil, false, nil
	}
	panelTab, url := st.panelFor(tab.id)
	if url == "" {
		return nil, false, nil
	}
	e.b.Transcript.add(Entry{Kind: "click-action", From: "user", To: e.name, Outcome: "side panel"})
	if err := e.b.openSidePanel(st, tab.win, panelTab, url); err != nil {
		return nil, true, err
	}
	for _, v := range st.open {
		if v.windowID == tab.win.id {
			return v.frame, true, nil
		}
	}
	return nil, true, nil
}
