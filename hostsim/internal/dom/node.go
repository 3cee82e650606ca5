// Package dom is a small DOM for the simulator: a plain Go tree of documents,
// elements and text that several JavaScript realms (a page's main world and
// the isolated worlds of content scripts) share, as Chrome's isolated worlds
// share one document. Bind gives one goja realm its own wrapper objects over
// the shared tree; events dispatched from any realm reach listeners of all.
//
// Everything is single-threaded: the tree and every realm bound to it must be
// used from one goroutine.
package dom

import (
	"strings"
)

// NodeType is the DOM nodeType number.
type NodeType int

// Node types, with the numbers the DOM assigns them.
const (
	ElementNode      NodeType = 1
	TextNode         NodeType = 3
	CommentNode      NodeType = 8
	DocumentNode     NodeType = 9
	DocumentTypeNode NodeType = 10
	// DocumentFragmentNode is a DocumentFragment: children with no parent, which an insertion
	// moves into the new parent.
	DocumentFragmentNode NodeType = 11
)

// Namespaces an element can be in; the parser puts <svg> and <math>
// content in their own namespaces, and only HTML elements get
// upper-case tagName and the HTML interfaces.
const (
	NamespaceHTML   = "http://www.w3.org/1999/xhtml"
	NamespaceSVG    = "http://www.w3.org/2000/svg"
	NamespaceMathML = "http://www.w3.org/1998/Math/MathML"
)

// Node is any node of a document tree: *Document, *Element, *Text,
// *Comment, *DocumentType or *DocumentFragment.
type Node interface {
	EventTarget
	// NodeType is the DOM nodeType.
	NodeType() NodeType
	// NodeName is the DOM nodeName ("DIV", "#text", "#document", ...).
	NodeName() string
	// OwnerDocument is the document the node belongs to (for a Document, itself).
	OwnerDocument() *Document
	// Parent is the parent node, or nil.
	Parent() Node
	// ChildNodes returns a copy of the node's children.
	ChildNodes() []Node
	// Text is the DOM textContent (for a Document, "").
	Text() string
	// AppendChild inserts child as the last child, moving it from its old place.
	AppendChild(child Node) error
	// InsertBefore inserts child before ref (at the end when ref is nil).
	InsertBefore(child, ref Node) error
	// RemoveChild removes child, which must be a child of this node.
	RemoveChild(child Node) error
	// Remove detaches the node from its parent, if it has one.
	Remove()

	base() *nodeBase
}

// nodeBase holds what every node has: its place in the tree and its
// event listeners.
type nodeBase struct {
	eventTarget
	doc      *Document
	parent   Node
	children []Node
}

func (n *nodeBase) base() *nodeBase { return n }

// node returns the Node this base belongs to.
func (n *nodeBase) node() Node { return n.self.(Node) }

// OwnerDocument is the document the node belongs to.
func (n *nodeBase) OwnerDocument() *Document { return n.doc }

// Parent is the parent node, or nil for a root.
func (n *nodeBase) Parent() Node { return n.parent }

// ChildNodes returns a copy of the node's children, so that callers may
// mutate the tree while iterating.
func (n *nodeBase) ChildNodes() []Node { return append([]Node(nil), n.children...) }

// FirstChild is the first child, or nil.
func (n *nodeBase) FirstChild() Node {
	if len(n.children) == 0 {
		return nil
	}
	return n.children[0]
}

// LastChild is the last child, or nil.
func (n *nodeBase) LastChild() Node {
	if len(n.children) == 0 {
		return nil
	}
	return n.children[len(n.children)-1]
}

// Children returns the element children.
func (n *nodeBase) Children() []*Element {
	var out []*Element
	for _, c := range n.children {
		if e, ok := c.(*Element); ok {
			out = append(out, e)
		}
	}
	return out
}

// index is the position of the node among its parent's children, or -1.
func index(n Node) int {
	p := n.Parent()
	if p == nil {
		return -1
	}
	for i, c := range p.base().children {
		if c == n {
			return i
		}
	}
	return -1
}

// NextSibling returns the node after n under the same parent, or nil.
func NextSibling(n Node) Node {
	i := index(n)
	if i < 0 || i+1 >= len(n.Parent().base().children) {
		return nil
	}
	return n.Parent().base().children[i+1]
}

