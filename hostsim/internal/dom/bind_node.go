package dom

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

func (b *Binding) installNodes() {
	vm := b.vm
	null := goja.Null()

	node := b.defineInterface("Node", "EventTarget", nil)
	for n, v := range map[string]int{"ELEMENT_NODE": 1, "ATTRIBUTE_NODE": 2, "TEXT_NODE": 3,
		"CDATA_SECTION_NODE": 4, "PROCESSING_INSTRUCTION_NODE": 7, "COMMENT_NODE": 8,
		"DOCUMENT_NODE": 9, "DOCUMENT_TYPE_NODE": 10, "DOCUMENT_FRAGMENT_NODE": 11} {
		node.constant(n, v)
	}
	attr(node, "nodeType", func(n Node) goja.Value { return vm.ToValue(int(n.NodeType())) }, nil)
	attr(node, "nodeName", func(n Node) goja.Value { return vm.ToValue(n.NodeName()) }, nil)
	attr(node, "nodeValue", func(n Node) goja.Value {
		if d, ok := characterData(n); ok {
			return vm.ToValue(d)
		}
		return null
	}, func(n Node, v goja.Value) {
		setCharacterData(n, b.strNull(v))
	})
	attr(node, "ownerDocument", func(n Node) goja.Value {
		if _, ok := n.(*Document); ok {
			return null
		}
		return b.wrap(n.OwnerDocument())
	}, nil)
	attr(node, "parentNode", func(n Node) goja.Value { return b.wrapNode(n.Parent()) }, nil)
	attr(node, "parentElement", func(n Node) goja.Value { return b.wrap(ParentElement(n)) }, nil)
	attr(node, "childNodes", func(n Node) goja.Value {
		return b.collection(childNodesKey{n}, "NodeList", false, func() []Node { return n.base().children })
	}, nil)
	attr(node, "firstChild", func(n Node) goja.Value { return b.wrapNode(n.base().FirstChild()) }, nil)
	attr(node, "lastChild", func(n Node) goja.Value { return b.wrapNode(n.base().LastChild()) }, nil)
	attr(node, "previousSibling", func(n Node) goja.Value { return b.wrapNode(PreviousSibling(n)) }, nil)
	attr(node, "nextSibling", func(n Node) goja.Value { return b.wrapNode(NextSibling(n)) }, nil)
	attr(node, "isConnected", func(n Node) goja.Value { return vm.ToValue(IsConnected(n)) }, nil)
	attr(node, "textContent", func(n Node) goja.Value {
		switch n.(type) {
		case *Document, *DocumentType:
			return null
		}
		return vm.ToValue(n.Text())
	}, func(n Node, v goja.Value) {
		s := b.strNull(v)
		switch x := n.(type) {
		case *Element:
			x.SetText(s)
		case *Text, *Comment:
			setCharacterData(x, s)
		}
	})
	method(node, "hasChildNodes", 0, func(n Node, _ goja.FunctionCall) goja.Value {
		return vm.ToValue(len(n.base().children) > 0)
	})
	method(node, "contains", 1, func(n Node, c goja.FunctionCall) goja.Value {
		if goja.IsNull(c.Argument(0)) {
			return vm.ToValue(false)
		}
		return vm.ToValue(Contains(n, b.nodeArg(c.Argument(0), "contains", "Node", 1)))
	})
	method(node, "isSameNode", 1, func(n Node, c goja.FunctionCall) goja.Value {
		o, _ := c.Argument(0).(*goja.Object)
		return vm.ToValue(o != nil && b.objs[o] == any(n))
	})
	method(node, "getRootNode", 0, func(n Node, c goja.FunctionCall) goja.Value {
		if o, ok := c.Argument(0).(*goja.Object); ok && o.Get("composed").ToBoolean() {
			return b.wrap(ShadowIncludingRoot(n))
		}
		return b.wrap(Root(n))
	})
	method(node, "appendChild", 1, func(n Node, c goja.FunctionCall) goja.Value {
		child := b.nodeArg(c.Argument(0), "appendChild", "Node", 1)
		b.fail(n.AppendChild(child), "appendChild", "Node")
		return c.Argument(0)
	})
	method(node, "insertBefore", 2, func(n Node, c goja.FunctionCall) goja.Value {
		child := b.nodeArg(c.Argument(0), "insertBefore", "Node", 1)
		var ref Node
		if r := c.Argument(1); !goja.IsNull(r) && !goja.IsUndefined(r) {
			ref = b.nodeArg(r, "insertBefore", "Node", 2)
		}
		b.fail(n.InsertBefore(child, ref), "insertBefore", "Node")
		return c.Argument(0)
	})
	method(node, "removeChild", 1, func(n Node, c goja.FunctionCall) goja.Value {
		child := b.nodeArg(c.Argument(0), "removeChild", "Node", 1)
		b.fail(n.RemoveChild(child), "removeChild", "Node")
		return c.Argument(0)
	})
	method(node, "replaceChild", 2, func(n Node, c goja.FunctionCall) goja.Value {
		child := b.nodeArg(c.Argument(0), "replaceChild", "Node", 1)
		old := b.nodeArg(c.Argument(1), "replaceChild", "Node", 2)
		b.fail(n.base().ReplaceChild(child, old), "replaceChild", "Node")
		return c.Argument(1)
	})
	method(node, "cloneNode", 0, func(n Node, c goja.FunctionCall) goja.Value {
		return b.wrap(CloneNode(n, c.Argument(0).ToBoolean()))
	})

	cd := b.defineInterface("CharacterData", "Node", nil)
	attr(cd, "data", func(n Node) goja.Value {
		d, _ := characterData(n)
		return vm.ToValue(d)
	}, func(n Node, v goja.Value) { setCharacterData(n, b.strNull(v)) })
	attr(cd, "length", func(n Node) goja.Value {
		d, _ := characterData(n)
		return vm.ToValue(utf16Count(d))
	}, nil)
	b.characterDataMethods(cd)
	b.childNode(cd)
	b.nonDocumentTypeChildNode(cd)
	b.defineInterface("Text", "CharacterData", func(c goja.ConstructorCall) *goja.Object {
		data := ""
		if len(c.Arguments) > 0 && !goja.IsUndefined(c.Arguments[0]) {
			data = b.str(c.Arguments[0])
		}
		b.register(b.doc.CreateTextNode(data), c.This)
		return nil
	})
	b.defineInterface("Comment", "CharacterData", func(c goja.ConstructorCall) *goja.Object {
		data := ""
		if len(c.Arguments) > 0 && !goja.IsUndefined(c.Arguments[0]) {
			data = b.str(c.Arguments[0])
		}
		b.register(b.doc.CreateComment(data), c.This)
		return nil
	})
	dt := b.defineInterface("DocumentType", "Node", nil)
	attr(dt, "name", func(d *DocumentType) goja.Value { return vm.ToValue(d.name) }, nil)
	attr(dt, "publicId", func(d *DocumentType) goja.Value { return vm.ToValue(d.publicID) }, nil)
	attr(dt, "systemId", func(d *DocumentType) goja.Value { return vm.ToValue(d.systemID) }, nil)
	b.childNode(dt)

	frag := b.defineInterface("DocumentFragment", "Node", func(c goja.ConstructorCall) *goja.Object {
		b.register(b.doc.CreateDocumentFragment(), c.This)
		return nil
	})
	b.parentNode(frag)
	method(frag, "getElementById", 1, func(f *DocumentFragment, c goja.FunctionCall) goja.Value {
		id := b.str(c.Argument(0))
		for _, e := range descendants(f) {
			if e.AttrOr("id") == id && e.HasAttr("id") {
				return b.wrap(e)
			}
		}
		return goja.Null()
	})

	b.installShadowRoot()
	b.installDocument()
	b.installElement()
	b.installHTMLElements()
}

