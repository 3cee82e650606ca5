package dom

// A <template> element keeps its parsed children in a DocumentFragment, its content, instead of
// as its own children: they are not in the document's tree (no selector, getElementById or script
// reaches them) until a page clones them in, which is what template-based pages do with
// template.content.cloneNode(true).

// isTemplate reports an HTML <template>.
func (e *Element) isTemplate() bool { return e.ns == NamespaceHTML && e.local == "template" }

// Content is a <template>'s content fragment, made empty on first use; nil for other elements.
func (e *Element) Content() *DocumentFragment {
	if !e.isTemplate() {
		return nil
	}
	if e.content == nil {
		e.content = e.doc.CreateDocumentFragment()
	}
	return e.content
}

// moveIntoContent moves a freshly parsed template's children into its content.
func (e *Element) moveIntoContent() {
	f := e.Content()
	for _, c := range e.children {
		c.base().parent = f
		f.children = append(f.children, c)
	}
	e.children = nil
}
