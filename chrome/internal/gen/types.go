package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// use is where a type appears: whether it is sent to Chrome (optional numbers and booleans become
// pointers, so that 0 and false can be sent) and whether it is optional there.
type use struct {
	sent     bool
	optional bool
}

// crosses reports whether values of t can cross between Go and JavaScript as JSON.
func (f *file) crosses(t chromeschema.TypeRef) bool { return f.g.crosses(t) }

func (g *generator) crosses(t chromeschema.TypeRef) bool {
	return g.crossesSeen(t, map[string]bool{})
}

func (f *generator) crossesSeen(t chromeschema.TypeRef, seen map[string]bool) bool {
	switch t.Kind {
	case chromeschema.KindFunction, chromeschema.KindOpaque, chromeschema.KindBinary, chromeschema.KindVoid:
		return false
	case chromeschema.KindArray:
		return f.crossesSeen(*t.Items, seen)
	case chromeschema.KindMap:
		return f.crossesSeen(*t.Values, seen)
	case chromeschema.KindUnion:
		for _, u := range t.Union {
			if u.Kind != chromeschema.KindNull && u.Kind != chromeschema.KindVoid && !f.crossesSeen(u, seen) {
				return false
			}
		}
		return true
	case chromeschema.KindObject:
		// Objects with methods are JavaScript objects (a Port, a StorageArea), not data.
		return len(t.Methods) == 0
	case chromeschema.KindRef:
		if seen[t.Ref] {
			return true
		}
		seen[t.Ref] = true
		def := f.schema.Type(t.Ref)
		if def == nil || len(def.TypeParams) > 0 || !f.included[nsOf(t.Ref)] {
			return false
		}
		if def.Type.Kind == chromeschema.KindObject && len(def.Type.Methods) > 0 {
			return false
		}
		if def.Type.Kind == chromeschema.KindObject {
			// A data object crosses when its members do; members that do not are left out of
			// the struct, so the object itself always crosses.
			return true
		}
		return f.crossesSeen(def.Type, seen)
	}
	return true
}

func nsOf(qualified string) string { return qualified[:strings.LastIndexByte(qualified, '.')] }

// goType is the Go type of t. hint names an inline object, enum or union that must become a named
// type ("SetTitleDetails"); name is the JavaScript name holding the value (integers are told by it).
func (f *file) goType(t chromeschema.TypeRef, hint, name string, u use) string {
	switch t.Kind {
	case chromeschema.KindString:
		return "string"
	case chromeschema.KindNumber:
		if chromeschema.IsIntegerName(name) {
			return "int"
		}
		return "float64"
	case chromeschema.KindBoolean:
		return "bool"
	case chromeschema.KindAny, chromeschema.KindNull:
		f.imports["encoding/json"] = true
		return "json.RawMessage"
	case chromeschema.KindLiteral:
		var v any
		_ = json.Unmarshal([]byte(t.Literal), &v)
		switch v.(type) {
		case string:
			return "string"
		case bool:
			return "bool"
		case float64:
			if chromeschema.IsIntegerName(name) {
				return "int"
			}
			return "float64"
		}
		f.imports["encoding/json"] = true
		return "json.RawMessage"
	case chromeschema.KindArray:
		return "[]" + f.goType(*t.Items, hint+"Item", singular(name), use{sent: u.sent})
	case chromeschema.KindMap:
		return "map[string]" + f.goType(*t.Values, hint+"Value", name, use{sent: u.sent})
	case chromeschema.KindEnum:
		n := f.take(hint)
		f.enum(n, t.Enum, chromeschema.Facts{}, "", "")
		return n
	case chromeschema.KindObject:
		n := f.take(hint)
		f.structType(n, t, u.sent, chromeschema.Facts{}, "", "")
		return n
	case chromeschema.KindUnion:
		return f.union(t, hint, name, u)
	case chromeschema.KindRef:
		return f.ref(t.Ref)
	}
	f.imports["encoding/json"] = true
	return "json.RawMessage"
}

// ref is the Go name of the named type qualified ("tabs.Tab"), importing its package.
func (f *file) ref(qualified string) string {
	ns := nsOf(qualified)
	if home, ok := f.g.home[qualified]; ok {
		ns = home
	}
	name := f.g.typeName(qualified)
	if ns == f.ns.Name {
		return name
	}
	f.imports[Module+"/"+packagePath(ns)] = true
	return packageName(ns) + "." + name
}

