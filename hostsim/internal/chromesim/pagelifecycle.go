package chromesim

// PageLifecycle is what a DOMBinder offers to step a document through loading and unloading
// (readyState, DOMContentLoaded, load, pagehide, visibility). Without it documents have no
// lifecycle events, and the tab still goes through loading and complete.
type PageLifecycle interface {
	// SetReadyState sets document.readyState; every state but "loading" fires readystatechange.
	SetReadyState(doc any, state string)
	// FireDocument dispatches a trusted event at the document.
	FireDocument(doc any, typ string, bubbles bool)
	// FireWindow dispatches a trusted event at the window; persisted is PageTransitionEvent's.
	FireWindow(doc any, typ string, persisted bool)
	// SetHidden sets document.visibilityState without firing anything.
	SetHidden(doc any, hidden bool)
	// Hidden reports document.visibilityState == "hidden".
	Hidden(doc any) bool
	// Title is document.title.
	Title(doc any) string
	// HoldParsed takes the parsed content out of the document until the returned function runs,
	// so that document_start scripts see an empty <html>, as in Chrome.
	HoldParsed(doc any) func()
}

func (b *Browser) lifecycle() PageLifecycle {
	pl, _ := b.opts.DOM.(PageLifecycle)
	return pl
}

// drainFrame runs the microtasks of every realm sharing the frame's document: a DOM event
// dispatched from Go calls listeners in several realms, and each realm's microtasks run when
// its listener returns to an empty stack.
func (f *Frame) drainFrame() {
	if f.main != nil {
		f.main.realm.Drain()
	}
	for _, id := range sortedKeys(f.isolated) {
		f.isolated[id].realm.Drain()
	}
}

// fireDocument dispatches typ at the frame's document and runs the microtasks it caused.
func (f *Frame) fireDocument(typ string, bubbles bool) {
	if pl := f.tab.b.lifecycle(); pl != nil && f.doc != nil {
		pl.FireDocument(f.doc, typ, bubbles)
		f.drainFrame()
	}
}

// fireWindow dispatches typ at the frame's window and runs the microtasks it caused.
func (f *Frame) fireWindow(typ string, persisted bool) {
	if pl := f.tab.b.lifecycle(); pl != nil && f.doc != nil {
		pl.FireWindow(f.doc, typ, persisted)
		f.drainFrame()
	}
}

// setReadyState moves document.readyState on (firing readystatechange) and runs the microtasks.
func (f *Frame) setReadyState(state string) {
	if pl := f.tab.b.lifecycle(); pl != nil && f.doc != nil {
		pl.SetReadyState(f.doc, state)
		f.drainFrame()
	}
}

// setVisible changes the visibility of the frame's document and its children's, firing
// visibilitychange where it changes (conformance-apis L5).
func (f *Frame) setVisible(visible bool) {
	pl := f.tab.b.lifecycle()
	if pl == nil || f.doc == nil {
		return
	}
	if pl.Hidden(f.doc) == !visible {
		return
	}
	pl.SetHidden(f.doc, !visible)
	f.fireDocument("visibilitychange", true)
	for _, ch := range f.children {
		ch.setVisible(visible)
	}
}

// unloadEvents fires what a document sees as it goes away (navigation or close): beforeunload,
// pagehide (persisted false: the model has no back/forward cache), visibilitychange to hidden,
// unload (conformance-apis L3).
func (f *Frame) unloadEvents() {
	pl := f.tab.b.lifecycle()
	if pl == nil || f.doc == nil {
		return
	}
	for _, ch := range f.children {
		ch.unloadEvents()
	}
	f.fireWindow("beforeunload", false)
	f.fireWindow("pagehide", false)
	if !pl.Hidden(f.doc) {
		pl.SetHidden(f.doc, true)
		f.fireDocument("visibilitychange", true)
	}
	f.fireWindow("unload", false)
}