// PreviousSibling returns the node before n under the same parent, or nil.
func PreviousSibling(n Node) Node {
	i := index(n)
	if i <= 0 {
		return nil
	}
	return n.Parent().base().children[i-1]
}

// ParentElement is the parent if it is an element, else nil.
func ParentElement(n Node) *Element {
	e, _ := n.Parent().(*Element)
	return e
}

// Root is the topmost ancestor of n (n itself when detached).
func Root(n Node) Node {
	for n.Parent() != nil {
		n = n.Parent()
	}
	return n
}

// IsConnected reports whether n is in its document's tree, or in a shadow tree whose host is.
func IsConnected(n Node) bool {
	_, ok := ShadowIncludingRoot(n).(*Document)
	return ok
}

// Contains reports whether other is n or one of its descendants.
func Contains(n, other Node) bool {
	for ; other != nil; other = other.Parent() {
		if other == n {
			return true
		}
	}
	return false
}

// Text is the textContent: the concatenated data of all descendant text nodes.
func (n *nodeBase) Text() string {
	var b strings.Builder
	walk(n.node(), func(x Node) bool {
		if t, ok := x.(*Text); ok {
			b.WriteString(t.data)
		}
		return true
	})
	return b.String()
}

// walk visits n and its descendants in tree order; visit returns false to
// skip a node's subtree.
func walk(n Node, visit func(Node) bool) {
	if !visit(n) {
		return
	}
	for _, c := range n.base().children {
		walk(c, visit)
	}
}

// descendants returns the elements under n in tree order (n excluded).
func descendants(n Node) []*Element {
	var out []*Element
	for _, c := range n.base().children {
		walk(c, func(x Node) bool {
			if e, ok := x.(*Element); ok {
				out = append(out, e)
			}
			return true
		})
	}
	return out
}

// Text is a text node.
type Text struct {
	nodeBase
	data string
}

// NodeType is TextNode.
func (t *Text) NodeType() NodeType { return TextNode }

// NodeName is "#text".
func (t *Text) NodeName() string { return "#text" }

// Data is the node's text.
func (t *Text) Data() string { return t.data }

// SetData replaces the node's text.
func (t *Text) SetData(s string) {
	old := t.data
	t.data = s
	t.doc.changed()
	t.doc.characterDataChange(t, old)
}

// Comment is a comment node.
type Comment struct {
	nodeBase
	data string
}

// NodeType is CommentNode.
func (c *Comment) NodeType() NodeType { return CommentNode }

// NodeName is "#comment".
func (c *Comment) NodeName() string { return "#comment" }

// Data is the comment's text.
func (c *Comment) Data() string { return c.data }

// Text of a comment is its data, as textContent is for CharacterData.
func (c *Comment) Text() string { return c.data }

// DocumentType is a <!DOCTYPE> node.
type DocumentType struct {
	nodeBase
	name, publicID, systemID string
}

// NodeType is DocumentTypeNode.
func (d *DocumentType) NodeType() NodeType { return DocumentTypeNode }

// NodeName is the doctype's name ("html").
func (d *DocumentType) NodeName() string { return d.name }

// Text of a doctype is empty (textContent is null).
func (d *DocumentType) Text() string { return "" }

// CreateTextNode makes a detached text node owned by d.
func (d *Document) CreateTextNode(s string) *Text {
	t := &Text{data: s}
	d.initNode(t)
	return t
}

// CreateComment makes a detached comment owned by d.
func (d *Document) CreateComment(s string) *Comment {
	c := &Comment{data: s}
	d.initNode(c)
	return c
}

// DocumentFragment is a parentless container of nodes; inserting it inserts its children instead.
// A shadow root is one too, with its host (shadow.go).
type DocumentFragment struct {
	nodeBase
	shadow *shadowRoot
}

// NodeType is 11.
func (f *DocumentFragment) NodeType() NodeType { return DocumentFragmentNode }

// NodeName is "#document-fragment".
func (f *DocumentFragment) NodeName() string { return "#document-fragment" }

// CreateDocumentFragment makes an empty fragment owned by d.
func (d *Document) CreateDocumentFragment() *DocumentFragment {
	f := &DocumentFragment{}
	d.initNode(f)
	return f
}

