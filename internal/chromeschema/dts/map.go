package dts

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// binaryTypes are the JavaScript buffer types, all of which carry bytes.
var binaryTypes = map[string]bool{
	"ArrayBuffer": true, "ArrayBufferView": true, "DataView": true,
	"Uint8Array": true, "Int8Array": true, "Uint8ClampedArray": true, "Uint16Array": true,
	"Int16Array": true, "Uint32Array": true, "Int32Array": true, "Float32Array": true,
	"Float64Array": true,
}

// Globals are the JavaScript and DOM types chrome-types refers to without declaring them. They
// map to [chromeschema.KindOpaque]; any other undeclared name is an error, so that a typo or a
// type Google forgets to declare is caught here rather than turned into an opaque value.
var Globals = map[string]bool{
	"Blob": true, "Date": true, "DOMException": true, "FileSystem": true, "HTMLElement": true,
	"ImageData": true, "MediaStream": true, "SubtleCrypto": true, "Window": true,
}

// mapper turns the syntax tree into schema namespaces.
type mapper struct {
	docs []doc
	// types are chrome's named types by qualified name ("tabs.Tab").
	types map[string]*decl
	// helpers are the types of the top-level namespaces beside chrome ("usb.Device"), which are
	// inlined where used: they are not chrome namespaces and exist only to satisfy references.
	helpers map[string]*decl
	// stubs are top-level interfaces (Entry, DOMFileSystem): placeholders for DOM types.
	stubs map[string]bool
	// customEvent records that the top-level CustomChromeEvent alias has the expected shape.
	customEvent bool
	inlining    map[string]bool
}

// scope is where a type expression is read: the namespace (for name lookup) and the type
// parameters in force (mapped to what a use of them becomes).
type scope struct {
	ns     string
	tparam map[string]chromeschema.TypeRef
}

func (s scope) with(tps []typeParam, as func(typeParam) chromeschema.TypeRef) scope {
	if len(tps) == 0 {
		return s
	}
	m := make(map[string]chromeschema.TypeRef, len(s.tparam)+len(tps))
	for k, v := range s.tparam {
		m[k] = v
	}
	for _, tp := range tps {
		m[tp.name] = as(tp)
	}
	return scope{ns: s.ns, tparam: m}
}

func errAt(line int, format string, args ...any) error {
	return fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...))
}

// chromeNS is one exported chrome namespace before mapping.
type chromeNS struct {
	name string
	d    *decl
	// renames are export {_x as x} inside it.
	renames map[string]string
}

func (m *mapper) mapFile(top []*decl) ([]chromeschema.Namespace, error) {
	m.types = map[string]*decl{}
	m.helpers = map[string]*decl{}
	m.stubs = map[string]bool{}
	m.inlining = map[string]bool{}
	var nss []chromeNS
	sawChrome := false
	for _, d := range top {
		switch {
		case d.kind == dNamespace && d.name == "chrome":
			if sawChrome {
				return nil, errAt(d.line, "second declare namespace chrome")
			}
			sawChrome = true
			var err error
			if nss, err = m.collectChrome(d); err != nil {
				return nil, err
			}
		case d.kind == dNamespace:
			for _, sub := range d.decls {
				if sub.kind != dInterface && sub.kind != dType {
					return nil, errAt(sub.line, "unsupported declaration in helper namespace %s", d.name)
				}
				m.helpers[d.name+"."+sub.name] = sub
			}
		case d.kind == dInterface:
			if len(d.members) > 0 || len(d.tparams) > 0 {
				return nil, errAt(d.line, "top-level interface %s is not an empty stub", d.name)
			}
			m.stubs[d.name] = true
		case d.kind == dType && d.name == "CustomChromeEvent":
			if err := checkCustomEvent(d); err != nil {
				return nil, err
			}
			m.customEvent = true
		default:
			return nil, errAt(d.line, "unsupported top-level declaration %s", d.name)
		}
	}
	out := make([]chromeschema.Namespace, 0, len(nss))
	for _, cn := range nss {
		ns, err := m.mapNamespace(cn)
		if err != nil {
			return nil, err
		}
		out = append(out, ns)
	}
	slices.SortFunc(out, func(a, b chromeschema.Namespace) int { return strings.Compare(a.Name, b.Name) })
	for i := 1; i < len(out); i++ {
		if out[i].Name == out[i-1].Name {
			return nil, fmt.Errorf("namespace %s declared twice", out[i].Name)
		}
	}
	return out, nil
}

