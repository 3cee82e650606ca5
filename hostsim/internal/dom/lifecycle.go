package dom

import "github.com/dop251/goja"

// The page lifecycle as the browser model drives it: document visibility (background tabs are
// hidden), the PageTransitionEvent of pageshow and pagehide, and a document whose parsed content
// is held back while scripts injected at document_start run.

// VisibilityState is "visible" or "hidden".
func (d *Document) VisibilityState() string {
	if d.hidden {
		return "hidden"
	}
	return "visible"
}

// SetHidden sets the document's visibility; it fires nothing (the browser model fires
// visibilitychange, with FireDocumentEvent, when it changes a visible page's state).
func (d *Document) SetHidden(hidden bool) { d.hidden = hidden }

// NewPageTransitionEvent makes a trusted pageshow or pagehide event. persisted tells whether the
// page comes from or goes to the back/forward cache.
func NewPageTransitionEvent(typ string, persisted bool) *Event {
	ev := NewEvent(typ, EventInit{})
	ev.kind = kindPageTransition
	ev.persisted = persisted
	return ev
}

// Persisted is PageTransitionEvent.persisted (false for other events).
func (ev *Event) Persisted() bool { return ev.persisted }

// HoldParsed detaches the children of the root element, so that a script injected at
// document_start sees the <html> element without head or body, as in Chrome, where the parser
// has not produced them yet. The returned function puts them back.
func (d *Document) HoldParsed() (release func()) {
	root := d.DocumentElement()
	if root == nil {
		return func() {}
	}
	held := root.ChildNodes()
	for _, n := range held {
		_ = root.RemoveChild(n)
	}
	return func() {
		// Script may have added nodes meanwhile; the parsed ones come before them.
		var first Node
		if kids := root.ChildNodes(); len(kids) > 0 {
			first = kids[0]
		}
		for _, n := range held {
			_ = root.InsertBefore(n, first)
		}
	}
}

func (b *Binding) installLifecycle() {
	vm := b.vm
	doc := &iface{b: b, name: "Document", proto: b.protos["Document"]}
	attr(doc, "visibilityState", func(d *Document) goja.Value { return vm.ToValue(d.VisibilityState()) }, nil)
	attr(doc, "hidden", func(d *Document) goja.Value { return vm.ToValue(d.hidden) }, nil)

	pt := b.defineInterface("PageTransitionEvent", "Event", func(c goja.ConstructorCall) *goja.Object {
		b.newEvent(c, "PageTransitionEvent", kindPageTransition)
		return nil
	})
	attr(pt, "persisted", func(e *Event) goja.Value { return vm.ToValue(e.persisted) }, nil)
}

// HoldAfter takes out of the tree everything after n in tree order — what the parser has not
// produced yet when it runs the script n — so that the script sees only what precedes it, as in
// Chrome. The returned function puts it back after whatever the script appended meanwhile, where
// the parser would have gone on inserting, each node with a mutation record as the parser's
// insertions give (one per held node; Chromium gives one per parsed node, descendants included).
// The held nodes are not reported as removed or connected again: for the rest of the page they
// never left.
func (d *Document) HoldAfter(n Node) (release func()) {
	type held struct {
		parent Node
		nodes  []Node
	}
	var all []held
	for x := n; x.Parent() != nil; x = x.Parent() {
		p := x.Parent()
		pb := p.base()
		if i := index(x); i+1 < len(pb.children) {
			all = append(all, held{p, append([]Node(nil), pb.children[i+1:]...)})
			pb.children = append([]Node(nil), pb.children[:i+1]...)
		}
	}
	if len(all) == 0 {
		return func() {}
	}
	d.changed()
	return func() {
		for _, h := range all {
			pb := h.parent.base()
			for _, c := range h.nodes {
				var prev Node
				if k := len(pb.children); k > 0 {
					prev = pb.children[k-1]
				}
				pb.children = append(pb.children, c)
				d.childListChange(h.parent, []Node{c}, nil, prev, nil)
			}
		}
		d.changed()
	}
}