func (d *Document) initNode(n Node) {
	b := n.base()
	b.self = n
	b.doc = d
}

// DOMError is a failure the DOM reports as a DOMException with Name
// (HierarchyRequestError, NotFoundError, SyntaxError, ...).
type DOMError struct {
	Name    string
	Message string
}

func (e *DOMError) Error() string { return e.Name + ": " + e.Message }

func domErr(name, msg string) error { return &DOMError{Name: name, Message: msg} }

// AppendChild inserts child as the last child of n.
func (n *nodeBase) AppendChild(child Node) error { return n.InsertBefore(child, nil) }

// InsertBefore inserts child before ref, or last when ref is nil. A child
// that already has a parent is moved, as in the DOM.
func (n *nodeBase) InsertBefore(child, ref Node) error {
	parent := n.node()
	if child == nil {
		return domErr("TypeError", "parameter 1 is not of type 'Node'.")
	}
	switch parent.(type) {
	case *Element, *Document, *DocumentFragment:
	default:
		return domErr("HierarchyRequestError", "This node type does not support this method.")
	}
	if Contains(child, parent) {
		return domErr("HierarchyRequestError", "The new child element contains the parent.")
	}
	if ref != nil && ref.Parent() != parent {
		return domErr("NotFoundError", "The node before which the new node is to be inserted is not a child of this node.")
	}
	if f, ok := child.(*DocumentFragment); ok {
		// The fragment's children move, in order, to where it would go; it is left empty.
		for _, c := range f.ChildNodes() {
			if err := n.InsertBefore(c, ref); err != nil {
				return err
			}
		}
		return nil
	}
	switch child.(type) {
	case *Document:
		return domErr("HierarchyRequestError", "Nodes of type '#document' may not be inserted inside nodes of type '"+parent.NodeName()+"'.")
	case *DocumentType:
		if _, ok := parent.(*Document); !ok {
			return domErr("HierarchyRequestError", "Nodes of type '"+child.NodeName()+"' may not be inserted inside nodes of type '"+parent.NodeName()+"'.")
		}
	case *Text:
		if _, ok := parent.(*Document); ok {
			return domErr("HierarchyRequestError", "Nodes of type '#text' may not be inserted inside nodes of type '#document'.")
		}
	case *Element:
		if d, ok := parent.(*Document); ok {
			if de := d.DocumentElement(); de != nil && de != child {
				return domErr("HierarchyRequestError", "Only one element on document allowed.")
			}
		}
	}
	if ref == child {
		ref = NextSibling(child)
	}
	child.Remove()
	at := len(n.children)
	if ref != nil {
		at = index(ref)
	}
	n.children = append(n.children, nil)
	copy(n.children[at+1:], n.children[at:])
	n.children[at] = child
	cb := child.base()
	cb.parent = parent
	if cb.doc != n.doc {
		walk(child, func(x Node) bool { x.base().doc = n.doc; return true })
	}
	n.doc.changed()
	if IsConnected(parent) {
		n.doc.connected(child)
	}
	n.doc.childListChange(parent, []Node{child}, nil, PreviousSibling(child), NextSibling(child))
	return nil
}

// RemoveChild removes child from n.
func (n *nodeBase) RemoveChild(child Node) error {
	if child == nil || child.Parent() != n.node() {
		return domErr("NotFoundError", "The node to be removed is not a child of this node.")
	}
	child.Remove()
	return nil
}

// ReplaceChild puts child in old's place and removes old.
func (n *nodeBase) ReplaceChild(child, old Node) error {
	if old == nil || old.Parent() != n.node() {
		return domErr("NotFoundError", "The node to be replaced is not a child of this node.")
	}
	if child == old {
		return nil
	}
	ref := NextSibling(old)
	if ref == child {
		ref = NextSibling(child)
	}
	if Contains(child, n.node()) {
		return domErr("HierarchyRequestError", "The new child element contains the parent.")
	}
	if _, isDoc := n.node().(*Document); isDoc {
		if _, isEl := child.(*Element); isEl && n.node().(*Document).DocumentElement() != old {
			return domErr("HierarchyRequestError", "Only one element on document allowed.")
		}
	}
	if len(n.doc.observing) == 0 {
		old.Remove()
		return n.InsertBefore(child, ref)
	}
	// One record for the swap, as Chromium gives.
	prev := PreviousSibling(old)
	if prev == child {
		prev = PreviousSibling(child)
	}
	err := n.doc.batch(n.node(), func() error {
		old.Remove()
		return n.InsertBefore(child, ref)
	})
	if err == nil {
		added := []Node{child}
		if _, ok := child.(*DocumentFragment); ok {
			added = nil // its children moved; they are the ones between prev and ref
			for x := firstAfter(n.node(), prev); x != nil && x != ref; x = NextSibling(x) {
				added = append(added, x)
			}
		}
		n.doc.childListChange(n.node(), added, []Node{old}, prev, ref)
	}
	return err
}

