package gen

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// function writes a namespace function, or a method of the handle type recv (whose value holds
// the JavaScript path of the object, "storage.local").
func (f *file) function(fn chromeschema.Function, recv, recvJS string) {
	qualified := f.ns.Name + "." + fn.Name
	label := "chrome." + qualified
	if recv != "" {
		label = recvJS + "." + fn.Name
	}
	// A function without a promise form takes its callback last (contextMenus.create): Go waits
	// for the callback, so that Chrome's lastError is the call's error.
	callback := false
	if completionCallback(fn) {
		n := len(fn.Params)
		callback = true
		fn.Params = fn.Params[:n-1]
		fn.Async = true
	}
	for _, p := range fn.Params {
		if !f.crosses(p.Type) {
			f.omitted = append(f.omitted, fn.Name)
			return
		}
	}
	if fn.Returns != nil && !f.crosses(*fn.Returns) {
		f.omitted = append(f.omitted, fn.Name)
		return
	}
	name := exported(fn.Name)
	if recv == "" {
		name = f.take(name)
	}
	hintBase := name
	if recv != "" {
		hintBase = recv + name
	}
	var params, args []string
	if fn.Async {
		params = append(params, "ctx context.Context")
		f.imports["context"] = true
	}
	for _, p := range fn.Params {
		hint := hintBase + exported(p.Name)
		// A parameter named for what it is ("createProperties", "queryInfo") names its type;
		// a generic one ("details", "options") takes the function's name first.
		if len(words(p.Name)) > 1 && recv == "" && !f.names[exported(p.Name)] {
			hint = exported(p.Name)
		}
		typ := f.goType(p.Type, hint, p.Name, use{sent: true, optional: p.Optional})
		pn := param(p.Name)
		arg := pn
		if p.Optional {
			switch {
			case typ == "string" || f.isStringType(p.Type):
				arg = "api.OptString(" + pn + ")"
			case f.pointer(p.Type, typ, true):
				typ = "*" + typ
			}
		}
		params = append(params, pn+" "+typ)
		args = append(args, arg)
	}
	var result string
	if fn.Returns != nil && fn.Returns.Kind != chromeschema.KindVoid {
		result = f.goType(*fn.Returns, hintBase+"Result", fn.Name, use{})
		// "T | undefined": a pointer, nil when Chrome resolved undefined (alarms.get of no alarm).
		if alt, ok := maybe(*fn.Returns); ok && f.pointer(alt, result, false) {
			result = "*" + result
		}
	}
	f.imports[Module+"/internal/api"] = true

	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s is %s.\n", name, label)
	if recv == "" {
		f.factsDoc(&b, fn.Facts, "method-"+fn.Name)
	}
	path := fmt.Sprintf("%q", qualified)
	if recv != "" {
		fmt.Fprintf(&b, "func (o %s) %s(%s)", recv, name, strings.Join(params, ", "))
		path = fmt.Sprintf("o.path+%q", "."+fn.Name)
	} else {
		fmt.Fprintf(&b, "func %s(%s)", name, strings.Join(params, ", "))
	}
	call := "api.Call(ctx, " + path + ", "
	if callback {
		call = fmt.Sprintf("api.CallWithCallback(ctx, %s, %d, ", path, len(fn.Params))
	}
	if !fn.Async {
		call = "api.Invoke(" + path + ", "
	}
	argList := ""
	if len(args) > 0 {
		argList = ", api.Args(" + strings.Join(args, ", ") + ")..."
	}
	if result == "" {
		fmt.Fprintf(&b, " error {\n\treturn %snil%s)\n}\n\n", call, argList)
	} else {
		fmt.Fprintf(&b, " (%s, error) {\n\tvar out %s\n\terr := %s&out%s)\n\treturn out, err\n}\n\n", result, result, call, argList)
	}
	f.decls.Write(b.Bytes())
}

