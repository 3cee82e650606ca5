package dom

import "strings"

// Serialization follows the HTML fragment serialization algorithm, which
// is what innerHTML and outerHTML return in Chrome (including the 2025
// change that escapes < and > in attribute values).

var voidElements = map[string]bool{
	"area": true, "base": true, "basefont": true, "bgsound": true, "br": true, "col": true,
	"embed": true, "frame": true, "hr": true, "img": true, "input": true, "keygen": true,
	"link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

var rawTextParents = map[string]bool{
	"style": true, "script": true, "xmp": true, "iframe": true, "noembed": true,
	"noframes": true, "plaintext": true, "noscript": true,
}

// InnerHTML serializes e's children.
func (e *Element) InnerHTML() string {
	var b strings.Builder
	serializeChildren(&b, e)
	return b.String()
}

// OuterHTML serializes e and its children.
func (e *Element) OuterHTML() string {
	var b strings.Builder
	serializeNode(&b, e)
	return b.String()
}

// Serialize renders any node as HTML: a document with its doctype, an
// element as its outerHTML, text escaped. Useful for debugging and
// transcripts.
func Serialize(n Node) string {
	var b strings.Builder
	if _, ok := n.(*Document); ok {
		serializeChildren(&b, n)
	} else {
		serializeNode(&b, n)
	}
	return b.String()
}

func serializeChildren(b *strings.Builder, n Node) {
	if e, ok := n.(*Element); ok && e.content != nil {
		n = e.content // a template serializes its content
	}
	for _, c := range n.base().children {
		serializeNode(b, c)
	}
}

func serializeNode(b *strings.Builder, n Node) {
	switch x := n.(type) {
	case *Element:
		b.WriteByte('<')
		b.WriteString(x.local)
		for _, a := range x.attrs {
			b.WriteByte(' ')
			b.WriteString(a.Name)
			b.WriteString(`="`)
			escape(b, a.Value, true)
			b.WriteByte('"')
		}
		b.WriteByte('>')
		if x.ns == NamespaceHTML && voidElements[x.local] {
			return
		}
		serializeChildren(b, x)
		b.WriteString("</")
		b.WriteString(x.local)
		b.WriteByte('>')
	case *Text:
		if p, ok := x.parent.(*Element); ok && p.ns == NamespaceHTML && rawTextParents[p.local] {
			b.WriteString(x.data)
			return
		}
		escape(b, x.data, false)
	case *Comment:
		b.WriteString("<!--")
		b.WriteString(x.data)
		b.WriteString("-->")
	case *DocumentType:
		b.WriteString("<!DOCTYPE ")
		b.WriteString(x.name)
		b.WriteByte('>')
	case *Document:
		serializeChildren(b, x)
	case *DocumentFragment:
		serializeChildren(b, x)
	}
}

func escape(b *strings.Builder, s string, attr bool) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '\u00a0':
			b.WriteString("&nbsp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			if attr {
				b.WriteString("&quot;")
			} else {
				b.WriteRune(r)
			}
		default:
			b.WriteRune(r)
		}
	}
}
