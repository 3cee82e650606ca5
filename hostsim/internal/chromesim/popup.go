package chromesim

import (
	"encoding/json"
	"errors"
	"fmt"
)

// tabIDNone is chrome.tabs.TAB_ID_NONE: the id of the tab-less view a popup lives in.
const tabIDNone = -1

func init() {
	extraContextHooks = append(extraContextHooks, func(b *Browser, e *Extension) []*Context {
		if f := b.popups[e]; f != nil && f.main != nil {
			return []*Context{f.main}
		}
		return nil
	})
}

// popupPage is the manifest's action.default_popup, or "".
func (e *Extension) popupPage() string {
	var m struct {
		Action struct {
			DefaultPopup string `json:"default_popup"`
		} `json:"action"`
	}
	_ = json.Unmarshal(e.raw, &m)
	return m.Action.DefaultPopup
}

// OpenPopup opens the action's popup (action.default_popup), as a click on the toolbar button
// does: an extension page outside any tab, which runtime.getContexts reports as POPUP and whose
// messages carry no tab, frameId or documentId. A browser window shows one popup at a time, so
// a popup already open closes first.
func (e *Extension) OpenPopup() (*Frame, error) {
	url := ""
	if e.hasManifestKey("action") {
		url = *e.action().props(-1).popup // action.setPopup's global popup, else the default
	}
	if url == "" {
		return nil, fmt.Errorf("chrome: %s has no action popup", e.name)
	}
	return e.openPopupAt(url)
}

// ClickAction clicks the extension's toolbar action as seen in tab: a disabled action does
// nothing; after sidePanel.setPanelBehavior({openPanelOnActionClick: true}) the side panel for the
// tab opens, when it has an enabled one (Chromium gives the side panel precedence over the popup;
// headless Chromium cannot click the action, so this is not measured); else with a popup for the
// tab (action.setPopup, else action.default_popup) the popup opens; without one, action.onClicked
// fires with the tab, waking the worker. It returns the popup's or the side panel's frame when one
// opened.
func (e *Extension) ClickAction(tab *Tab) (*Frame, error) {
	if !e.hasManifestKey("action") {
		return nil, fmt.Errorf("chrome: %s has no action in its manifest", e.name)
	}
	if tab == nil || tab.closed {
		return nil, errors.New("chrome: click the action: the tab is closed")
	}
	p := e.action().props(tab.id)
	if !*p.enabled {
		e.b.Transcript.add(Entry{Kind: "click-action", From: "user", To: e.name, Outcome: "disabled: nothing happens"})
		return nil, nil
	}
	if f, opened, err := e.openSidePanelOnClick(tab); opened {
		return f, err
	}
	if *p.popup != "" {
		return e.openPopupAt(*p.popup)
	}
	e.b.Transcript.add(Entry{Kind: "click-action", From: "user", To: e.name, Outcome: "action.onClicked"})
	e.fireEvent("action.onClicked", []any{tab.infoFor(e)}, nil, true)
	return nil, nil
}

// openPopupAt opens the popup at url.
func (e *Extension) openPopupAt(url string) (*Frame, error) {
	b := e.b
	for _, other := range b.exts {
		if f := b.popups[other]; f != nil {
			b.ClosePopup(f)
		}
	}
	view := &Tab{b: b, id: tabIDNone, frames: map[int]*Frame{}}
	top := &Frame{tab: view, id: 0}
	view.top = top
	view.frames[0] = top
	if b.popups == nil {
		b.popups = map[*Extension]*Frame{}
	}
	b.popups[e] = top
	b.Transcript.add(Entry{Kind: "open-popup", From: "browser", To: "popup[" + e.name + "]", Outcome: url})
	if err := b.load(top, url); err != nil {
		b.ClosePopup(top)
		return nil, err
	}
	return top, nil
}

// Popup is the extension's open popup's frame, or nil.
func (e *Extension) Popup() *Frame { return e.b.popups[e] }

// ClosePopup closes a popup: its document unloads, so its ports disconnect and its pending
// replies fail, as when a tab closes.
func (b *Browser) ClosePopup(f *Frame) {
	for e, p := range b.popups {
		if p != f {
			continue
		}
		delete(b.popups, e)
		b.Transcript.add(Entry{Kind: "close-popup", From: "browser", To: "popup[" + e.name + "]"})
		b.unload(f)
		f.tab.closed = true
	}
}

// hasManifestKey reports whether the manifest has the top-level key.
func (e *Extension) hasManifestKey(key string) bool {
	var m map[string]json.RawMessage
	_ = json.Unmarshal(e.raw, &m)
	_, ok := m[key]
	return ok
}
