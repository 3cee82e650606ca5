package dom

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Keys under which a realm caches its collection objects, so that
// el.children === el.children, as in browsers.
type (
	childNodesKey struct{ n Node }
	childrenKey   struct{ n Node }
	tagKey        struct {
		n   Node
		tag string
	}
	tagNSKey struct {
		n         Node
		ns, local string
	}
	classKey struct {
		n     Node
		names string
	}
	formsKey struct{ d *Document }
	nameKey  struct {
		d    *Document
		name string
	}
	elementsKey   struct{ f *Element }
	optionsKey    struct{ s *Element }
	tokenListKey  struct{ e *Element }
	datasetKey    struct{ e *Element }
	attributesKey struct{ e *Element }
	attrRef       struct {
		e    *Element
		name string
	}
)

// liveList backs NodeList and HTMLCollection objects: indexed access and,
// for HTMLCollection, named access by id or name. Live lists recompute
// after any mutation.
type liveList struct {
	b      *Binding
	iface  string
	items  func() []Node
	named  bool
	seen   uint64
	cached []Node
	fresh  bool
}

func (l *liveList) list() []Node {
	if m := mutations.Load(); !l.fresh || l.seen != m {
		l.cached, l.seen, l.fresh = l.items(), m, true
	}
	return l.cached
}

func (l *liveList) namedItem(key string) Node {
	if key == "" {
		return nil
	}
	for _, n := range l.list() {
		if e, ok := n.(*Element); ok && (e.AttrOr("id") == key || e.ns == NamespaceHTML && e.AttrOr("name") == key) {
			return e
		}
	}
	return nil
}

// Get is the DynamicObject hook: indices, then names not shadowed by the
// prototype (HTMLCollection is not [LegacyOverrideBuiltIns]).
func (l *liveList) Get(key string) goja.Value {
	if i, ok := arrayIndex(key); ok {
		items := l.list()
		if i < len(items) {
			return l.b.wrap(items[i])
		}
		return nil
	}
	if l.named && !l.b.protoHas(l.iface, key) {
		if n := l.namedItem(key); n != nil {
			return l.b.wrap(n)
		}
	}
	return nil
}

// Set refuses writes: the collection's items are read-only.
func (l *liveList) Set(string, goja.Value) bool { return false }

// Has reports the indices and names Get answers.
func (l *liveList) Has(key string) bool { return l.Get(key) != nil }

// Delete fails for existing items and succeeds otherwise.
func (l *liveList) Delete(key string) bool { return !l.Has(key) }

// Keys lists the indices; names are unenumerable.
func (l *liveList) Keys() []string {
	n := len(l.list())
	keys := make([]string, n)
	for i := range keys {
		keys[i] = strconv.Itoa(i)
	}
	return keys
}

func (b *Binding) collection(key any, ifaceName string, named bool, items func() []Node) goja.Value {
	if o, ok := b.wrappers[key]; ok {
		return o
	}
	l := &liveList{b: b, iface: ifaceName, items: items, named: named}
	o := b.vm.NewDynamicObject(l)
	_ = o.SetPrototype(b.protos[ifaceName])
	b.register(key, o)
	b.objs[o] = l
	return o
}

// staticList is querySelectorAll's result: a NodeList that does not follow
// later mutations.
func (b *Binding) staticList(nodes []Node) goja.Value {
	l := &liveList{b: b, iface: "NodeList", items: func() []Node { return nodes }}
	l.cached = nodes
	o := b.vm.NewDynamicObject(staticList{l})
	_ = o.SetPrototype(b.protos["NodeList"])
	b.objs[o] = l
	return o
}

type staticList struct{ *liveList }

func (s staticList) Get(key string) goja.Value {
	if i, ok := arrayIndex(key); ok && i < len(s.cached) {
		return s.b.wrap(s.cached[i])
	}
	return nil
}
func (s staticList) Has(key string) bool    { return s.Get(key) != nil }
func (s staticList) Delete(key string) bool { return !s.Has(key) }
func (s staticList) Keys() []string {
	keys := make([]string, len(s.cached))
	for i := range keys {
		keys[i] = strconv.Itoa(i)
	}
	return keys
}

// protoHas reports whether key names a property somewhere on the
// interface's prototype chain (computed once per interface).
func (b *Binding) protoHas(ifaceName, key string) bool {
	set, ok := b.protoNames[ifaceName]
	if !ok {
		set = map[string]bool{}
		for p := b.protos[ifaceName]; p != nil; p = p.Prototype() {
			for _, k := range p.GetOwnPropertyNames() {
				set[k] = true
			}
		}
		b.protoNames[ifaceName] = set
	}
	return set[key]
}