// completionCallback reports whether fn is a synchronous call whose optional last parameter is
// called when it is done (contextMenus.create returns the new item's id, then calls back, with
// chrome.runtime.lastError set on failure). Callbacks that carry results or handle events (the
// sockets APIs, devtools handlers) are not: such functions are not generated.
func completionCallback(fn chromeschema.Function) bool {
	n := len(fn.Params)
	return !fn.Async && fn.Returns != nil && n > 0 && fn.Params[n-1].Type.Kind == chromeschema.KindFunction &&
		fn.Params[n-1].Optional && len(fn.Params[n-1].Type.Params) == 0
}

// maybe returns T for a union of T with undefined or null.
func maybe(t chromeschema.TypeRef) (chromeschema.TypeRef, bool) {
	if t.Kind != chromeschema.KindUnion {
		return t, false
	}
	var alts []chromeschema.TypeRef
	for _, a := range t.Union {
		if a.Kind != chromeschema.KindNull && a.Kind != chromeschema.KindVoid {
			alts = append(alts, a)
		}
	}
	if len(alts) != 1 || len(alts) == len(t.Union) {
		return t, false
	}
	return alts[0], true
}

// isStringType reports whether t is a string or a named string type (an enum).
func (f *file) isStringType(t chromeschema.TypeRef) bool {
	switch t.Kind {
	case chromeschema.KindString, chromeschema.KindEnum:
		return true
	case chromeschema.KindRef:
		if def := f.g.schema.Type(t.Ref); def != nil {
			return def.Type.Kind == chromeschema.KindString || def.Type.Kind == chromeschema.KindEnum
		}
	case chromeschema.KindUnion:
		for _, a := range t.Union {
			if a.Kind != chromeschema.KindNull && !(a.Kind == chromeschema.KindLiteral && strings.HasPrefix(a.Literal, `"`)) && !f.isStringType(a) {
				return false
			}
		}
		return true
	}
	return false
}

// event writes a subscription to a namespace event.
func (f *file) event(e chromeschema.Event) {
	if e.Declarative || e.Filtered && !optionalFilters(e) {
		f.omitted = append(f.omitted, e.Name)
		return
	}
	for _, p := range e.Params {
		if !f.crosses(p.Type) {
			f.omitted = append(f.omitted, e.Name)
			return
		}
	}
	name := f.take(exported(e.Name))
	var sig, decode, call []string
	for i, p := range e.Params {
		hint := name + exported(p.Name)
		if len(words(p.Name)) > 1 && !f.names[exported(p.Name)] {
			hint = exported(p.Name)
		}
		typ := f.goType(p.Type, hint, p.Name, use{optional: p.Optional})
		if p.Optional && f.pointer(p.Type, typ, false) {
			typ = "*" + typ
		}
		pn := param(p.Name)
		sig = append(sig, pn+" "+typ)
		decode = append(decode, fmt.Sprintf("\t\tvar %s %s\n\t\tapi.Arg(args, %d, &%s)\n", pn, typ, i, pn))
		call = append(call, pn)
	}
	f.imports[Module+"/internal/api"] = true
	f.imports["encoding/json"] = true
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s calls fn for each chrome.%s.%s event, in order, until stop is called.\n", name, f.ns.Name, e.Name)
	if e.Filtered {
		b.WriteString("// It listens without addListener's filter: fn sees every event.\n")
	}
	f.factsDoc(&b, e.Facts, "event-"+e.Name)
	fmt.Fprintf(&b, "func %s(fn func(%s)) (stop func(), err error) {\n", name, strings.Join(sig, ", "))
	fmt.Fprintf(&b, "\treturn api.Listen(%q, func(args []json.RawMessage) {\n", f.ns.Name+"."+e.Name)
	if len(e.Params) == 0 {
		b.WriteString("\t\t_ = args\n")
	}
	for _, d := range decode {
		b.WriteString(d)
	}
	fmt.Fprintf(&b, "\t\tfn(%s)\n\t})\n}\n\n", strings.Join(call, ", "))
	f.decls.Write(b.Bytes())
}

