package dom

import (
	"errors"

	"github.com/dop251/goja"
)

// NewHTMLDocument is DOMImplementation.createHTMLDocument's document: a doctype, and html with a
// head (holding a title when title is not nil) and a body, at about:blank.
func NewHTMLDocument(title *string) *Document {
	d := NewDocument("about:blank")
	dt := &DocumentType{name: "html"}
	d.initNode(dt)
	_ = d.AppendChild(dt)
	root := d.CreateElement("html")
	_ = d.AppendChild(root)
	head := d.CreateElement("head")
	_ = root.AppendChild(head)
	if title != nil {
		t := d.CreateElement("title")
		_ = head.AppendChild(t)
		_ = t.AppendChild(d.CreateTextNode(*title))
	}
	_ = root.AppendChild(d.CreateElement("body"))
	return d
}

// domImplementation is a document's DOMImplementation object (document.implementation).
type domImplementation struct{ d *Document }

// installImplementation defines DOMImplementation with createHTMLDocument, createDocumentType
// and hasFeature, and document.implementation. createDocument, which makes an XML document, is
// not simulated: this DOM's documents are HTML documents.
func (b *Binding) installImplementation(doc *iface) {
	vm := b.vm
	impls := map[*Document]*domImplementation{}
	attr(doc, "implementation", func(d *Document) goja.Value {
		if impls[d] == nil {
			impls[d] = &domImplementation{d: d}
		}
		return b.wrap(impls[d])
	}, nil)
	di := b.defineInterface("DOMImplementation", "", nil)
	method(di, "createHTMLDocument", 0, func(_ *domImplementation, c goja.FunctionCall) goja.Value {
		var title *string
		if t := c.Argument(0); !goja.IsUndefined(t) {
			s := b.str(t)
			title = &s
		}
		return b.wrap(NewHTMLDocument(title))
	})
	method(di, "createDocumentType", 3, func(i *domImplementation, c goja.FunctionCall) goja.Value {
		name := b.str(c.Argument(0))
		if !validDoctypeName(name) {
			b.throwDOM("InvalidCharacterError", "Failed to execute 'createDocumentType' on 'DOMImplementation': The qualified name provided ('"+name+"') contains the invalid name-start character '"+name[:min(1, len(name))]+"'.")
		}
		dt := &DocumentType{name: name, publicID: b.str(c.Argument(1)), systemID: b.str(c.Argument(2))}
		i.d.initNode(dt)
		return b.wrap(dt)
	})
	method(di, "hasFeature", 0, func(_ *domImplementation, _ goja.FunctionCall) goja.Value { return vm.ToValue(true) })
	method(di, "createDocument", 2, func(_ *domImplementation, _ goja.FunctionCall) goja.Value {
		panic(vm.NewGoError(errors.New("hostsim: DOMImplementation.createDocument (an XML document) is not simulated")))
	})
}

// validDoctypeName is the check createDocumentType makes: a valid XML qualified name, here reduced
// to what the element-name check accepts.
func validDoctypeName(s string) bool { return validElementName(s) }