// checkCustomEvent verifies that CustomChromeEvent<H> is still events.Event<H> with addListener
// replaced, which is what reading its uses as filtered events relies on.
func checkCustomEvent(d *decl) error {
	t := d.typ
	ok := len(d.tparams) == 1 && t.kind == nInter && len(t.elems) == 2 &&
		t.elems[0].kind == nName && t.elems[0].name == "Omit" && len(t.elems[0].args) == 2 &&
		t.elems[0].args[0].kind == nName && t.elems[0].args[0].name == "chrome.events.Event" &&
		t.elems[1].kind == nObject && len(t.elems[1].members) == 1 &&
		t.elems[1].members[0].name == "addListener"
	if !ok {
		return errAt(d.line, "CustomChromeEvent is no longer Omit<chrome.events.Event<H>, …> & {addListener: H}")
	}
	return nil
}

// collectChrome lists chrome's namespaces, applies export {_debugger as debugger}, and records
// every named type under its qualified name.
func (m *mapper) collectChrome(chrome *decl) ([]chromeNS, error) {
	renames := map[string]string{}
	for _, d := range chrome.decls {
		if d.kind == dExportAs {
			renames[d.name] = d.asName
		}
	}
	var out []chromeNS
	for _, d := range chrome.decls {
		switch d.kind {
		case dExportAs:
			continue
		case dNamespace:
		default:
			return nil, errAt(d.line, "unsupported declaration %s directly in namespace chrome", d.name)
		}
		name := d.name
		if to, ok := renames[name]; ok {
			name = to
			delete(renames, d.name)
		} else if !d.exported {
			return nil, errAt(d.line, "namespace %s is neither exported nor renamed", d.name)
		}
		cn := chromeNS{name: name, d: d, renames: map[string]string{}}
		for _, sub := range d.decls {
			switch sub.kind {
			case dExportAs:
				cn.renames[sub.name] = sub.asName
			case dNamespace:
				return nil, errAt(sub.line, "unsupported nested namespace %s", sub.name)
			case dInterface, dClass, dType:
				q := name + "." + sub.name
				if m.types[q] != nil {
					return nil, errAt(sub.line, "type %s declared twice", q)
				}
				m.types[q] = sub
			}
		}
		out = append(out, cn)
	}
	for from := range renames {
		return nil, fmt.Errorf("export {%s as %s} names no namespace", from, renames[from])
	}
	return out, nil
}

func (m *mapper) facts(d int, line int) (chromeschema.Facts, error) {
	if d < 0 {
		return chromeschema.Facts{}, nil
	}
	t := m.docs[d].tags
	if tag := t.namespaceOnly(); tag != "" {
		return chromeschema.Facts{}, errAt(line, "%s on a member", tag)
	}
	return chromeschema.Facts{
		Since:           t.since,
		Deprecated:      t.deprecated,
		DeprecatedSince: t.deprecatedSince,
		MemberPlatforms: t.platforms,

		MemberNoServiceWorker: t.noServiceWorker,
		MemberPermissions:     t.permissions,
		MemberManifestKeys:    t.manifestKeys,
		MemberMinManifest:     t.minManifest,
		MemberChannel:         t.channel,
	}, nil
}