// utf16Count is the length of s in UTF-16 code units, as JS counts it.
func utf16Count(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

func characterData(n Node) (string, bool) {
	switch x := n.(type) {
	case *Text:
		return x.data, true
	case *Comment:
		return x.data, true
	}
	return "", false
}

func setCharacterData(n Node, s string) {
	switch x := n.(type) {
	case *Text:
		x.SetData(s)
	case *Comment:
		old := x.data
		x.data = s
		x.doc.changed()
		x.doc.characterDataChange(x, old)
	}
}

func (b *Binding) wrapNode(n Node) goja.Value {
	if n == nil {
		return goja.Null()
	}
	return b.wrap(n)
}

// childNode adds the ChildNode mixin (remove, before, after, replaceWith).
func (b *Binding) childNode(i *iface) {
	method(i, "remove", 0, func(n Node, _ goja.FunctionCall) goja.Value { n.Remove(); return nil })
	method(i, "before", 0, func(n Node, c goja.FunctionCall) goja.Value {
		if p := n.Parent(); p != nil {
			for _, x := range b.nodesOrStrings(c.Arguments) {
				b.fail(p.InsertBefore(x, n), "before", i.name)
			}
		}
		return nil
	})
	method(i, "after", 0, func(n Node, c goja.FunctionCall) goja.Value {
		if p := n.Parent(); p != nil {
			ref := NextSibling(n)
			for _, x := range b.nodesOrStrings(c.Arguments) {
				b.fail(p.InsertBefore(x, ref), "after", i.name)
			}
		}
		return nil
	})
	method(i, "replaceWith", 0, func(n Node, c goja.FunctionCall) goja.Value {
		if p := n.Parent(); p != nil {
			ref := NextSibling(n)
			nodes := b.nodesOrStrings(c.Arguments)
			n.Remove()
			for _, x := range nodes {
				if x == ref {
					ref = NextSibling(x)
				}
				b.fail(p.InsertBefore(x, ref), "replaceWith", i.name)
			}
		}
		return nil
	})
}

// nonDocumentTypeChildNode adds previous/nextElementSibling.
func (b *Binding) nonDocumentTypeChildNode(i *iface) {
	attr(i, "previousElementSibling", func(n Node) goja.Value { return b.wrap(prevElement(n)) }, nil)
	attr(i, "nextElementSibling", func(n Node) goja.Value { return b.wrap(nextElement(n)) }, nil)
}

// parentNode adds the ParentNode mixin shared by Document and Element.
func (b *Binding) parentNode(i *iface) {
	vm := b.vm
	attr(i, "children", func(n Node) goja.Value {
		return b.collection(childrenKey{n}, "HTMLCollection", true, func() []Node { return elementsAsNodes(n.base().Children()) })
	}, nil)
	attr(i, "firstElementChild", func(n Node) goja.Value {
		for _, c := range n.base().children {
			if e, ok := c.(*Element); ok {
				return b.wrap(e)
			}
		}
		return goja.Null()
	}, nil)
	attr(i, "lastElementChild", func(n Node) goja.Value {
		cs := n.base().children
		for j := len(cs) - 1; j >= 0; j-- {
			if e, ok := cs[j].(*Element); ok {
				return b.wrap(e)
			}
		}
		return goja.Null()
	}, nil)
	attr(i, "childElementCount", func(n Node) goja.Value { return vm.ToValue(len(n.base().Children())) }, nil)
	method(i, "append", 0, func(n Node, c goja.FunctionCall) goja.Value {
		for _, x := range b.nodesOrStrings(c.Arguments) {
			b.fail(n.AppendChild(x), "append", i.name)
		}
		return nil
	})
	method(i, "prepend", 0, func(n Node, c goja.FunctionCall) goja.Value {
		ref := n.base().FirstChild()
		for _, x := range b.nodesOrStrings(c.Arguments) {
			if x == ref {
				ref = NextSibling(x)
			}
			b.fail(n.InsertBefore(x, ref), "prepend", i.name)
		}
		return nil
	})
	method(i, "replaceChildren", 0, func(n Node, c goja.FunctionCall) goja.Value {
		b.fail(n.base().ReplaceChildren(b.nodesOrStrings(c.Arguments)...), "replaceChildren", i.name)
		return nil
	})
	method(i, "querySelector", 1, func(n Node, c goja.FunctionCall) goja.Value {
		e, err := query(n, b.str(c.Argument(0)))
		b.fail(err, "querySelector", i.name)
		return b.wrap(e)
	})
	method(i, "querySelectorAll", 1, func(n Node, c goja.FunctionCall) goja.Value {
		es, err := queryAll(n, b.str(c.Argument(0)))
		b.fail(err, "querySelectorAll", i.name)
		return b.staticList(elementsAsNodes(es))
	})
	method(i, "getElementsByTagName", 1, func(n Node, c goja.FunctionCall) goja.Value {
		tag := b.str(c.Argument(0))
		return b.collection(tagKey{n, tag}, "HTMLCollection", true, func() []Node {
			return elementsAsNodes(GetElementsByTagName(n, tag))
		})
	})
	method(i, "getElementsByTagNameNS", 2, func(n Node, c goja.FunctionCall) goja.Value {
		ns, local := b.strNull(c.Argument(0)), b.str(c.Argument(1))
		return b.collection(tagNSKey{n, ns, local}, "HTMLCollection", true, func() []Node {
			return elementsAsNodes(GetElementsByTagNameNS(n, ns, local))
		})
	})
	method(i, "getElementsByClassName", 1, func(n Node, c goja.FunctionCall) goja.Value {
		names := b.str(c.Argument(0))
		return b.collection(classKey{n, names}, "HTMLCollection", true, func() []Node {
			return elementsAsNodes(GetElementsByClassName(n, names))
		})
	})
}

func elementsAsNodes(es []*Element) []Node {
	out := make([]Node, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

func (b *Binding) installDocument() {
	vm := b.vm
	doc := b.defineInterface("Document", "Node", func(c goja.ConstructorCall) *goja.Object {
		b.register(NewDocument("about:blank"), c.This)
		return nil
	})
	b.parentNode(doc)
	attr(doc, "documentElement", func(d *Document) goja.Value { return b.wrap(d.DocumentElement()) }, nil)
	attr(doc, "head", func(d *Document) goja.Value { return b.wrap(d.Head()) }, nil)
	attr(doc, "body", func(d *Document) goja.Value { return b.wrap(d.Body()) }, nil)
	attr(doc, "doctype", func(d *Document) goja.Value {
		for _, c := range d.children {
			if dt, ok := c.(*DocumentType); ok {
				return b.wrap(dt)
			}
		}
		return goja.Null()
	}, nil)
	attr(doc, "title", func(d *Document) goja.Value { return vm.ToValue(d.Title()) },
		func(d *Document, v goja.Value) { d.SetTitle(b.str(v)) })
	attr(doc, "URL", func(d *Document) goja.Value { return vm.ToValue(d.URL()) }, nil)
	attr(doc, "documentURI", func(d *Document) goja.Value { return vm.ToValue(d.URL()) }, nil)
	attr(doc, "readyState", func(d *Document) goja.Value { return vm.ToValue(d.readyState) }, nil)
	attr(doc, "currentScript", func(d *Document) goja.Value {
		if d.current == nil {
			return goja.Null()
		}
		return b.wrap(d.current)
	}, nil)
	attr(doc, "characterSet", func(d *Document) goja.Value { return vm.ToValue("UTF-8") }, nil)
	attr(doc, "contentType", func(d *Document) goja.Value { return vm.ToValue("text/html") }, nil)
	attr(doc, "compatMode", func(d *Document) goja.Value {
		for _, c := range d.children {
			if _, ok := c.(*DocumentType); ok {
				return vm.ToValue("CSS1Compat")
			}
		}
		return vm.ToValue("BackCompat")
	}, nil)
	attr(doc, "defaultView", func(d *Document) goja.Value {
		if d == b.doc {
			return vm.GlobalObject()
		}
		return goja.Null()
	}, nil)
	attr(doc, "location", func(d *Document) goja.Value {
		if d == b.doc {
			return b.location
		}
		return goja.Null()
	}, nil)
	attr(doc, "activeElement", func(d *Document) goja.Value { return b.wrap(d.ActiveElement()) }, nil)
	attr(doc, "forms", func(d *Document) goja.Value {
		return b.collection(formsKey{d}, "HTMLCollection", true, func() []Node { return elementsAsNodes(d.Forms()) })
	}, nil)
	method(doc, "getElementById", 1, func(d *Document, c goja.FunctionCall) goja.Value {
		return b.wrap(d.GetElementByID(b.str(c.Argument(0))))
	})
	method(doc, "getElementsByName", 1, func(d *Document, c goja.FunctionCall) goja.Value {
		name := b.str(c.Argument(0))
		return b.collection(nameKey{d, name}, "NodeList", false, func() []Node {
			var out []Node
			for _, e := range descendants(d) {
				if e.ns == NamespaceHTML && e.AttrOr("name") == name && e.HasAttr("name") {
					out = append(out, e)
				}
			}
			return out
		})
	})
	method(doc, "createElement", 1, func(d *Document, c goja.FunctionCall) goja.Value {
		name := b.str(c.Argument(0))
		if !validElementName(name) {
			b.throwDOM("InvalidCharacterError", "Failed to execute 'createElement' on 'Document': The tag name provided ('"+name+"') is not a valid name.")
		}
		return b.wrap(d.CreateElement(name))
	})
	method(doc, "createElementNS", 2, func(d *Document, c goja.FunctionCall) goja.Value {
		ns := b.strNull(c.Argument(0))
		name := b.str(c.Argument(1))
		if !validElementName(name) {
			b.throwDOM("InvalidCharacterError", "Failed to execute 'createElementNS' on 'Document': The qualified name provided ('"+name+"') contains the invalid name-start character '"+name[:min(1, len(name))]+"'.")
		}
		return b.wrap(d.CreateElementNS(ns, name))
	})
	method(doc, "createDocumentFragment", 0, func(d *Document, _ goja.FunctionCall) goja.Value {
		return b.wrap(d.CreateDocumentFragment())
	})
	method(doc, "createEvent", 1, func(_ *Document, c goja.FunctionCall) goja.Value {
		return b.createEvent(b.str(c.Argument(0)))
	})
	method(doc, "createTextNode", 1, func(d *Document, c goja.FunctionCall) goja.Value {
		return b.wrap(d.CreateTextNode(b.str(c.Argument(0))))
	})
	method(doc, "createComment", 1, func(d *Document, c goja.FunctionCall) goja.Value {
		return b.wrap(d.CreateComment(b.str(c.Argument(0))))
	})
	b.defineInterface("HTMLDocument", "Document", nil)
	b.installImplementation(doc)
	b.installNodeIterator(doc)
}

// validElementName is the DOM's "valid element local name" check.
func validElementName(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return !strings.ContainsAny(s, "\t\n\f\r />\x00")
	}
	if c != ':' && c != '_' && c < 0x80 {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == ':' || c == '_' || c >= 0x80) {
			return false
		}
	}
	return true
}

// validAttrName is the DOM's "valid attribute local name" check.
func validAttrName(s string) bool {
	return s != "" && !strings.ContainsAny(s, "\t\n\f\r />=\x00")
}

func (b *Binding) installElement() {
	vm := b.vm
	el := b.defineInterface("Element", "Node", nil)
	b.parentNode(el)
	b.childNode(el)
	b.nonDocumentTypeChildNode(el)
	attr(el, "tagName", func(e *Element) goja.Value { return vm.ToValue(e.TagName()) }, nil)
	attr(el, "localName", func(e *Element) goja.Value { return vm.ToValue(e.local) }, nil)
	attr(el, "namespaceURI", func(e *Element) goja.Value { return vm.ToValue(e.ns) }, nil)
	attr(el, "prefix", func(e *Element) goja.Value { return goja.Null() }, nil)
	b.reflect(el, "id", "id")
	b.reflect(el, "className", "class")
	b.installShadowHost(el)
	attr(el, "style", func(e *Element) goja.Value {
		v, err := b.styleOf()(goja.Undefined(), b.wrap(e))
		if err != nil {
			panic(err)
		}
		return v
	}, func(e *Element, v goja.Value) { e.SetAttr("style", b.str(v)) })
	attr(el, "classList", func(e *Element) goja.Value { return b.tokenList(e) },
		func(e *Element, v goja.Value) { e.SetAttr("class", b.str(v)) })
	attr(el, "attributes", func(e *Element) goja.Value { return b.attributes(e) }, nil)
	method(el, "getAttribute", 1, func(e *Element, c goja.FunctionCall) goja.Value {
		if v, ok := e.Attr(b.str(c.Argument(0))); ok {
			return vm.ToValue(v)
		}
		return goja.Null()
	})
	method(el, "getAttributeNames", 0, func(e *Element, _ goja.FunctionCall) goja.Value {
		names := make([]any, len(e.attrs))
		for i, a := range e.attrs {
			names[i] = a.Name
		}
		return vm.NewArray(names...)
	})
	method(el, "setAttribute", 2, func(e *Element, c goja.FunctionCall) goja.Value {
		name := b.str(c.Argument(0))
		if !validAttrName(name) {
			b.throwDOM("InvalidCharacterError", "Failed to execute 'setAttribute' on 'Element': '"+name+"' is not a valid attribute name.")
		}
		e.SetAttr(name, b.str(c.Argument(1)))
		return nil
	})
	method(el, "hasAttribute", 1, func(e *Element, c goja.FunctionCall) goja.Value {
		return vm.ToValue(e.HasAttr(b.str(c.Argument(0))))
	})
	method(el, "hasAttributes", 0, func(e *Element, _ goja.FunctionCall) goja.Value { return vm.ToValue(len(e.attrs) > 0) })
	method(el, "removeAttribute", 1, func(e *Element, c goja.FunctionCall) goja.Value {
		e.RemoveAttr(b.str(c.Argument(0)))
		return nil
	})
	method(el, "toggleAttribute", 1, func(e *Element, c goja.FunctionCall) goja.Value {
		name := b.str(c.Argument(0))
		if !validAttrName(name) {
			b.throwDOM("InvalidCharacterError", "Failed to execute 'toggleAttribute' on 'Element': '"+name+"' is not a valid attribute name.")
		}
		has := e.HasAttr(name)
		force := c.Argument(1)
		want := !has
		if !goja.IsUndefined(force) {
			want = force.ToBoolean()
		}
		if want && !has {
			e.SetAttr(name, "")
		} else if !want && has {
			e.RemoveAttr(name)
		}
		return vm.ToValue(want)
	})
	attr(el, "innerHTML", func(e *Element) goja.Value { return vm.ToValue(e.InnerHTML()) },
		func(e *Element, v goja.Value) { b.fail(e.SetInnerHTML(b.strNull(v)), "innerHTML", "Element") })
	attr(el, "outerHTML", func(e *Element) goja.Value { return vm.ToValue(e.OuterHTML()) },
		func(e *Element, v goja.Value) {
			if err := e.SetOuterHTML(b.strNull(v)); err != nil {
				var de *DOMError
				if errors.As(err, &de) {
					b.throwDOM(de.Name, "Failed to set the 'outerHTML' property on 'Element': "+de.Message)
				}
				panic(vm.NewGoError(err))
			}
		})
	method(el, "matches", 1, func(e *Element, c goja.FunctionCall) goja.Value {
		ok, err := e.Matches(b.str(c.Argument(0)))
		b.fail(err, "matches", "Element")
		return vm.ToValue(ok)
	})
	method(el, "closest", 1, func(e *Element, c goja.FunctionCall) goja.Value {
		x, err := e.Closest(b.str(c.Argument(0)))
		b.fail(err, "closest", "Element")
		return b.wrap(x)
	})
}

// reflect defines a string attribute that mirrors a content attribute.
func (b *Binding) reflect(i *iface, prop, name string) {
	attr(i, prop, func(e *Element) goja.Value { return b.vm.ToValue(e.AttrOr(name)) },
		func(e *Element, v goja.Value) { e.SetAttr(name, b.str(v)) })
}

// reflectBool defines a boolean attribute that mirrors a content attribute's presence.
func (b *Binding) reflectBool(i *iface, prop, name string) {
	attr(i, prop, func(e *Element) goja.Value { return b.vm.ToValue(e.HasAttr(name)) },
		func(e *Element, v goja.Value) {
			if v.ToBoolean() {
				e.SetAttr(name, "")
			} else {
				e.RemoveAttr(name)
			}
		})
}

// reflectURL defines a URL attribute: the content attribute resolved
// against the document URL ("" when absent).
func (b *Binding) reflectURL(i *iface, prop, name string) {
	attr(i, prop, func(e *Element) goja.Value {
		v, ok := e.Attr(name)
		if !ok {
			return b.vm.ToValue("")
		}
		return b.vm.ToValue(e.doc.ResolveURL(strings.TrimFunc(v, isASCIISpace)))
	}, func(e *Element, v goja.Value) { e.SetAttr(name, b.str(v)) })
}

func (b *Binding) installHTMLElements() {
	vm := b.vm
	he := b.defineInterface("HTMLElement", "Element", nil)
	defer b.installPlainHTMLElements()
	attr(he, "innerText", func(e *Element) goja.Value { return vm.ToValue(e.InnerText()) },
		func(e *Element, v goja.Value) { e.SetInnerText(b.strNull(v)) })
	attr(he, "dataset", func(e *Element) goja.Value { return b.dataset(e) }, nil)
	b.reflectBool(he, "hidden", "hidden")
	b.reflect(he, "title", "title")
	b.reflect(he, "lang", "lang")
	method(he, "click", 0, func(e *Element, _ goja.FunctionCall) goja.Value { e.Click(); return nil })
	method(he, "focus", 0, func(e *Element, _ goja.FunctionCall) goja.Value { e.Focus(); return nil })
	method(he, "blur", 0, func(e *Element, _ goja.FunctionCall) goja.Value { e.Blur(); return nil })

	value := func(i *iface) {
		attr(i, "value", func(e *Element) goja.Value { return vm.ToValue(e.Value()) },
			func(e *Element, v goja.Value) { b.fail(e.SetValue(b.strNull(v)), "value", i.name) })
	}
	form := func(i *iface) {
		attr(i, "form", func(e *Element) goja.Value { return b.wrap(e.Form()) }, nil)
	}

	tpl := b.defineInterface("HTMLTemplateElement", "HTMLElement", nil)
	attr(tpl, "content", func(e *Element) goja.Value { return b.wrap(e.Content()) }, nil)

	in := b.defineInterface("HTMLInputElement", "HTMLElement", nil)
	value(in)
	form(in)
	b.reflect(in, "name", "name")
	b.reflect(in, "defaultValue", "value")
	b.reflect(in, "placeholder", "placeholder")
	b.reflect(in, "autocomplete", "autocomplete")
	b.reflectBool(in, "disabled", "disabled")
	b.reflectBool(in, "readOnly", "readonly")
	b.reflectBool(in, "required", "required")
	b.reflectBool(in, "defaultChecked", "checked")
	attr(in, "type", func(e *Element) goja.Value { return vm.ToValue(e.InputType()) },
		func(e *Element, v goja.Value) { e.SetAttr("type", b.str(v)) })
	attr(in, "checked", func(e *Element) goja.Value { return vm.ToValue(e.Checked()) },
		func(e *Element, v goja.Value) { e.SetChecked(v.ToBoolean()) })

	ta := b.defineInterface("HTMLTextAreaElement", "HTMLElement", nil)
	value(ta)
	form(ta)
	b.reflect(ta, "name", "name")
	b.reflect(ta, "placeholder", "placeholder")
	b.reflectBool(ta, "disabled", "disabled")
	b.reflectBool(ta, "readOnly", "readonly")
	b.reflectBool(ta, "required", "required")
	attr(ta, "type", func(e *Element) goja.Value { return vm.ToValue("textarea") }, nil)
	attr(ta, "defaultValue", func(e *Element) goja.Value { return vm.ToValue(e.Text()) },
		func(e *Element, v goja.Value) { e.SetText(b.strNull(v)) })

	sel := b.defineInterface("HTMLSelectElement", "HTMLElement", nil)
	value(sel)
	form(sel)
	b.reflect(sel, "name", "name")
	b.reflectBool(sel, "disabled", "disabled")
	b.reflectBool(sel, "multiple", "multiple")
	b.reflectBool(sel, "required", "required")
	attr(sel, "type", func(e *Element) goja.Value {
		if e.HasAttr("multiple") {
			return vm.ToValue("select-multiple")
		}
		return vm.ToValue("select-one")
	}, nil)
	attr(sel, "selectedIndex", func(e *Element) goja.Value { return vm.ToValue(e.SelectedIndex()) },
		func(e *Element, v goja.Value) { e.SetSelectedIndex(int(v.ToInteger())) })
	attr(sel, "length", func(e *Element) goja.Value { return vm.ToValue(len(e.Options())) }, nil)
	attr(sel, "options", func(e *Element) goja.Value {
		return b.collection(optionsKey{e}, "HTMLCollection", true, func() []Node { return elementsAsNodes(e.Options()) })
	}, nil)

	opt := b.defineInterface("HTMLOptionElement", "HTMLElement", nil)
	value(opt)
	b.reflectBool(opt, "disabled", "disabled")
	b.reflectBool(opt, "defaultSelected", "selected")
	b.reflect(opt, "label", "label")
	attr(opt, "text", func(e *Element) goja.Value {
		return vm.ToValue(strings.Join(strings.FieldsFunc(e.Text(), isASCIISpace), " "))
	}, func(e *Element, v goja.Value) { e.SetText(b.str(v)) })
	attr(opt, "selected", func(e *Element) goja.Value { return vm.ToValue(e.Selected()) },
		func(e *Element, v goja.Value) { e.SetSelected(v.ToBoolean()) })
	attr(opt, "index", func(e *Element) goja.Value { return vm.ToValue(e.optionIndex()) }, nil)

	btn := b.defineInterface("HTMLButtonElement", "HTMLElement", nil)
	form(btn)
	b.reflect(btn, "name", "name")
	b.reflect(btn, "value", "value")
	b.reflectBool(btn, "disabled", "disabled")
	attr(btn, "type", func(e *Element) goja.Value { return vm.ToValue(e.buttonType()) },
		func(e *Element, v goja.Value) { e.SetAttr("type", b.str(v)) })

	fm := b.defineInterface("HTMLFormElement", "HTMLElement", nil)
	b.reflect(fm, "name", "name")
	b.reflectBool(fm, "noValidate", "novalidate")
	attr(fm, "action", func(e *Element) goja.Value {
		v, ok := e.Attr("action")
		if !ok || strings.TrimFunc(v, isASCIISpace) == "" {
			return vm.ToValue(e.doc.URL())
		}
		return vm.ToValue(e.doc.ResolveURL(strings.TrimFunc(v, isASCIISpace)))
	}, func(e *Element, v goja.Value) { e.SetAttr("action", b.str(v)) })
	attr(fm, "method", func(e *Element) goja.Value {
		switch m := asciiLower(e.AttrOr("method")); m {
		case "post", "dialog":
			return vm.ToValue(m)
		}
		return vm.ToValue("get")
	}, func(e *Element, v goja.Value) { e.SetAttr("method", b.str(v)) })
	attr(fm, "elements", func(e *Element) goja.Value {
		return b.collection(elementsKey{e}, "HTMLFormControlsCollection", true, func() []Node {
			return elementsAsNodes(e.FormElements())
		})
	}, nil)
	attr(fm, "length", func(e *Element) goja.Value { return vm.ToValue(len(e.FormElements())) }, nil)
	method(fm, "submit", 0, func(e *Element, _ goja.FunctionCall) goja.Value {
		if e.doc.onSubmit != nil && IsConnected(e) {
			e.doc.onSubmit(e)
		}
		return nil
	})
	method(fm, "requestSubmit", 0, func(e *Element, _ goja.FunctionCall) goja.Value { e.RequestSubmit(); return nil })
	method(fm, "reset", 0, func(e *Element, _ goja.FunctionCall) goja.Value { e.Reset(); return nil })

	fr := b.defineInterface("HTMLIFrameElement", "HTMLElement", nil)
	b.reflectURL(fr, "src", "src")
	b.reflect(fr, "name", "name")
	b.reflect(fr, "srcdoc", "srcdoc")
	b.reflect(fr, "allow", "allow")
	attr(fr, "contentWindow", func(e *Element) goja.Value {
		if b.opts.ContentWindow != nil {
			if w := b.opts.ContentWindow(e); w != nil {
				return w
			}
		}
		return goja.Null()
	}, nil)

	a := b.defineInterface("HTMLAnchorElement", "HTMLElement", nil)
	b.reflectURL(a, "href", "href")
	for _, name := range []string{"target", "rel", "download", "hreflang", "type"} {
		b.reflect(a, name, name)
	}
	b.hyperlinkParts(a)
	attr(a, "text", func(e *Element) goja.Value { return vm.ToValue(e.Text()) },
		func(e *Element, v goja.Value) { e.SetText(b.str(v)) })
	method(a, "toString", 0, func(e *Element, _ goja.FunctionCall) goja.Value { return vm.ToValue(e.hyperlink().href) })

	link := b.defineInterface("HTMLLinkElement", "HTMLElement", nil)
	b.reflectURL(link, "href", "href")
	for _, name := range []string{"rel", "type", "media", "hreflang", "as"} {
		b.reflect(link, name, name)
	}

	b.installCanvas()
	b.installDialog()

	img := b.defineInterface("HTMLImageElement", "HTMLElement", nil)
	b.reflectURL(img, "src", "src")
	b.reflect(img, "alt", "alt")

	script := b.defineInterface("HTMLScriptElement", "HTMLElement", nil)
	b.reflectURL(script, "src", "src")
	b.reflect(script, "type", "type")
	b.reflectBool(script, "async", "async")
	b.reflectBool(script, "defer", "defer")
	attr(script, "text", func(e *Element) goja.Value { return vm.ToValue(e.Text()) },
		func(e *Element, v goja.Value) { e.SetText(b.str(v)) })
}

// hyperlinkParts defines HTMLHyperlinkElementUtils' read-only URL parts (origin, protocol,
// username, password, host, hostname, port, pathname, search, hash) of the resolved href: all
// empty when there is no href or it does not parse.
func (b *Binding) hyperlinkParts(i *iface) {
	part := func(name string, get func(h hyperlinkURL) string) {
		attr(i, name, func(e *Element) goja.Value { return b.vm.ToValue(get(e.hyperlink())) }, nil)
	}
	part("origin", func(h hyperlinkURL) string { return h.origin })
	part("protocol", func(h hyperlinkURL) string { return h.protocol })
	part("username", func(h hyperlinkURL) string { return h.username })
	part("password", func(h hyperlinkURL) string { return h.password })
	part("host", func(h hyperlinkURL) string { return h.host })
	part("hostname", func(h hyperlinkURL) string { return h.hostname })
	part("port", func(h hyperlinkURL) string { return h.port })
	part("pathname", func(h hyperlinkURL) string { return h.pathname })
	part("search", func(h hyperlinkURL) string { return h.search })
	part("hash", func(h hyperlinkURL) string { return h.hash })
}

//go:embed style.js
var styleSrc string

//go:embed computedstyle.js
var computedStyleSrc string

var (
	styleProgram         = goja.MustCompile("dom-style.js", styleSrc, true)
	computedStyleProgram = goja.MustCompile("dom-computedstyle.js", computedStyleSrc, true)
)

// styleAPI is the realm's style.js over computedstyle.js: element.style's maker, getComputedStyle's
// and CSSStyleDeclaration. Most realms never touch style, so it is built on first use.
type styleAPI struct {
	styleOf, computedOf goja.Callable
	class               goja.Value
}

// styles builds the realm's styleAPI on first use.
func (b *Binding) styles() *styleAPI {
	if b.style != nil {
		return b.style
	}
	vm := b.vm
	call := func(p *goja.Program, args ...goja.Value) *goja.Object {
		v, err := vm.RunProgram(p)
		if err != nil {
			panic(err)
		}
		fn, _ := goja.AssertFunction(v)
		r, err := fn(goja.Undefined(), args...)
		if err != nil {
			panic(err)
		}
		return r.ToObject(vm)
	}
	// The realm's own Node and Element, as they were when bound: a page that replaces them does
	// not change how styles compute.
	computed := call(computedStyleProgram, b.protos["Node"].Get("constructor"), b.protos["Element"].Get("constructor"))
	style := call(styleProgram, vm.ToValue(cssProperties), computed)
	b.style = &styleAPI{class: style.Get("CSSStyleDeclaration")}
	b.style.styleOf, _ = goja.AssertFunction(style.Get("styleOf"))
	b.style.computedOf, _ = goja.AssertFunction(style.Get("computedStyleOf"))
	return b.style
}

// styleOf is the realm's element.style maker.
func (b *Binding) styleOf() goja.Callable { return b.styles().styleOf }

// installStyle defines CSSStyleDeclaration and getComputedStyle, which build the realm's styles
// when first used: the global CSSStyleDeclaration becomes a plain value once read.
func (b *Binding) installStyle() error {
	vm := b.vm
	g := vm.GlobalObject()
	class := func(goja.FunctionCall) goja.Value {
		c := b.styles().class
		_ = g.DefineDataProperty("CSSStyleDeclaration", c, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return c
	}
	replace := func(c goja.FunctionCall) goja.Value {
		_ = g.DefineDataProperty("CSSStyleDeclaration", c.Argument(0), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		return goja.Undefined()
	}
	if err := g.DefineAccessorProperty("CSSStyleDeclaration", vm.ToValue(class), vm.ToValue(replace), goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return fmt.Errorf("dom: installing CSSStyleDeclaration: %w", err)
	}
	getComputedStyle := func(c goja.FunctionCall) goja.Value {
		if x, ok := b.Unwrap(c.Argument(0)); !ok || !isElement(x) {
			panic(vm.NewTypeError("Failed to execute 'getComputedStyle' on 'Window': parameter 1 is not of type 'Element'."))
		}
		v, err := b.styles().computedOf(goja.Undefined(), c.Argument(0))
		if err != nil {
			panic(err)
		}
		return v
	}
	return g.DefineDataProperty("getComputedStyle", vm.ToValue(getComputedStyle), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

func isElement(x any) bool {
	_, ok := x.(*Element)
	return ok
}