// tokenList is element.classList.
type tokenList struct {
	b *Binding
	e *Element
}

func (t *tokenList) Get(key string) goja.Value {
	if i, ok := arrayIndex(key); ok {
		if toks := t.e.ClassList(); i < len(toks) {
			return t.b.vm.ToValue(toks[i])
		}
	}
	return nil
}
func (t *tokenList) Set(string, goja.Value) bool { return false }
func (t *tokenList) Has(key string) bool         { return t.Get(key) != nil }
func (t *tokenList) Delete(key string) bool      { return !t.Has(key) }
func (t *tokenList) Keys() []string {
	keys := make([]string, len(t.e.ClassList()))
	for i := range keys {
		keys[i] = strconv.Itoa(i)
	}
	return keys
}

func (b *Binding) tokenList(e *Element) goja.Value {
	key := tokenListKey{e}
	if o, ok := b.wrappers[key]; ok {
		return o
	}
	t := &tokenList{b: b, e: e}
	o := b.vm.NewDynamicObject(t)
	_ = o.SetPrototype(b.protos["DOMTokenList"])
	b.register(key, o)
	b.objs[o] = t
	return o
}

// checkToken validates a DOMTokenList argument as browsers do.
func (b *Binding) checkToken(tok, op string) {
	if tok == "" {
		b.throwDOM("SyntaxError", "Failed to execute '"+op+"' on 'DOMTokenList': The token provided must not be empty.")
	}
	if strings.ContainsFunc(tok, isASCIISpace) {
		b.throwDOM("InvalidCharacterError", "Failed to execute '"+op+"' on 'DOMTokenList': The token provided ('"+tok+"') contains HTML space characters, which are not valid in tokens.")
	}
}

// setTokens runs the DOMTokenList update steps: no attribute is created
// for an empty set that had none.
func setTokens(e *Element, toks []string) {
	if !e.HasAttr("class") && len(toks) == 0 {
		return
	}
	e.SetAttr("class", strings.Join(toks, " "))
}

// dataset is element.dataset: data-* attributes under camelCase names.
type dataset struct {
	b *Binding
	e *Element
}

func camelData(attr string) (string, bool) {
	rest, ok := strings.CutPrefix(attr, "data-")
	if !ok || strings.ContainsFunc(rest, func(r rune) bool { return r >= 'A' && r <= 'Z' }) {
		return "", false
	}
	var sb strings.Builder
	for i := 0; i < len(rest); i++ {
		if rest[i] == '-' && i+1 < len(rest) && rest[i+1] >= 'a' && rest[i+1] <= 'z' {
			sb.WriteByte(rest[i+1] - 'a' + 'A')
			i++
			continue
		}
		sb.WriteByte(rest[i])
	}
	return sb.String(), true
}

func (d *dataset) attrFor(key string) (string, bool) {
	for _, a := range d.e.attrs {
		if c, ok := camelData(a.Name); ok && c == key {
			return a.Name, true
		}
	}
	return "", false
}

func (d *dataset) Get(key string) goja.Value {
	if name, ok := d.attrFor(key); ok {
		return d.b.vm.ToValue(d.e.AttrOr(name))
	}
	return nil
}

func (d *dataset) Set(key string, v goja.Value) bool {
	for i := 0; i+1 < len(key); i++ {
		if key[i] == '-' && key[i+1] >= 'a' && key[i+1] <= 'z' {
			d.b.throwDOM("SyntaxError", "Failed to set a named property '"+key+"' on 'DOMStringMap': '"+key+"' is not a valid property name.")
		}
	}
	var sb strings.Builder
	sb.WriteString("data-")
	for i := 0; i < len(key); i++ {
		if c := key[i]; c >= 'A' && c <= 'Z' {
			sb.WriteByte('-')
			sb.WriteByte(c - 'A' + 'a')
		} else {
			sb.WriteByte(c)
		}
	}
	name := sb.String()
	if !validAttrName(name) {
		d.b.throwDOM("InvalidCharacterError", "Failed to set a named property '"+key+"' on 'DOMStringMap': '"+name+"' is not a valid attribute name.")
	}
	d.e.SetAttr(name, d.b.str(v))
	return true
}

func (d *dataset) Has(key string) bool {
	_, ok := d.attrFor(key)
	return ok
}

func (d *dataset) Delete(key string) bool {
	if name, ok := d.attrFor(key); ok {
		d.e.RemoveAttr(name)
	}
	return true
}