// optionalFilters reports whether every addListener argument after the listener is optional
// (webNavigation's url filters, windows' windowTypes): the event is subscribed to without them.
func optionalFilters(e chromeschema.Event) bool {
	for _, m := range e.Filters {
		if !m.Optional {
			return false
		}
	}
	return true
}

// property writes a namespace property: a constant for a literal, a getter for a value, a handle
// for an object with methods (storage.local).
func (f *file) property(p chromeschema.Property) {
	var b bytes.Buffer
	switch {
	case p.Type.Kind == chromeschema.KindLiteral:
		name := f.take(exported(p.Name))
		fmt.Fprintf(&b, "// %s is chrome.%s.%s.\n", name, f.ns.Name, p.Name)
		f.factsDoc(&b, p.Facts, "property-"+p.Name)
		fmt.Fprintf(&b, "const %s = %s\n\n", name, p.Type.Literal)
	case p.Type.Kind == chromeschema.KindRef && f.isHandle(p.Type.Ref) && nsOf(p.Type.Ref) == f.ns.Name && len(p.Type.TypeArgs) == 0:
		name := f.take(exported(p.Name))
		fmt.Fprintf(&b, "// %s is chrome.%s.%s.\n", name, f.ns.Name, p.Name)
		f.factsDoc(&b, p.Facts, "property-"+p.Name)
		fmt.Fprintf(&b, "var %s = %s{path: %q}\n\n", name, f.ref(p.Type.Ref), f.ns.Name+"."+p.Name)
	case f.crosses(p.Type) && p.Name != "lastError":
		name := f.take(exported(p.Name))
		typ := f.goType(p.Type, name+"Value", p.Name, use{})
		f.imports[Module+"/internal/api"] = true
		fmt.Fprintf(&b, "// %s returns chrome.%s.%s.\n", name, f.ns.Name, p.Name)
		f.factsDoc(&b, p.Facts, "property-"+p.Name)
		fmt.Fprintf(&b, "func %s() (%s, error) {\n\tvar out %s\n\terr := api.Get(%q, &out)\n\treturn out, err\n}\n\n", name, typ, typ, f.ns.Name+"."+p.Name)
	default:
		f.omitted = append(f.omitted, p.Name)
		return
	}
	f.decls.Write(b.Bytes())
}

// isHandle reports whether the named type is a JavaScript object with methods that can be
// generated (not generic).
func (f *file) isHandle(qualified string) bool {
	def := f.g.schema.Type(qualified)
	return def != nil && len(def.TypeParams) == 0 && def.Type.Kind == chromeschema.KindObject && len(def.Type.Methods) > 0
}

// handle writes an object type with methods (storage.StorageArea) as a value holding the
// object's JavaScript path, with a method per method.
func (f *file) handle(name string, t chromeschema.Type) {
	// Only objects a property names have a path to call through (storage.local); others
	// (a runtime.Port) are live JavaScript objects Go cannot hold.
	named := false
	for _, p := range f.ns.Properties {
		if p.Type.Kind == chromeschema.KindRef && p.Type.Ref == f.ns.Name+"."+t.Name && len(p.Type.TypeArgs) == 0 {
			named = true
		}
	}
	if !named || !f.isHandle(f.ns.Name+"."+t.Name) {
		f.omitted = append(f.omitted, t.Name)
		return
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// %s is Chrome's %s.%s: a JavaScript object whose methods Go calls.\n", name, f.ns.Name, t.Name)
	f.factsDoc(&b, t.Facts, "type-"+t.Name)
	fmt.Fprintf(&b, "type %s struct{ path string }\n\n", name)
	f.decls.Write(b.Bytes())
	for _, m := range t.Type.Methods {
		f.function(m, name, "chrome."+f.ns.Name+"."+t.Name)
	}
}