// union is the Go type of a union: string literals and enums merge into one enum, "T | null" is
// T, "T | T[]" is []T when sent (Chrome takes the array form), and anything else is a named
// union type that keeps the JSON it holds.
func (f *file) union(t chromeschema.TypeRef, hint, name string, u use) string {
	var alts []chromeschema.TypeRef
	for _, a := range t.Union {
		if a.Kind != chromeschema.KindNull && a.Kind != chromeschema.KindVoid {
			alts = append(alts, a)
		}
	}
	if len(alts) == 1 {
		return f.goType(alts[0], hint, name, u)
	}
	if len(alts) == 2 && u.sent {
		for i, a := range alts {
			b := alts[1-i]
			if b.Kind == chromeschema.KindArray && sameType(a, *b.Items) {
				return "[]" + f.goType(a, hint+"Item", singular(name), use{sent: true})
			}
		}
	}
	allStrings, anyString := true, false
	var values []string
	for _, a := range alts {
		switch {
		case a.Kind == chromeschema.KindLiteral && strings.HasPrefix(a.Literal, `"`):
			var s string
			_ = json.Unmarshal([]byte(a.Literal), &s)
			values = append(values, s)
		case a.Kind == chromeschema.KindEnum:
			values = append(values, a.Enum...)
		case a.Kind == chromeschema.KindString:
			anyString = true
		default:
			allStrings = false
		}
	}
	if allStrings && anyString {
		// An enum that also takes any string: a string.
		return "string"
	}
	if allStrings {
		n := f.take(hint)
		f.enum(n, values, chromeschema.Facts{}, "", "")
		return n
	}
	f.imports[Module] = true
	n := f.take(hint)
	var alternatives []string
	for _, a := range alts {
		alternatives = append(alternatives, describe(a))
	}
	fmt.Fprintf(&f.decls, "// %s is one of: %s (make one with chrome.UnionOf, read it with As).\n", n, strings.Join(alternatives, ", "))
	fmt.Fprintf(&f.decls, "type %s = chrome.Union\n\n", n)
	f.unions[n] = true
	return n
}

func sameType(a, b chromeschema.TypeRef) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// describe names a type in a doc comment.
func describe(t chromeschema.TypeRef) string {
	switch t.Kind {
	case chromeschema.KindRef, chromeschema.KindOpaque:
		return t.Ref
	case chromeschema.KindArray:
		return "[]" + describe(*t.Items)
	case chromeschema.KindMap:
		return "map of " + describe(*t.Values)
	case chromeschema.KindLiteral:
		return t.Literal
	case chromeschema.KindEnum:
		return "one of " + strings.Join(t.Enum, ", ")
	}
	return string(t.Kind)
}

func singular(name string) string {
	switch {
	case strings.HasSuffix(name, "Ids"):
		return strings.TrimSuffix(name, "s")
	case strings.HasSuffix(name, "ies"):
		return strings.TrimSuffix(name, "ies") + "y"
	case strings.HasSuffix(name, "s"):
		return strings.TrimSuffix(name, "s")
	}
	return name
}

// namedType writes the named type t of namespace owner (this file's namespace, or one whose
// type lives here to break an import cycle).
func (f *file) namedType(t chromeschema.Type, owner string) {
	qualified := owner + "." + t.Name
	name := f.g.typeName(qualified)
	anchor := "type-" + t.Name
	if owner != f.ns.Name {
		anchor = ""
	}
	if len(t.TypeParams) > 0 {
		f.omitted = append(f.omitted, t.Name+" (generic)")
		return
	}
	switch t.Type.Kind {
	case chromeschema.KindEnum:
		f.enum(name, t.Type.Enum, t.Facts, anchor, qualified)
	case chromeschema.KindObject:
		if len(t.Type.Methods) > 0 {
			f.handle(name, t)
			return
		}
		f.structType(name, t.Type, f.g.sent[qualified], t.Facts, anchor, qualified)
	default:
		if !f.crosses(t.Type) {
			f.omitted = append(f.omitted, t.Name)
			return
		}
		var doc bytes.Buffer
		fmt.Fprintf(&doc, "// %s is Chrome's %s.\n", name, qualified)
		f.factsDoc(&doc, t.Facts, anchor)
		under := f.goType(t.Type, name+"Value", t.Name, use{sent: f.g.sent[qualified]})
		f.decls.Write(doc.Bytes())
		fmt.Fprintf(&f.decls, "type %s = %s\n\n", name, under)
	}
}