func (m *mapper) mapNamespace(cn chromeNS) (chromeschema.Namespace, error) {
	ns := chromeschema.Namespace{Name: cn.name}
	if cn.d.doc >= 0 {
		t := m.docs[cn.d.doc].tags
		ns.Facts = chromeschema.Facts{Since: t.since, Deprecated: t.deprecated, DeprecatedSince: t.deprecatedSince}
		ns.Permissions, ns.Platforms, ns.ManifestKeys = t.permissions, t.platforms, t.manifestKeys
		ns.MinManifest, ns.Channel, ns.NoServiceWorker, ns.InstallLocation = t.minManifest, t.channel, t.noServiceWorker, t.install
	}
	sc := scope{ns: cn.name}
	var funcs []*fn
	funcNames := map[string]string{} // source name → exported name
	for _, d := range cn.d.decls {
		name := d.name
		if to, ok := cn.renames[name]; ok {
			name = to
		} else if !d.exported && d.kind != dExportAs {
			return ns, errAt(d.line, "%s is neither exported nor renamed", d.name)
		}
		switch d.kind {
		case dExportAs:
		case dInterface, dClass, dType:
			t, err := m.mapTypeDecl(d, sc)
			if err != nil {
				return ns, err
			}
			ns.Types = append(ns.Types, t)
		case dFunc:
			if _, ok := funcNames[d.name]; !ok {
				funcNames[d.name] = name
			}
			funcs = append(funcs, d.fn)
		case dConst:
			if err := m.mapConst(&ns, d, name, sc); err != nil {
				return ns, err
			}
		default:
			return ns, errAt(d.line, "unsupported declaration %s in namespace %s", d.name, cn.name)
		}
	}
	fs, err := m.mergeFuncs(funcs, sc)
	if err != nil {
		return ns, err
	}
	for i := range fs {
		fs[i].Name = funcNames[fs[i].Name]
	}
	ns.Functions = fs
	for from := range cn.renames {
		if _, ok := funcNames[from]; !ok {
			return ns, fmt.Errorf("export {%s as …} in %s names no function", from, cn.name)
		}
	}
	return ns, nil
}

func (m *mapper) mapTypeDecl(d *decl, sc scope) (chromeschema.Type, error) {
	f, err := m.facts(d.doc, d.line)
	if err != nil {
		return chromeschema.Type{}, err
	}
	t := chromeschema.Type{Name: d.name, Facts: f}
	for _, tp := range d.tparams {
		t.TypeParams = append(t.TypeParams, tp.name)
	}
	// A type's own parameters stay named (opaque) so that a use's TypeArgs can fill them in.
	sc = sc.with(d.tparams, func(tp typeParam) chromeschema.TypeRef {
		return chromeschema.TypeRef{Kind: chromeschema.KindOpaque, Ref: tp.name}
	})
	switch d.kind {
	case dType:
		t.Type, err = m.mapType(d.typ, sc)
	case dInterface, dClass:
		if len(d.extends) > 0 {
			return t, errAt(d.line, "unsupported extends on %s", d.name)
		}
		t.Class = d.kind == dClass
		t.Type, err = m.mapObject(d.members, nil, sc, d.kind == dClass, d.name, d.line)
	}
	return t, err
}

// mapConst turns export const into an event (events.Event, CustomChromeEvent) or a property.
func (m *mapper) mapConst(ns *chromeschema.Namespace, d *decl, name string, sc scope) error {
	f, err := m.facts(d.doc, d.line)
	if err != nil {
		return err
	}
	if t := d.typ; t.kind == nName {
		switch {
		case m.resolve(t.name, sc) == "events.Event":
			ev, err := m.mapEvent(t, sc)
			if err != nil {
				return err
			}
			ev.Name, ev.Facts = name, f
			ns.Events = append(ns.Events, ev)
			return nil
		case t.name == "CustomChromeEvent" && m.customEvent && m.resolve(t.name, sc) == "":
			ev, err := m.mapCustomEvent(t, sc)
			if err != nil {
				return err
			}
			ev.Name, ev.Facts = name, f
			ns.Events = append(ns.Events, ev)
			return nil
		}
	}
	typ, err := m.mapType(d.typ, sc)
	if err != nil {
		return err
	}
	ns.Properties = append(ns.Properties, chromeschema.Property{Name: name, Facts: f, Mutable: d.mutable, Type: typ})
	return nil
}

