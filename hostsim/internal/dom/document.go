package dom

import (
	"net/url"
	"strings"
	"sync/atomic"
	"weak"

	"github.com/dop251/goja"
)

// Document is the root of a page's tree. It also owns the page's Window
// (the event target above the document) and reports iframes to the
// embedder.
type Document struct {
	nodeBase
	url        *url.URL
	readyState string
	hidden     bool // visibilityState "hidden": a background tab or an unloading page
	window     *Window
	realms     map[*goja.Runtime]*Binding
	onFrame    func(FrameChange)
	onScript   func(*Element)
	current    *Element // document.currentScript
	onSubmit   func(form *Element)
	onNavigate func(url string) error
	focused    *Element
	// observing are the realms with MutationObservers, told of every change in this order;
	// batching are the parents whose childList records are held back while an operation that
	// reports its removals and insertions as one record runs.
	observing []*Binding
	batching  []Node
	// iterators are the document's NodeIterators that scripts still hold, for the pre-removing
	// steps.
	iterators []weak.Pointer[nodeIterator]
	// mainWorld is the first realm bound, where content-attribute event handlers compile, and
	// inlineHandlers the page's policy for them (handlers.go).
	mainWorld      *Binding
	inlineHandlers func(code string) bool
	// history is the document's History state and historyHost its tab's session history
	// (history.go).
	history     historyState
	historyHost HistoryHost
	// dialogs are the <dialog> elements' states (dialog.go).
	dialogs map[*Element]*dialogState
}

// NewDocument makes an empty document (no doctype, no <html>) at rawURL;
// an empty or unparsable URL becomes about:blank.
func NewDocument(rawURL string) *Document {
	d := &Document{readyState: "complete", realms: map[*goja.Runtime]*Binding{}}
	d.self = d
	d.doc = d
	u, err := url.Parse(rawURL)
	if err != nil || rawURL == "" || !u.IsAbs() {
		u, _ = url.Parse("about:blank")
	}
	d.url = normalizeURL(u)
	d.window = &Window{doc: d}
	d.window.self = d.window
	return d
}

// NodeType is DocumentNode.
func (d *Document) NodeType() NodeType { return DocumentNode }

// NodeName is "#document".
func (d *Document) NodeName() string { return "#document" }

// Text of a document is empty (textContent is null).
func (d *Document) Text() string { return "" }

// URL is the document's address.
func (d *Document) URL() string { return d.url.String() }

// Window is the event target above the document (what `window` is in
// every realm bound to d).
func (d *Document) Window() *Window { return d.window }

// ReadyState is "loading", "interactive" or "complete" (the default).
func (d *Document) ReadyState() string { return d.readyState }

// SetReadyState lets the browser model step a page through loading.
func (d *Document) SetReadyState(s string) { d.readyState = s }

// mutations counts tree, attribute and form-state changes in every
// document; live collections recompute when it moves. It is atomic only
// so that separate documents may live on separate goroutines.
var mutations atomic.Uint64

func (d *Document) changed() { mutations.Add(1) }

// DocumentElement is the root element (<html>), or nil.
func (d *Document) DocumentElement() *Element {
	for _, c := range d.children {
		if e, ok := c.(*Element); ok {
			return e
		}
	}
	return nil
}

// childOfRoot finds the first child of <html> with the given HTML tag.
func (d *Document) childOfRoot(tags ...string) *Element {
	root := d.DocumentElement()
	if root == nil || !root.isHTML("html") {
		return nil
	}
	for _, c := range root.Children() {
		for _, t := range tags {
			if c.isHTML(t) {
				return c
			}
		}
	}
	return nil
}

// Head is the <head> element, or nil.
func (d *Document) Head() *Element { return d.childOfRoot("head") }

// Body is the <body> (or <frameset>) element, or nil.
func (d *Document) Body() *Element { return d.childOfRoot("body", "frameset") }