func (d *dataset) Keys() []string {
	var keys []string
	for _, a := range d.e.attrs {
		if c, ok := camelData(a.Name); ok {
			keys = append(keys, c)
		}
	}
	return keys
}

func (b *Binding) dataset(e *Element) goja.Value {
	key := datasetKey{e}
	if o, ok := b.wrappers[key]; ok {
		return o
	}
	o := b.vm.NewDynamicObject(&dataset{b: b, e: e})
	_ = o.SetPrototype(b.protos["DOMStringMap"])
	b.register(key, o)
	return o
}

// attrMap is element.attributes (a NamedNodeMap).
type attrMap struct {
	b *Binding
	e *Element
}

func (m *attrMap) Get(key string) goja.Value {
	if i, ok := arrayIndex(key); ok {
		if i < len(m.e.attrs) {
			return m.b.attrObject(m.e, m.e.attrs[i].Name)
		}
		return nil
	}
	if !m.b.protoHas("NamedNodeMap", key) && m.e.HasAttr(key) {
		return m.b.attrObject(m.e, m.e.attrName(key))
	}
	return nil
}
func (m *attrMap) Set(string, goja.Value) bool { return false }
func (m *attrMap) Has(key string) bool         { return m.Get(key) != nil }
func (m *attrMap) Delete(key string) bool      { return !m.Has(key) }
func (m *attrMap) Keys() []string {
	keys := make([]string, len(m.e.attrs))
	for i := range keys {
		keys[i] = strconv.Itoa(i)
	}
	return keys
}

func (b *Binding) attributes(e *Element) goja.Value {
	key := attributesKey{e}
	if o, ok := b.wrappers[key]; ok {
		return o
	}
	m := &attrMap{b: b, e: e}
	o := b.vm.NewDynamicObject(m)
	_ = o.SetPrototype(b.protos["NamedNodeMap"])
	b.register(key, o)
	b.objs[o] = m
	return o
}

func (b *Binding) attrObject(e *Element, name string) goja.Value {
	key := attrRef{e, name}
	if o, ok := b.wrappers[key]; ok {
		return o
	}
	o := b.vm.CreateObject(b.protos["Attr"])
	b.register(key, o)
	return o
}