// firstAfter is the child of parent after prev, or its first child when prev is nil.
func firstAfter(parent, prev Node) Node {
	if prev == nil {
		return parent.base().FirstChild()
	}
	return NextSibling(prev)
}

// ReplaceChildren removes all children and appends nodes in order.
func (n *nodeBase) ReplaceChildren(nodes ...Node) error {
	for _, c := range nodes {
		if Contains(c, n.node()) {
			return domErr("HierarchyRequestError", "The new child element contains the parent.")
		}
	}
	return n.doc.replaceAll(n.node(), func() error {
		for len(n.children) > 0 {
			n.children[len(n.children)-1].Remove()
		}
		for _, c := range nodes {
			if err := n.AppendChild(c); err != nil {
				return err
			}
		}
		return nil
	})
}

// Remove detaches the node from its parent; a detached node is left as is.
func (n *nodeBase) Remove() {
	p := n.parent
	if p == nil {
		return
	}
	if len(n.doc.iterators) > 0 {
		n.doc.preRemove(n.node())
	}
	wasConnected := IsConnected(p)
	prev, next := PreviousSibling(n.node()), NextSibling(n.node())
	i := index(n.node())
	pb := p.base()
	pb.children = append(pb.children[:i], pb.children[i+1:]...)
	n.parent = nil
	n.doc.changed()
	if wasConnected {
		n.doc.disconnected(n.node())
	}
	p.base().doc.childListChange(p, nil, []Node{n.node()}, prev, next)
}

// setText replaces all children with one text node holding s (none when
// s is empty), which is what setting textContent does.
func (n *nodeBase) setText(s string) {
	_ = n.doc.replaceAll(n.node(), func() error {
		for len(n.children) > 0 {
			n.children[len(n.children)-1].Remove()
		}
		if s != "" {
			return n.AppendChild(n.doc.CreateTextNode(s))
		}
		return nil
	})
}

// SetText sets textContent: element content becomes one text node.
func (e *Element) SetText(s string) { e.setText(s) }

// CloneNode copies n (and its subtree when deep), without listeners, as
// the DOM's cloneNode does. Form state (value, checkedness) is copied too.
func CloneNode(n Node, deep bool) Node {
	var c Node
	switch x := n.(type) {
	case *Element:
		e := &Element{ns: x.ns, local: x.local, attrs: append([]Attr(nil), x.attrs...),
			value: x.value, dirtyValue: x.dirtyValue, checked: x.checked, dirtyChecked: x.dirtyChecked,
			selected: x.selected, dirtySelected: x.dirtySelected}
		c = e
	case *Text:
		c = &Text{data: x.data}
	case *Comment:
		c = &Comment{data: x.data}
	case *DocumentType:
		c = &DocumentType{name: x.name, publicID: x.publicID, systemID: x.systemID}
	case *DocumentFragment:
		c = &DocumentFragment{}
	case *Document:
		d := NewDocument(x.URL())
		if deep {
			for _, ch := range x.children {
				_ = d.AppendChild(CloneNode(ch, true))
			}
		}
		return d
	}
	n.OwnerDocument().initNode(c)
	if deep {
		for _, ch := range n.base().children {
			_ = c.AppendChild(CloneNode(ch, true))
		}
		// A template's clone gets a copy of its content (the HTML standard's cloning steps).
		if t, ok := n.(*Element); ok && t.content != nil {
			for _, ch := range t.content.children {
				_ = c.(*Element).Content().AppendChild(CloneNode(ch, true))
			}
		}
	}
	return c
}
