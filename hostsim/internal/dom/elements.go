package dom

import "slices"

// plainHTMLInterfaces are the HTML element interfaces whose members this DOM does not model
// beyond HTMLElement's, by tag: scripts still see the right prototype (instanceof
// HTMLDivElement), as in Chromium 156.
var plainHTMLInterfaces = map[string]string{
	"div": "HTMLDivElement", "span": "HTMLSpanElement", "p": "HTMLParagraphElement",
	"h1": "HTMLHeadingElement", "h2": "HTMLHeadingElement", "h3": "HTMLHeadingElement",
	"h4": "HTMLHeadingElement", "h5": "HTMLHeadingElement", "h6": "HTMLHeadingElement",
	"ul": "HTMLUListElement", "ol": "HTMLOListElement", "li": "HTMLLIElement", "dl": "HTMLDListElement",
	"table": "HTMLTableElement", "tr": "HTMLTableRowElement", "td": "HTMLTableCellElement", "th": "HTMLTableCellElement",
	"thead": "HTMLTableSectionElement", "tbody": "HTMLTableSectionElement", "tfoot": "HTMLTableSectionElement",
	"caption": "HTMLTableCaptionElement",
	"html":    "HTMLHtmlElement", "head": "HTMLHeadElement", "body": "HTMLBodyElement", "title": "HTMLTitleElement",
	"meta": "HTMLMetaElement", "style": "HTMLStyleElement", "base": "HTMLBaseElement",
	"br": "HTMLBRElement", "hr": "HTMLHRElement", "pre": "HTMLPreElement", "label": "HTMLLabelElement",
	"fieldset": "HTMLFieldSetElement", "legend": "HTMLLegendElement", "optgroup": "HTMLOptGroupElement",
	"blockquote": "HTMLQuoteElement", "q": "HTMLQuoteElement",
}

// installPlainHTMLElements defines the interfaces of plainHTMLInterfaces, each once.
func (b *Binding) installPlainHTMLElements() {
	var names []string
	for _, n := range plainHTMLInterfaces {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		b.defineInterface(n, "HTMLElement", nil)
	}
}

// SetOuterHTML replaces e with the nodes markup parses into, in its parent's context; a detached
// element is left as is, and an element whose parent is the document cannot be replaced.
func (e *Element) SetOuterHTML(markup string) error {
	p := e.Parent()
	var ctx *Element
	switch x := p.(type) {
	case nil:
		return nil
	case *Document:
		return domErr("NoModificationAllowedError", "This element's parent is a Document, which may not be modified.")
	case *Element:
		ctx = x
	default:
		ctx = e.doc.CreateElement("body")
	}
	nodes, err := ctx.ParseFragment(markup)
	if err != nil {
		return err
	}
	ref := NextSibling(e)
	e.Remove()
	for _, n := range nodes {
		if err := p.base().InsertBefore(n, ref); err != nil {
			return err
		}
	}
	return nil
}