// mapEvent reads events.Event<H> (a listener's signature) and events.Event<H, C, A> (a declarative
// event: H is never, C the conditions, A the actions).
func (m *mapper) mapEvent(t *node, sc scope) (chromeschema.Event, error) {
	var ev chromeschema.Event
	if len(t.args) != 1 && len(t.args) != 3 {
		return ev, errAt(t.line, "events.Event with %d type arguments", len(t.args))
	}
	h := t.args[0]
	switch {
	case h.kind == nName && h.name == "never" && len(t.args) == 3:
	case h.kind == nFunc:
		var err error
		if ev.Params, err = m.mapParams(h.params, sc); err != nil {
			return ev, err
		}
		if ev.ListenerReturns, err = m.mapReturn(h.ret, sc); err != nil {
			return ev, err
		}
	default:
		return ev, errAt(h.line, "events.Event's listener is not a function type")
	}
	if len(t.args) == 3 {
		ev.Declarative = true
		c, err := m.mapType(t.args[1], sc)
		if err != nil {
			return ev, err
		}
		a, err := m.mapType(t.args[2], sc)
		if err != nil {
			return ev, err
		}
		ev.Conditions, ev.Actions = &c, &a
	}
	return ev, nil
}

// mapCustomEvent reads CustomChromeEvent<(callback: L, filter: F, extra?: X) => void>: the
// listener L gives the event's parameters, the rest are addListener's extra arguments.
func (m *mapper) mapCustomEvent(t *node, sc scope) (chromeschema.Event, error) {
	ev := chromeschema.Event{Filtered: true}
	if len(t.args) != 1 || t.args[0].kind != nFunc || len(t.args[0].params) == 0 ||
		t.args[0].params[0].typ.kind != nFunc {
		return ev, errAt(t.line, "CustomChromeEvent's argument is not (callback: (…) => R, …) => void")
	}
	add := t.args[0]
	if r := add.ret; r.kind != nName || r.name != "void" {
		return ev, errAt(r.line, "CustomChromeEvent's addListener does not return void")
	}
	l := add.params[0].typ
	var err error
	if ev.Params, err = m.mapParams(l.params, sc); err != nil {
		return ev, err
	}
	if ev.ListenerReturns, err = m.mapReturn(l.ret, sc); err != nil {
		return ev, err
	}
	if ev.Filters, err = m.mapParams(add.params[1:], sc); err != nil {
		return ev, err
	}
	return ev, nil
}

func (m *mapper) mapParams(ps []*param, sc scope) ([]chromeschema.Member, error) {
	var out []chromeschema.Member
	for _, p := range ps {
		if p.rest {
			return nil, errAt(p.line, "unsupported rest parameter ...%s", p.name)
		}
		f, err := m.facts(p.doc, p.line)
		if err != nil {
			return nil, err
		}
		t, err := m.mapType(p.typ, sc)
		if err != nil {
			return nil, err
		}
		out = append(out, chromeschema.Member{Name: p.name, Facts: f, Optional: p.optional, Type: t})
	}
	return out, nil
}

// mapReturn is a function type's result: nil for void.
func (m *mapper) mapReturn(n *node, sc scope) (*chromeschema.TypeRef, error) {
	t, err := m.mapType(n, sc)
	if err != nil || t.Kind == chromeschema.KindVoid {
		return nil, err
	}
	return &t, nil
}

func isPromise(n *node) bool { return n.kind == nName && n.name == "Promise" && len(n.args) == 1 }
func isVoid(n *node) bool    { return n.kind == nName && (n.name == "void" || n.name == "undefined") }