// Title is the text of the first <title>, with whitespace collapsed.
func (d *Document) Title() string {
	for _, e := range descendants(d) {
		if e.isHTML("title") {
			return strings.Join(strings.FieldsFunc(e.Text(), isASCIISpace), " ")
		}
	}
	return ""
}

// SetTitle sets the text of the <title>, adding one to <head> if needed.
func (d *Document) SetTitle(s string) {
	for _, e := range descendants(d) {
		if e.isHTML("title") {
			e.SetText(s)
			return
		}
	}
	if h := d.Head(); h != nil {
		t := d.CreateElement("title")
		t.SetText(s)
		_ = h.AppendChild(t)
	}
}

// GetElementByID returns the first element in tree order whose id is id.
func (d *Document) GetElementByID(id string) *Element {
	if id == "" {
		return nil
	}
	for _, e := range descendants(d) {
		if v, ok := e.Attr("id"); ok && v == id {
			return e
		}
	}
	return nil
}

// Forms returns the document's <form> elements in tree order.
func (d *Document) Forms() []*Element {
	var out []*Element
	for _, e := range descendants(d) {
		if e.isHTML("form") {
			out = append(out, e)
		}
	}
	return out
}

// CreateElement makes a detached HTML element. The name is lower-cased,
// as document.createElement does in an HTML document; it is not
// validated here (the JS binding validates).
func (d *Document) CreateElement(tag string) *Element {
	e := &Element{ns: NamespaceHTML, local: asciiLower(tag)}
	d.initNode(e)
	return e
}

// CreateElementNS makes a detached element in namespace ns (local name
// kept as given).
func (d *Document) CreateElementNS(ns, local string) *Element {
	e := &Element{ns: ns, local: local}
	d.initNode(e)
	return e
}

// Element is an element node with ordered attributes and, for form
// controls, the live value and checkedness browsers keep apart from the
// attributes.
type Element struct {
	nodeBase
	ns    string
	local string
	attrs []Attr

	value         string // <input>/<textarea> value once dirty
	dirtyValue    bool
	checked       bool // checkbox/radio checkedness once dirty
	dirtyChecked  bool
	selected      bool // <option> selectedness once dirty
	dirtySelected bool

	shadow  *DocumentFragment // the shadow root attached to it (shadow.go)
	content *DocumentFragment // a <template>'s content (template.go)
}

// Attr is one attribute. Foreign attributes keep their prefix in Name
// ("xlink:href").
type Attr struct {
	Name  string
	Value string
}

// NodeType is ElementNode.
func (e *Element) NodeType() NodeType { return ElementNode }

// NodeName is the tagName.
func (e *Element) NodeName() string { return e.TagName() }

// TagName is the upper-cased name for HTML elements, the name as is for
// others (svg's "foreignObject").
func (e *Element) TagName() string {
	if e.ns == NamespaceHTML {
		return asciiUpper(e.local)
	}
	return e.local
}

// LocalName is the lower-case (for HTML) tag name.
func (e *Element) LocalName() string { return e.local }

// Namespace is the element's namespace URI.
func (e *Element) Namespace() string { return e.ns }

func (e *Element) isHTML(local string) bool { return e.ns == NamespaceHTML && e.local == local }

// Attrs returns a copy of the attributes in order.
func (e *Element) Attrs() []Attr { return append([]Attr(nil), e.attrs...) }

// Attr returns the named attribute's value and whether it is present.
// HTML elements match names case-insensitively.
func (e *Element) Attr(name string) (string, bool) {
	name = e.attrName(name)
	for _, a := range e.attrs {
		if a.Name == name {
			return a.Value, true
		}
	}
	return "", false
}

// AttrOr returns the attribute's value, or "" when absent.
func (e *Element) AttrOr(name string) string {
	v, _ := e.Attr(name)
	return v
}

// HasAttr reports whether the attribute is present.
func (e *Element) HasAttr(name string) bool {
	_, ok := e.Attr(name)
	return ok
}

func (e *Element) attrName(name string) string {
	if e.ns == NamespaceHTML {
		return asciiLower(name)
	}
	return name
}