// enum writes a named string type and a constant per value.
func (f *file) enum(name string, values []string, facts chromeschema.Facts, anchor, qualified string) {
	var b bytes.Buffer
	if qualified != "" {
		fmt.Fprintf(&b, "// %s is Chrome's %s, one of the constants below.\n", name, qualified)
	} else {
		fmt.Fprintf(&b, "// %s is one of the constants below.\n", name)
	}
	f.factsDoc(&b, facts, anchor)
	fmt.Fprintf(&b, "type %s string\n\n", name)
	b.WriteString("const (\n")
	for _, v := range values {
		c := f.take(name + exported(v))
		fmt.Fprintf(&b, "\t%s %s = %q\n", c, name, v)
	}
	b.WriteString(")\n\n")
	f.decls.Write(b.Bytes())
}

// structType writes an object type as a struct. Optional members are left out when empty; in
// types sent to Chrome, optional numbers and booleans are pointers so that 0 and false can be sent.
func (f *file) structType(name string, t chromeschema.TypeRef, sent bool, facts chromeschema.Facts, anchor, jsName string) {
	var fields bytes.Buffer
	var left []string
	taken := map[string]bool{}
	for _, m := range t.Properties {
		if !f.crosses(m.Type) {
			left = append(left, m.Name)
			continue
		}
		fieldName := exported(m.Name)
		for taken[fieldName] {
			fieldName += "_"
		}
		taken[fieldName] = true
		typ := f.goType(m.Type, name+exported(m.Name), m.Name, use{sent: sent, optional: m.Optional})
		tag := m.Name
		if m.Optional {
			tag += ",omitempty"
			if f.isUnion(typ) {
				tag = m.Name + ",omitzero"
			}
			if f.pointer(m.Type, typ, sent) {
				typ = "*" + typ
			}
		}
		var doc []string
		if m.Since != "" && m.Since != facts.Since && m.Since != f.ns.Since {
			doc = append(doc, "Since Chrome "+m.Since+".")
		}
		if m.Deprecated {
			doc = append(doc, "Deprecated: deprecated by Chrome"+sinceText(m.DeprecatedSince)+".")
		}
		if len(doc) > 0 {
			fmt.Fprintf(&fields, "\t// %s\n", strings.Join(doc, " "))
		}
		fmt.Fprintf(&fields, "\t%s %s `json:%q`\n", fieldName, typ, tag)
	}
	var b bytes.Buffer
	if jsName != "" {
		fmt.Fprintf(&b, "// %s is Chrome's %s.", name, jsName)
	} else {
		fmt.Fprintf(&b, "// %s is an argument or result of chrome.%s.", name, f.ns.Name)
	}
	if len(left) > 0 {
		fmt.Fprintf(&b, " Not here, as they are JavaScript-only: %s.", strings.Join(left, ", "))
	}
	b.WriteString("\n")
	f.factsDoc(&b, facts, anchor)
	fmt.Fprintf(&b, "type %s struct {\n", name)
	b.Write(fields.Bytes())
	b.WriteString("}\n\n")
	f.decls.Write(b.Bytes())
}

// isUnion reports whether the Go type typ (declared in this file) is a chrome.Union.
func (f *file) isUnion(typ string) bool { return f.unions[typ] }

// pointer reports whether an optional member of Go type typ is a pointer: objects always (absent is
// not the zero object), numbers and booleans in types that are sent.
func (f *file) pointer(t chromeschema.TypeRef, typ string, sent bool) bool {
	if strings.HasPrefix(typ, "[]") || strings.HasPrefix(typ, "map[") || typ == "json.RawMessage" || f.isUnion(typ) {
		return false
	}
	switch typ {
	case "int", "float64", "bool":
		return sent
	case "string":
		return false
	}
	if t.Kind == chromeschema.KindObject {
		return true
	}
	if t.Kind == chromeschema.KindRef {
		def := f.g.schema.Type(t.Ref)
		if def != nil {
			switch def.Type.Kind {
			case chromeschema.KindObject:
				return true
			case chromeschema.KindNumber, chromeschema.KindBoolean:
				return sent
			}
		}
	}
	return false
}