func (b *Binding) installCollections() {
	vm := b.vm
	arrayProto := vm.Get("Array").ToObject(vm).Get("prototype").ToObject(vm)
	iterable := func(i *iface, withForEach bool) {
		_ = i.proto.DefineDataPropertySymbol(goja.SymIterator, arrayProto.Get("values"), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		if withForEach {
			for _, m := range []string{"forEach", "entries", "keys", "values"} {
				_ = i.proto.DefineDataProperty(m, arrayProto.Get(m), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
			}
		}
	}
	index := func(v goja.Value) int64 { return int64(uint32(v.ToInteger())) }

	nl := b.defineInterface("NodeList", "", nil)
	attr(nl, "length", func(l *liveList) goja.Value { return vm.ToValue(len(l.list())) }, nil)
	method(nl, "item", 1, func(l *liveList, c goja.FunctionCall) goja.Value {
		if i := index(c.Argument(0)); i < int64(len(l.list())) {
			return b.wrap(l.list()[i])
		}
		return goja.Null()
	})
	iterable(nl, true)

	hc := b.defineInterface("HTMLCollection", "", nil)
	attr(hc, "length", func(l *liveList) goja.Value { return vm.ToValue(len(l.list())) }, nil)
	method(hc, "item", 1, func(l *liveList, c goja.FunctionCall) goja.Value {
		if i := index(c.Argument(0)); i < int64(len(l.list())) {
			return b.wrap(l.list()[i])
		}
		return goja.Null()
	})
	method(hc, "namedItem", 1, func(l *liveList, c goja.FunctionCall) goja.Value {
		return b.wrapNode(l.namedItem(b.str(c.Argument(0))))
	})
	iterable(hc, false)
	b.defineInterface("HTMLFormControlsCollection", "HTMLCollection", nil)

	tl := b.defineInterface("DOMTokenList", "", nil)
	attr(tl, "length", func(t *tokenList) goja.Value { return vm.ToValue(len(t.e.ClassList())) }, nil)
	attr(tl, "value", func(t *tokenList) goja.Value { return vm.ToValue(t.e.AttrOr("class")) },
		func(t *tokenList, v goja.Value) { t.e.SetAttr("class", b.str(v)) })
	method(tl, "toString", 0, func(t *tokenList, _ goja.FunctionCall) goja.Value { return vm.ToValue(t.e.AttrOr("class")) })
	method(tl, "item", 1, func(t *tokenList, c goja.FunctionCall) goja.Value {
		if toks, i := t.e.ClassList(), index(c.Argument(0)); i < int64(len(toks)) {
			return vm.ToValue(toks[i])
		}
		return goja.Null()
	})
	method(tl, "contains", 1, func(t *tokenList, c goja.FunctionCall) goja.Value {
		return vm.ToValue(t.e.HasClass(b.str(c.Argument(0))))
	})
	method(tl, "add", 0, func(t *tokenList, c goja.FunctionCall) goja.Value {
		toks := t.e.ClassList()
		for _, a := range c.Arguments {
			tok := b.str(a)
			b.checkToken(tok, "add")
			if !contains(toks, tok) {
				toks = append(toks, tok)
			}
		}
		setTokens(t.e, toks)
		return nil
	})
	method(tl, "remove", 0, func(t *tokenList, c goja.FunctionCall) goja.Value {
		toks := t.e.ClassList()
		for _, a := range c.Arguments {
			tok := b.str(a)
			b.checkToken(tok, "remove")
			toks = without(toks, tok)
		}
		setTokens(t.e, toks)
		return nil
	})
	method(tl, "toggle", 1, func(t *tokenList, c goja.FunctionCall) goja.Value {
		tok := b.str(c.Argument(0))
		b.checkToken(tok, "toggle")
		toks := t.e.ClassList()
		has := contains(toks, tok)
		want := !has
		if f := c.Argument(1); !goja.IsUndefined(f) {
			want = f.ToBoolean()
		}
		if want && !has {
			setTokens(t.e, append(toks, tok))
		} else if !want && has {
			setTokens(t.e, without(toks, tok))
		}
		return vm.ToValue(want)
	})
	method(tl, "replace", 2, func(t *tokenList, c goja.FunctionCall) goja.Value {
		old, repl := b.str(c.Argument(0)), b.str(c.Argument(1))
		// Both tokens are checked for emptiness before either is checked for spaces.
		for _, tok := range []string{old, repl} {
			if tok == "" {
				b.checkToken(tok, "replace")
			}
		}
		b.checkToken(old, "replace")
		b.checkToken(repl, "replace")
		toks := t.e.ClassList()
		if !contains(toks, old) {
			return vm.ToValue(false)
		}
		// The ordered set's replace: the first of old and repl becomes repl, and every other
		// instance of either goes.
		var out []string
		placed := false
		for _, x := range toks {
			switch {
			case (x == old || x == repl) && !placed:
				out, placed = append(out, repl), true
			case x == old, x == repl:
			default:
				out = append(out, x)
			}
		}
		setTokens(t.e, out)
		return vm.ToValue(true)
	})
	iterable(tl, true)

	b.defineInterface("DOMStringMap", "", nil)

	nm := b.defineInterface("NamedNodeMap", "", nil)
	attr(nm, "length", func(m *attrMap) goja.Value { return vm.ToValue(len(m.e.attrs)) }, nil)
	method(nm, "item", 1, func(m *attrMap, c goja.FunctionCall) goja.Value {
		if i := index(c.Argument(0)); i < int64(len(m.e.attrs)) {
			return b.attrObject(m.e, m.e.attrs[i].Name)
		}
		return goja.Null()
	})
	method(nm, "getNamedItem", 1, func(m *attrMap, c goja.FunctionCall) goja.Value {
		name := b.str(c.Argument(0))
		if !m.e.HasAttr(name) {
			return goja.Null()
		}
		return b.attrObject(m.e, m.e.attrName(name))
	})
	iterable(nm, false)

	at := b.defineInterface("Attr", "Node", nil)
	name := func(a attrRef) goja.Value { return vm.ToValue(a.name) }
	value := func(a attrRef) goja.Value { return vm.ToValue(a.e.AttrOr(a.name)) }
	setValue := func(a attrRef, v goja.Value) { a.e.SetAttr(a.name, b.str(v)) }
	attr(at, "name", name, nil)
	attr(at, "localName", name, nil)
	attr(at, "nodeName", name, nil)
	attr(at, "value", value, setValue)
	attr(at, "nodeValue", value, setValue)
	attr(at, "textContent", value, setValue)
	attr(at, "nodeType", func(attrRef) goja.Value { return vm.ToValue(2) }, nil)
	attr(at, "ownerElement", func(a attrRef) goja.Value {
		if a.e.HasAttr(a.name) {
			return b.wrap(a.e)
		}
		return goja.Null()
	}, nil)
	attr(at, "specified", func(attrRef) goja.Value { return vm.ToValue(true) }, nil)
	attr(at, "namespaceURI", func(attrRef) goja.Value { return goja.Null() }, nil)
	attr(at, "prefix", func(attrRef) goja.Value { return goja.Null() }, nil)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func without(list []string, s string) []string {
	out := list[:0:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func (b *Binding) installWindow() {
	vm := b.vm
	w := b.defineInterface("Window", "EventTarget", nil)
	global := vm.GlobalObject()
	_ = global.SetPrototype(w.proto)
	b.register(b.doc.window, global)
	_ = global.DefineDataProperty("window", global, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	if v := global.Get("self"); v == nil || goja.IsUndefined(v) {
		_ = global.DefineDataProperty("self", global, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	_ = global.DefineDataProperty("document", b.wrap(b.doc), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)

	b.defineInterface("Location", "", nil)
	loc := vm.CreateObject(b.protos["Location"])
	b.location = loc
	d := b.doc
	part := func(name string, get func() string) {
		_ = loc.DefineAccessorProperty(name, vm.ToValue(func(goja.FunctionCall) goja.Value { return vm.ToValue(get()) }), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	u := func() urlParts { return splitURL(d.url) }
	_ = loc.DefineAccessorProperty("href",
		vm.ToValue(func(goja.FunctionCall) goja.Value { return vm.ToValue(d.URL()) }),
		vm.ToValue(func(c goja.FunctionCall) goja.Value {
			b.navigate(b.str(c.Argument(0)), "href")
			return goja.Undefined()
		}),
		goja.FLAG_FALSE, goja.FLAG_TRUE)
	part("origin", func() string { return u().origin })
	part("protocol", func() string { return u().protocol })
	part("host", func() string { return u().host })
	part("hostname", func() string { return u().hostname })
	part("port", func() string { return u().port })
	part("pathname", func() string { return u().pathname })
	part("search", func() string { return u().search })
	part("hash", func() string { return u().hash })
	fn := func(name string, f func(goja.FunctionCall) goja.Value) {
		_ = loc.DefineDataProperty(name, vm.ToValue(f), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	}
	fn("toString", func(goja.FunctionCall) goja.Value { return vm.ToValue(d.URL()) })
	fn("assign", func(c goja.FunctionCall) goja.Value { b.navigate(b.str(c.Argument(0)), "assign"); return nil })
	fn("replace", func(c goja.FunctionCall) goja.Value { b.navigate(b.str(c.Argument(0)), "replace"); return nil })
	fn("reload", func(goja.FunctionCall) goja.Value { b.navigate(d.URL(), "reload"); return nil })
	_ = global.DefineAccessorProperty("location",
		vm.ToValue(func(goja.FunctionCall) goja.Value { return loc }),
		vm.ToValue(func(c goja.FunctionCall) goja.Value {
			b.navigate(b.str(c.Argument(0)), "href")
			return goja.Undefined()
		}),
		goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// navigate hands a location change to the document's OnNavigate.
func (b *Binding) navigate(target, op string) {
	if b.doc.onNavigate == nil {
		b.throwDOM("NotSupportedError", "Failed to execute '"+op+"' on 'Location': navigation is not modelled for this document.")
	}
	b.fail(b.doc.onNavigate(b.doc.ResolveURL(target)), op, "Location")
}

type urlParts struct{ origin, protocol, host, hostname, port, pathname, search, hash string }

// splitURL gives the parts of a normalized URL (normalizeURL) per the WHATWG URL rules, as Location
// and anchors show them.
func splitURL(u *url.URL) urlParts {
	p := urlParts{protocol: u.Scheme + ":", host: u.Host, port: u.Port()}
	p.hostname = strings.TrimSuffix(u.Host, ":"+p.port)
	if p.port == "" {
		p.hostname = u.Host
	}
	if u.Opaque != "" {
		p.pathname = u.Opaque
	} else {
		p.pathname = u.EscapedPath()
	}
	if u.RawQuery != "" {
		p.search = "?" + u.RawQuery
	}
	if f := u.EscapedFragment(); f != "" {
		p.hash = "#" + f
	}
	switch u.Scheme {
	case "http", "https", "ws", "wss", "ftp", "chrome-extension":
		p.origin = u.Scheme + "://" + u.Host
	default:
		p.origin = "null"
	}
	return p
}