// mergeFuncs merges overloads that share a name into one Function each, in the order of their
// first declaration.
func (m *mapper) mergeFuncs(fns []*fn, sc scope) ([]chromeschema.Function, error) {
	var order []string
	groups := map[string][]*fn{}
	for _, f := range fns {
		if _, ok := groups[f.name]; !ok {
			order = append(order, f.name)
		}
		groups[f.name] = append(groups[f.name], f)
	}
	var out []chromeschema.Function
	for _, name := range order {
		f, err := m.mergeOverloads(groups[name], sc)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// mergeOverloads makes one Function of a function's overloads. With a Promise form, the other
// forms' trailing callback only confirms it and is dropped; without one, a callback stays a
// parameter, since it is then the only way to get the result. The parameters are those of the
// longest overload; one that another overload leaves out is Optional.
func (m *mapper) mergeOverloads(ovs []*fn, sc scope) (chromeschema.Function, error) {
	first := ovs[0]
	out := chromeschema.Function{Name: first.name}
	for _, o := range ovs {
		f, err := m.facts(o.doc, o.line)
		if err != nil {
			return out, err
		}
		if !reflect.DeepEqual(f, chromeschema.Facts{}) {
			if !reflect.DeepEqual(out.Facts, chromeschema.Facts{}) && !reflect.DeepEqual(out.Facts, f) {
				return out, errAt(o.line, "overloads of %s disagree in their tags", o.name)
			}
			out.Facts = f
		}
	}
	for _, o := range ovs {
		if isPromise(o.ret) {
			out.Async = true
		}
	}
	scopes := make([]scope, len(ovs))
	for i, o := range ovs {
		var err error
		if scopes[i], err = m.funcScope(sc, o.tparams); err != nil {
			return out, err
		}
	}
	lists := make([][]*param, len(ovs))
	var returns *chromeschema.TypeRef
	sawReturn := false
	for i, o := range ovs {
		osc := scopes[i]
		ps := o.params
		var ret *chromeschema.TypeRef
		var err error
		switch {
		case isPromise(o.ret):
			ret, err = m.mapReturn(o.ret.args[0], osc)
		case out.Async:
			if !isVoid(o.ret) {
				return out, errAt(o.line, "%s: an overload beside a Promise form returns something", o.name)
			}
			if n := len(ps); n == 0 || ps[n-1].typ.kind != nFunc {
				return out, errAt(o.line, "%s: an overload beside a Promise form takes no callback", o.name)
			}
			ps = ps[:len(ps)-1]
			lists[i] = ps
			continue
		default:
			ret, err = m.mapReturn(o.ret, osc)
		}
		if err != nil {
			return out, err
		}
		if sawReturn && !reflect.DeepEqual(returns, ret) {
			return out, errAt(o.line, "overloads of %s return different types", o.name)
		}
		returns, sawReturn = ret, true
		lists[i] = ps
	}
	out.Returns = returns
	longest := 0
	for i, ps := range lists {
		if len(ps) > len(lists[longest]) {
			longest = i
		}
	}
	lsc := scopes[longest]
	params, err := m.mapParams(lists[longest], lsc)
	if err != nil {
		return out, err
	}
	index := map[string]int{}
	for i, p := range lists[longest] {
		index[p.name] = i
	}
	for i, ps := range lists {
		seen := make([]bool, len(params))
		last := -1
		for _, p := range ps {
			j, ok := index[p.name]
			if !ok {
				return out, errAt(p.line, "%s: parameter %s is not in its longest overload", ovs[i].name, p.name)
			}
			if j < last {
				return out, errAt(p.line, "%s: overloads order their parameters differently", ovs[i].name)
			}
			last = j
			seen[j] = true
			t, err := m.mapType(p.typ, scopes[i])
			if err != nil {
				return out, err
			}
			if !reflect.DeepEqual(t, params[j].Type) {
				return out, errAt(p.line, "%s: overloads disagree on the type of %s", ovs[i].name, p.name)
			}
			if p.optional {
				params[j].Optional = true
			}
		}
		for j, s := range seen {
			if !s {
				params[j].Optional = true
			}
		}
	}
	out.Params = params
	return out, nil
}

// funcScope gives a generic function's type parameters their constraint, or any: a function's
// type parameter only ties its arguments to its result, which the schema does not model.
func (m *mapper) funcScope(sc scope, tps []typeParam) (scope, error) {
	as := map[string]chromeschema.TypeRef{}
	for _, tp := range tps {
		t := chromeschema.TypeRef{Kind: chromeschema.KindAny}
		if tp.constraint != nil {
			var err error
			if t, err = m.mapType(tp.constraint, sc); err != nil {
				return sc, err
			}
		}
		as[tp.name] = t
	}
	return sc.with(tps, func(tp typeParam) chromeschema.TypeRef { return as[tp.name] }), nil
}

// mapObject maps the members of an interface, class or object literal.
func (m *mapper) mapObject(ms []*member, index *node, sc scope, class bool, name string, line int) (chromeschema.TypeRef, error) {
	t := chromeschema.TypeRef{Kind: chromeschema.KindObject}
	var methods []*fn
	sawCtor := false
	for _, mb := range ms {
		switch {
		case mb.ctor != nil:
			// A declarativeContent class is built from an object of its own shape.
			if !class || sawCtor || len(mb.ctor) != 1 || mb.ctor[0].typ.kind != nName || mb.ctor[0].typ.name != name {
				return t, errAt(mb.line, "unsupported constructor in %s", name)
			}
			sawCtor = true
		case mb.fn != nil:
			if mb.optional {
				return t, errAt(mb.line, "unsupported optional method %s", mb.name)
			}
			methods = append(methods, mb.fn)
		default:
			f, err := m.facts(mb.doc, mb.line)
			if err != nil {
				return t, err
			}
			typ, err := m.mapType(mb.typ, sc)
			if err != nil {
				return t, err
			}
			t.Properties = append(t.Properties, chromeschema.Member{Name: mb.name, Facts: f, Optional: mb.optional, Type: typ})
		}
	}
	if class && !sawCtor {
		return t, errAt(line, "class %s has no constructor", name)
	}
	var err error
	if t.Methods, err = m.mergeFuncs(methods, sc); err != nil {
		return t, err
	}
	if index != nil {
		v, err := m.mapType(index, sc)
		if err != nil {
			return t, err
		}
		if len(t.Properties) == 0 && len(t.Methods) == 0 {
			return chromeschema.TypeRef{Kind: chromeschema.KindMap, Values: &v}, nil
		}
		t.Values = &v
	}
	return t, nil
}

// resolve finds the chrome type a name refers to, the way TypeScript does: in the current
// namespace, then each enclosing one ("devtools.panels", "devtools", chrome). "" if none.
func (m *mapper) resolve(name string, sc scope) string {
	prefix := sc.ns
	for {
		q := name
		if prefix != "" {
			q = prefix + "." + name
		}
		if m.types[q] != nil {
			return q
		}
		if prefix == "" {
			break
		}
		if i := strings.LastIndexByte(prefix, '.'); i >= 0 {
			prefix = prefix[:i]
		} else {
			prefix = ""
		}
	}
	if q, ok := strings.CutPrefix(name, "chrome."); ok && m.types[q] != nil {
		return q
	}
	return ""
}

func (m *mapper) mapTypes(ns []*node, sc scope) ([]chromeschema.TypeRef, error) {
	var out []chromeschema.TypeRef
	for _, n := range ns {
		t, err := m.mapType(n, sc)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

func (m *mapper) mapType(n *node, sc scope) (chromeschema.TypeRef, error) {
	switch n.kind {
	case nName:
		return m.mapName(n, sc)
	case nLit:
		return chromeschema.TypeRef{Kind: chromeschema.KindLiteral, Literal: n.lit}, nil
	case nArray:
		e, err := m.mapType(n.elem, sc)
		return chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: &e}, err
	case nTuple:
		return m.mapTuple(n, sc)
	case nUnion:
		return m.mapUnion(n, sc)
	case nInter:
		return m.mapIntersection(n, sc)
	case nFunc:
		ps, err := m.mapParams(n.params, sc)
		if err != nil {
			return chromeschema.TypeRef{}, err
		}
		r, err := m.mapReturn(n.ret, sc)
		return chromeschema.TypeRef{Kind: chromeschema.KindFunction, Params: ps, Returns: r}, err
	case nObject:
		return m.mapObject(n.members, n.index, sc, false, "", n.line)
	}
	return chromeschema.TypeRef{}, errAt(n.line, "unsupported type")
}

// mapTuple maps a tuple to an array with length bounds: [T, ...T[]] has MinItems 1, [T, T] has
// both bounds 2. Elements of different types make Items a union of them.
func (m *mapper) mapTuple(n *node, sc scope) (chromeschema.TypeRef, error) {
	elems := n.elems
	if n.rest != nil {
		elems = append(slices.Clip(elems), n.rest)
	}
	if len(elems) == 0 {
		return chromeschema.TypeRef{}, errAt(n.line, "unsupported empty tuple")
	}
	ts, err := m.mapTypes(elems, sc)
	if err != nil {
		return chromeschema.TypeRef{}, err
	}
	var distinct []chromeschema.TypeRef
	for _, t := range ts {
		if !slices.ContainsFunc(distinct, func(d chromeschema.TypeRef) bool { return reflect.DeepEqual(d, t) }) {
			distinct = append(distinct, t)
		}
	}
	items := distinct[0]
	if len(distinct) > 1 {
		items = chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: distinct}
	}
	out := chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: &items, MinItems: len(n.elems)}
	if n.rest == nil {
		out.MaxItems = len(n.elems)
	}
	return out, nil
}

// mapUnion flattens nested unions; one of string literals only is an enum.
func (m *mapper) mapUnion(n *node, sc scope) (chromeschema.TypeRef, error) {
	var alts []*node
	var flatten func(*node)
	flatten = func(n *node) {
		if n.kind == nUnion {
			for _, e := range n.elems {
				flatten(e)
			}
			return
		}
		alts = append(alts, n)
	}
	flatten(n)
	var enum []string
	for _, a := range alts {
		if a.kind != nLit || !strings.HasPrefix(a.lit, `"`) {
			enum = nil
			break
		}
		enum = append(enum, unquote(a.lit))
	}
	if enum != nil {
		return chromeschema.TypeRef{Kind: chromeschema.KindEnum, Enum: enum}, nil
	}
	ts, err := m.mapTypes(alts, sc)
	return chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: ts}, err
}