// SetAttr sets (or adds, at the end) an attribute.
func (e *Element) SetAttr(name, value string) {
	name = e.attrName(name)
	for i, a := range e.attrs {
		if a.Name == name {
			old := a.Value
			e.attrs[i].Value = value
			e.attrChanged(name)
			e.doc.attributeChange(e, name, &old)
			return
		}
	}
	e.attrs = append(e.attrs, Attr{Name: name, Value: value})
	e.attrChanged(name)
	e.doc.attributeChange(e, name, nil)
}

// RemoveAttr removes an attribute; absent attributes are ignored.
func (e *Element) RemoveAttr(name string) {
	name = e.attrName(name)
	for i, a := range e.attrs {
		if a.Name == name {
			old := a.Value
			e.attrs = append(e.attrs[:i], e.attrs[i+1:]...)
			e.attrChanged(name)
			e.doc.attributeChange(e, name, &old)
			return
		}
	}
}

func (e *Element) attrChanged(name string) {
	e.doc.changed()
	if b := e.doc.mainWorld; b != nil && strings.HasPrefix(name, "on") {
		b.contentHandlerChanged(e, name)
	}
	if name == "src" && e.isHTML("iframe") && IsConnected(e) {
		e.doc.reportFrame(FrameNavigated, e)
	}
}

// ID is the id attribute.
func (e *Element) ID() string { return e.AttrOr("id") }

// ClassList returns the class attribute split on ASCII whitespace, with
// duplicates removed (as DOMTokenList does).
func (e *Element) ClassList() []string {
	return uniqueTokens(e.AttrOr("class"))
}

func uniqueTokens(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.FieldsFunc(s, isASCIISpace) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// HasClass reports whether c is one of the element's classes.
func (e *Element) HasClass(c string) bool {
	for _, t := range strings.FieldsFunc(e.AttrOr("class"), isASCIISpace) {
		if t == c {
			return true
		}
	}
	return false
}

// GetElementsByTagName returns descendants of n with the given tag name
// ("*" for all) in tree order.
func GetElementsByTagName(n Node, tag string) []*Element {
	var out []*Element
	lower := asciiLower(tag)
	for _, e := range descendants(n) {
		if tag == "*" || (e.ns == NamespaceHTML && e.local == lower) || (e.ns != NamespaceHTML && e.local == tag) {
			out = append(out, e)
		}
	}
	return out
}

// GetElementsByTagNameNS returns descendants of n in namespace ns ("" for none) with local name
// local, compared exactly; "*" matches any namespace or any name.
func GetElementsByTagNameNS(n Node, ns, local string) []*Element {
	var out []*Element
	for _, e := range descendants(n) {
		if (ns == "*" || e.ns == ns) && (local == "*" || e.local == local) {
			out = append(out, e)
		}
	}
	return out
}

// GetElementsByClassName returns descendants of n that have every class
// in names (whitespace-separated).
func GetElementsByClassName(n Node, names string) []*Element {
	want := uniqueTokens(names)
	if len(want) == 0 {
		return nil
	}
	var out []*Element
	for _, e := range descendants(n) {
		ok := true
		for _, c := range want {
			if !e.HasClass(c) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, e)
		}
	}
	return out
}

// FrameKind says what happened to an iframe.
type FrameKind int

// Frame changes reported to the embedder.
const (
	// FrameAttached: an <iframe> entered the document.
	FrameAttached FrameKind = iota + 1
	// FrameNavigated: a connected <iframe>'s src changed.
	FrameNavigated
	// FrameDetached: an <iframe> left the document.
	FrameDetached
)

// FrameChange tells the embedder that an iframe needs a child frame
// created, navigated or destroyed. URL is src resolved against the
// document URL ("about:blank" when src is absent or empty).
type FrameChange struct {
	Kind  FrameKind
	Frame *Element
	URL   string
}

