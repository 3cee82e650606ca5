package dom

import "strings"

// shadowRoot is what makes a DocumentFragment a shadow root: its host and the options it was
// attached with. The root is not its host's child: the host's tree (selectors, contains,
// serialization) does not see into it, while events cross it as the DOM standard says.
type shadowRoot struct {
	host           *Element
	mode           string // "open" or "closed"
	delegatesFocus bool
}

// shadowHosts are the HTML elements that accept a shadow root, besides custom elements.
var shadowHosts = map[string]bool{}

func init() {
	for _, t := range strings.Fields("article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span") {
		shadowHosts[t] = true
	}
}

// reservedCustomNames are names with a hyphen that are not valid custom element names.
var reservedCustomNames = map[string]bool{
	"annotation-xml": true, "color-profile": true, "font-face": true, "font-face-src": true,
	"font-face-uri": true, "font-face-format": true, "font-face-name": true, "missing-glyph": true,
}

// validCustomName is the HTML standard's test for a custom element name, for the ASCII names
// pages use: a lowercase letter first, a hyphen somewhere, no uppercase, not reserved.
func validCustomName(name string) bool {
	if name == "" || name[0] < 'a' || name[0] > 'z' || !strings.Contains(name, "-") || reservedCustomNames[name] {
		return false
	}
	for _, r := range name {
		if r >= 'A' && r <= 'Z' {
			return false
		}
	}
	return true
}

// AttachShadow gives e a shadow root, as Element.attachShadow does; mode is "open" or "closed"
// (the binding checks the enum).
func (e *Element) AttachShadow(mode string, delegatesFocus bool) (*DocumentFragment, error) {
	if e.ns != NamespaceHTML || !(shadowHosts[e.local] || validCustomName(e.local)) {
		return nil, domErr("NotSupportedError", "This element does not support attachShadow")
	}
	if e.shadow != nil {
		return nil, domErr("NotSupportedError", "Shadow root cannot be created on a host which already hosts a shadow tree.")
	}
	f := e.doc.CreateDocumentFragment()
	f.shadow = &shadowRoot{host: e, mode: mode, delegatesFocus: delegatesFocus}
	e.shadow = f
	return f, nil
}

// ShadowRoot is e's shadow root, open or closed, or nil.
func (e *Element) ShadowRoot() *DocumentFragment { return e.shadow }

// Host is the element a shadow root is attached to; nil for a plain fragment.
func (f *DocumentFragment) Host() *Element {
	if f.shadow == nil {
		return nil
	}
	return f.shadow.host
}

// IsShadowRoot reports whether f is a shadow root.
func (f *DocumentFragment) IsShadowRoot() bool { return f.shadow != nil }

// ShadowIncludingRoot is n's root, and while that is a shadow root, its host's root.
func ShadowIncludingRoot(n Node) Node {
	r := Root(n)
	for {
		f, ok := r.(*DocumentFragment)
		if !ok || f.shadow == nil {
			return r
		}
		r = Root(f.shadow.host)
	}
}

// shadowIncludingParent is n's parent, or a shadow root's host.
func shadowIncludingParent(n Node) Node {
	if f, ok := n.(*DocumentFragment); ok && f.shadow != nil {
		return f.shadow.host
	}
	return n.Parent()
}

// retarget is the DOM standard's "retarget a against b": a as a listener at b may see it, its
// shadow trees' hosts standing in for what b's tree does not contain.
func retarget(a, b EventTarget) EventTarget {
	for {
		an, ok := a.(Node)
		if !ok {
			return a
		}
		root, ok := Root(an).(*DocumentFragment)
		if !ok || root.shadow == nil {
			return a
		}
		if bn, ok := b.(Node); ok {
			for x := bn; x != nil; x = shadowIncludingParent(x) {
				if x == Node(root) {
					return a
				}
			}
		}
		a = root.shadow.host
	}
}
