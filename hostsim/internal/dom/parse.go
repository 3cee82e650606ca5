package dom

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ParseHTML parses a whole HTML document served from rawURL. It follows the
// HTML parsing algorithm (x/net/html), so any input yields a tree; the error
// is for a failing reader only.
func ParseHTML(rawURL string, r io.Reader) (*Document, error) {
	root, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("dom: parse %s: %w", rawURL, err)
	}
	d := NewDocument(rawURL)
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if n := d.convert(c); n != nil {
			d.children = append(d.children, n)
			n.base().parent = d
		}
	}
	d.changed()
	return d, nil
}

// convert copies an x/net/html subtree into d's node types, without
// firing any insertion effects (the caller attaches the result).
func (d *Document) convert(h *html.Node) Node {
	var n Node
	switch h.Type {
	case html.ElementNode:
		e := &Element{ns: nsURI(h.Namespace), local: h.Data}
		for _, a := range h.Attr {
			name := a.Key
			if a.Namespace != "" {
				name = a.Namespace + ":" + a.Key
			}
			e.attrs = append(e.attrs, Attr{Name: name, Value: a.Val})
		}
		n = e
	case html.TextNode:
		n = &Text{data: h.Data}
	case html.CommentNode:
		n = &Comment{data: h.Data}
	case html.DoctypeNode:
		dt := &DocumentType{name: h.Data}
		for _, a := range h.Attr {
			switch a.Key {
			case "public":
				dt.publicID = a.Val
			case "system":
				dt.systemID = a.Val
			}
		}
		n = dt
	default:
		return nil
	}
	d.initNode(n)
	b := n.base()
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		if k := d.convert(c); k != nil {
			b.children = append(b.children, k)
			k.base().parent = n
		}
	}
	if e, ok := n.(*Element); ok && e.isTemplate() {
		e.moveIntoContent()
	}
	return n
}

func nsURI(short string) string {
	switch short {
	case "svg":
		return NamespaceSVG
	case "math":
		return NamespaceMathML
	case "":
		return NamespaceHTML
	}
	return short
}

func nsShort(uri string) string {
	switch uri {
	case NamespaceSVG:
		return "svg"
	case NamespaceMathML:
		return "math"
	}
	return ""
}

// ParseFragment parses markup as the content of e, the way innerHTML
// does, and returns the detached nodes.
func (e *Element) ParseFragment(markup string) ([]Node, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: e.local, Namespace: nsShort(e.ns)}
	if e.ns == NamespaceHTML {
		ctx.DataAtom = atom.Lookup([]byte(e.local))
	}
	hs, err := html.ParseFragment(strings.NewReader(markup), ctx)
	if err != nil {
		return nil, fmt.Errorf("dom: parse fragment: %w", err)
	}
	var out []Node
	for _, h := range hs {
		if n := e.doc.convert(h); n != nil {
			out = append(out, n)
		}
	}
	return out, nil
}

// SetInnerHTML replaces e's children with the parsed markup. Pages may do
// this; extension code must not put message data through it.
func (e *Element) SetInnerHTML(markup string) error {
	nodes, err := e.ParseFragment(markup)
	if err != nil {
		return err
	}
	if e.isTemplate() {
		return e.Content().ReplaceChildren(nodes...)
	}
	return e.ReplaceChildren(nodes...)
}