// mapIntersection handles the one intersection chrome-types writes: a named type plus an object
// literal of extra members (storage.sync: StorageArea & {QUOTA_BYTES: 102400, …}), which becomes
// the ref with the extra members as its Properties.
func (m *mapper) mapIntersection(n *node, sc scope) (chromeschema.TypeRef, error) {
	if len(n.elems) != 2 || n.elems[0].kind != nName || n.elems[1].kind != nObject || n.elems[1].index != nil {
		return chromeschema.TypeRef{}, errAt(n.line, "unsupported intersection (only Name & {…})")
	}
	t, err := m.mapType(n.elems[0], sc)
	if err != nil {
		return t, err
	}
	if t.Kind != chromeschema.KindRef {
		return t, errAt(n.line, "unsupported intersection with %s", n.elems[0].name)
	}
	extra, err := m.mapObject(n.elems[1].members, nil, sc, false, "", n.line)
	if err != nil {
		return t, err
	}
	if len(extra.Methods) > 0 {
		return t, errAt(n.line, "unsupported methods in an intersection")
	}
	t.Properties = extra.Properties
	return t, nil
}

func (m *mapper) mapName(n *node, sc scope) (chromeschema.TypeRef, error) {
	noArgs := func(t chromeschema.TypeRef) (chromeschema.TypeRef, error) {
		if len(n.args) > 0 {
			return t, errAt(n.line, "%s takes no type arguments", n.name)
		}
		return t, nil
	}
	if t, ok := sc.tparam[n.name]; ok {
		return noArgs(t)
	}
	switch n.name {
	case "string":
		return noArgs(chromeschema.TypeRef{Kind: chromeschema.KindString})
	case "number":
		return noArgs(chromeschema.TypeRef{Kind: chromeschema.KindNumber})
	case "boolean":
		return noArgs(chromeschema.TypeRef{Kind: chromeschema.KindBoolean})
	case "any", "unknown":
		return noArgs(chromeschema.TypeRef{Kind: chromeschema.KindAny})
	case "void", "undefined":
		return noArgs(chromeschema.TypeRef{Kind: chromeschema.KindVoid})
	case "null":
		return noArgs(chromeschema.TypeRef{Kind: chromeschema.KindNull})
	case "Array":
		if len(n.args) != 1 {
			return chromeschema.TypeRef{}, errAt(n.line, "Array wants one type argument")
		}
		e, err := m.mapType(n.args[0], sc)
		return chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: &e}, err
	case "Promise":
		// A Promise a function returns makes it Async (mergeOverloads); anywhere else (a
		// listener that may answer with a Promise) it is a JavaScript object.
		args, err := m.mapTypes(n.args, sc)
		return chromeschema.TypeRef{Kind: chromeschema.KindOpaque, Ref: "Promise", TypeArgs: args}, err
	}
	if binaryTypes[n.name] {
		return noArgs(chromeschema.TypeRef{Kind: chromeschema.KindBinary})
	}
	if q := m.resolve(n.name, sc); q != "" {
		args, err := m.mapTypes(n.args, sc)
		if err != nil {
			return chromeschema.TypeRef{}, err
		}
		d := m.types[q]
		required := 0
		for _, tp := range d.tparams {
			if tp.def == nil {
				required++
			}
		}
		if len(args) < required || len(args) > len(d.tparams) {
			return chromeschema.TypeRef{}, errAt(n.line, "%s has %d type parameters, not %d", q, len(d.tparams), len(args))
		}
		return chromeschema.TypeRef{Kind: chromeschema.KindRef, Ref: q, TypeArgs: args}, nil
	}
	if d := m.helpers[n.name]; d != nil {
		return m.inlineHelper(n, d)
	}
	if m.stubs[n.name] || Globals[n.name] {
		return noArgs(chromeschema.TypeRef{Kind: chromeschema.KindOpaque, Ref: n.name})
	}
	return chromeschema.TypeRef{}, errAt(n.line, "unknown type %s", n.name)
}

// inlineHelper replaces a reference to a type of a helper namespace (usb.Device) with its
// definition: the helper namespaces are not part of chrome, so nothing could refer to them.
func (m *mapper) inlineHelper(n *node, d *decl) (chromeschema.TypeRef, error) {
	if len(n.args) > 0 || len(d.tparams) > 0 {
		return chromeschema.TypeRef{}, errAt(n.line, "unsupported generic helper type %s", n.name)
	}
	if m.inlining[n.name] {
		return chromeschema.TypeRef{}, errAt(n.line, "helper type %s refers to itself", n.name)
	}
	m.inlining[n.name] = true
	defer delete(m.inlining, n.name)
	sc := scope{ns: "\x00helper"} // a scope that no chrome namespace shares
	if d.kind == dType {
		return m.mapType(d.typ, sc)
	}
	if len(d.extends) > 0 {
		return chromeschema.TypeRef{}, errAt(d.line, "unsupported extends on %s", n.name)
	}
	return m.mapObject(d.members, nil, sc, false, n.name, d.line)
}

func unquote(lit string) string {
	// lit was made by strconv.Quote in the parser, so it always unquotes.
	s, _ := strconv.Unquote(lit)
	return s
}
