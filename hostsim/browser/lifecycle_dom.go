package browser

import (
	"github.com/extwasm/extwasm/hostsim/internal/dom"
)

// The page lifecycle half of domAdapter: the browser model steps each document through
// readyState, DOMContentLoaded, load and unload with these.

func asDocument(doc any) *dom.Document {
	d, _ := doc.(*dom.Document)
	return d
}

func (domAdapter) SetReadyState(doc any, state string) {
	d := asDocument(doc)
	if d == nil {
		return
	}
	d.SetReadyState(state)
	if state != "loading" {
		_, _ = d.Dispatch(dom.NewEvent("readystatechange", dom.EventInit{}))
	}
}

func (domAdapter) FireDocument(doc any, typ string, bubbles bool) {
	if d := asDocument(doc); d != nil {
		_, _ = d.Dispatch(dom.NewEvent(typ, dom.EventInit{Bubbles: bubbles}))
	}
}

func (domAdapter) FireWindow(doc any, typ string, persisted bool) {
	d := asDocument(doc)
	if d == nil || d.Window() == nil {
		return
	}
	ev := dom.NewEvent(typ, dom.EventInit{})
	if typ == "pageshow" || typ == "pagehide" {
		ev = dom.NewPageTransitionEvent(typ, persisted)
	}
	_, _ = d.Window().Dispatch(ev)
}

func (domAdapter) SetHidden(doc any, hidden bool) {
	if d := asDocument(doc); d != nil {
		d.SetHidden(hidden)
	}
}

func (domAdapter) Hidden(doc any) bool {
	d := asDocument(doc)
	return d != nil && d.VisibilityState() == "hidden"
}

func (domAdapter) Title(doc any) string {
	if d := asDocument(doc); d != nil {
		return d.Title()
	}
	return ""
}

func (domAdapter) HoldParsed(doc any) func() {
	if d := asDocument(doc); d != nil {
		return d.HoldParsed()
	}
	return func() {}
}
