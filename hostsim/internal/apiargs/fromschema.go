package apiargs

import (
	"encoding/json"
	"slices"
	"sync"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// maxRefDepth bounds how deep FromSchema follows named types into each other (a bookmark tree
// node holds its children): below it a value is taken as any, as a check that deep would only
// repeat the ones above.
const maxRefDepth = 6

// schemaMinimums are the integer minimums Chromium 156 enforces and chrome-types does not carry,
// by function, parameter and property path (measured: bookmarks.getRecent(0) throws "Value must
// be at least 1.", idle.queryState(1) "Value must be at least 15.", bookmarks.create's index -1
// "Value must be at least 0.").
var schemaMinimums = map[string]int{
	"bookmarks.getRecent.numberOfItems":           1,
	"bookmarks.create.bookmark.index":             0,
	"bookmarks.move.destination.index":            0,
	"idle.queryState.detectionIntervalInSeconds":  15,
	"idle.setDetectionInterval.intervalInSeconds": 15,
}

// fromSchema caches FromSchema's Methods by qualified name; a nil entry is a name Chrome's schema
// has no function for.
var fromSchema sync.Map

// FromSchema is the argument check of Chrome's function qualified ("cookies.getAll") read from
// Chrome's API schema (package chromeschema), for the functions hostsim has no hand-written
// Method for; nil when the schema has no such function. Its signature and errors are Chrome's
// (measured in Chromium 156, scenario schema-arguments): inline objects print as "object", named
// types by their qualified name, the callback of a promise-returning function is an optional
// trailing function. What the schema does not carry is not checked: numeric bounds beyond the
// measured schemaMinimums, and integers the schema's naming rule misses
// ([chromeschema.IsIntegerName]).
func FromSchema(s *chromeschema.Schema, qualified string) *Method {
	if m, ok := fromSchema.Load(qualified); ok {
		return m.(*Method)
	}
	var m *Method
	if f := s.Function(qualified); f != nil {
		m = &Method{Name: qualified}
		for _, p := range f.Params {
			sp := schemaParam(s, qualified+"."+p.Name, p.Name, p.Type, 0)
			sp.optional = p.Optional
			m.params = append(m.params, sp)
		}
		if f.Async {
			m.params = append(m.params, optionalCallback)
			m.hasCallback = true
		}
	}
	got, _ := fromSchema.LoadOrStore(qualified, m)
	return got.(*Method)
}

// schemaParam is the check of a value of type t held under name; path names it for
// schemaMinimums ("bookmarks.create.bookmark.index").
func schemaParam(s *chromeschema.Schema, path, name string, t chromeschema.TypeRef, depth int) param {
	p := param{name: name}
	switch t.Kind {
	case chromeschema.KindString:
		p.kind = kindString
	case chromeschema.KindNumber:
		p.kind = kindNumber
		if chromeschema.IsIntegerName(name) {
			p.kind = kindInteger
		}
		if m, ok := schemaMinimums[path]; ok && p.kind == kindInteger {
			p.minimum = intp(m)
		}
	case chromeschema.KindBoolean:
		p.kind = kindBoolean
	case chromeschema.KindBinary:
		p.kind = kindBinary
	case chromeschema.KindFunction:
		p.kind = kindFunction
	case chromeschema.KindEnum:
		// Chromium's "Value must be one of" lists the values sorted (measured: power.Level's
		// system, display reads "display, system").
		p.kind, p.enum = kindString, slices.Sorted(slices.Values(t.Enum))
	case chromeschema.KindLiteral:
		return literalParam(name, t.Literal)
	case chromeschema.KindArray:
		p.kind, p.minItems, p.maxItems = kindArray, t.MinItems, t.MaxItems
		if t.Items != nil {
			items := schemaParam(s, path, name, *t.Items, depth)
			p.items = &items
		}
	case chromeschema.KindMap:
		p.kind, p.props = kindObject, anyProps
	case chromeschema.KindObject:
		p.kind, p.props = kindObject, map[string]param{}
		for _, m := range t.Properties {
			mp := schemaParam(s, path+"."+m.Name, m.Name, m.Type, depth)
			mp.optional = m.Optional
			p.props[m.Name] = mp
		}
		if t.Values != nil {
			p.props = anyProps
		}
	case chromeschema.KindUnion:
		var choices []param
		for _, u := range t.Union {
			if u.Kind != chromeschema.KindNull && u.Kind != chromeschema.KindVoid {
				choices = append(choices, schemaParam(s, path, name, u, depth))
			}
		}
		if len(choices) == 1 {
			return choices[0]
		}
		p.kind, p.choices = kindChoice, choices
	case chromeschema.KindRef:
		def := s.Type(t.Ref)
		if def == nil || depth >= maxRefDepth || len(t.Properties) > 0 {
			p.kind = kindAny
			break
		}
		p = schemaParam(s, path, name, def.Type, depth+1)
		p.ref = t.Ref
	default: // any, opaque JavaScript objects
		p.kind = kindAny
	}
	return p
}

// literalParam checks a value that must be exactly the JSON literal lit.
func literalParam(name, lit string) param {
	var v any
	_ = json.Unmarshal([]byte(lit), &v)
	switch v := v.(type) {
	case string:
		return param{name: name, kind: kindString, enum: []string{v}}
	case bool:
		return param{name: name, kind: kindBoolean}
	case float64:
		return param{name: name, kind: kindNumber}
	}
	return param{name: name, kind: kindAny}
}