// Frames returns the document's connected <iframe> elements in tree order.
// The browser model calls it after parsing, then follows later changes
// with OnFrame.
func (d *Document) Frames() []*Element {
	var out []*Element
	for _, e := range descendants(d) {
		if e.isHTML("iframe") {
			out = append(out, e)
		}
	}
	return out
}

// OnFrame registers the function told about iframes attached, navigated
// or detached from now on (nil stops reporting).
func (d *Document) OnFrame(f func(FrameChange)) { d.onFrame = f }

// FrameURL is the iframe's src resolved against its document's URL.
func (e *Element) FrameURL() string {
	src := strings.TrimFunc(e.AttrOr("src"), isASCIISpace)
	if src == "" {
		return "about:blank"
	}
	return e.doc.ResolveURL(src)
}

// ResolveURL resolves ref against the document URL and serializes it as URLs do (lower-case host,
// no default port); an unparsable ref is returned unchanged.
func (d *Document) ResolveURL(ref string) string {
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return normalizeURL(d.url.ResolveReference(r)).String()
}

func (d *Document) reportFrame(k FrameKind, e *Element) {
	if d.onFrame != nil {
		d.onFrame(FrameChange{Kind: k, Frame: e, URL: e.FrameURL()})
	}
}

func (d *Document) connected(n Node) {
	if d.onScript != nil {
		walk(n, func(x Node) bool {
			if e, ok := x.(*Element); ok && e.isHTML("script") {
				d.onScript(e)
			}
			return true
		})
	}
	if d.onFrame == nil {
		return
	}
	walk(n, func(x Node) bool {
		if e, ok := x.(*Element); ok && e.isHTML("iframe") {
			d.reportFrame(FrameAttached, e)
		}
		return true
	})
}

// OnScript registers the function told about every HTML <script> element that script connects to
// the document from now on (nil stops reporting); the browser model prepares it to run.
func (d *Document) OnScript(f func(*Element)) { d.onScript = f }

// CurrentScript is document.currentScript: the classic script element running, or nil.
func (d *Document) CurrentScript() *Element { return d.current }

// SetCurrentScript sets document.currentScript (nil for none, as while a module script runs).
func (d *Document) SetCurrentScript(e *Element) { d.current = e }

func (d *Document) disconnected(n Node) {
	if d.onFrame == nil {
		return
	}
	walk(n, func(x Node) bool {
		if e, ok := x.(*Element); ok && e.isHTML("iframe") {
			d.reportFrame(FrameDetached, e)
		}
		return true
	})
}

func isASCIISpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func asciiUpper(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'a' && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

var defaultPorts = map[string]string{"http": "80", "https": "443", "ws": "80", "wss": "443", "ftp": "21"}

// normalizeURL applies the WHATWG URL serialization rules that Go's
// url.URL does not: lower-case host, no default port, "/" as the empty
// path of a hierarchical URL.
func normalizeURL(u *url.URL) *url.URL {
	c := *u
	c.Scheme = asciiLower(c.Scheme)
	if c.Host != "" {
		host, port := c.Hostname(), c.Port()
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		host = asciiLower(host)
		if port != "" && port != defaultPorts[c.Scheme] {
			host += ":" + port
		}
		c.Host = host
	}
	if c.Opaque == "" && c.Path == "" && c.Host != "" {
		c.Path = "/"
		c.RawPath = ""
	}
	return &c
}

// OnSubmit registers the function told when a form is submitted (after an
// uncanceled submit event, or by form.submit()); navigating is the
// browser model's business.
func (d *Document) OnSubmit(f func(form *Element)) { d.onSubmit = f }

// OnNavigate registers the function that carries out location
// assignments (location.href = ..., assign, replace). Without one those
// throw a NotSupportedError, since nothing would navigate.
func (d *Document) OnNavigate(f func(url string) error) { d.onNavigate = f }

// ActiveElement is the focused element, or the body when none is.
func (d *Document) ActiveElement() *Element {
	if d.focused != nil && IsConnected(d.focused) && d.focused.doc == d {
		return d.focused
	}
	return d.Body()
}
