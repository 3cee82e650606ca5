package chromeschema

import (
	"slices"
	"strings"
)

// EventPath is an event a script can listen to as chrome.<Path>.addListener.
type EventPath struct {
	// Path is the event's path under chrome: a namespace event ("alarms.onAlarm") or an event of a
	// namespace property's object ("storage.local.onChanged",
	// "privacy.network.networkPredictionEnabled.onChange").
	Path string
	// Namespace is the namespace the path starts with ("storage").
	Namespace *Namespace
}

// maxEventDepth bounds how many properties deep EventPaths looks below a namespace
// (privacy.network.networkPredictionEnabled.onChange is two).
const maxEventDepth = 4

// EventPaths returns every event of the schema a script can reach from chrome, sorted by Path:
// each namespace's events, and the events of objects its properties hold (an object type's
// property of type events.Event, followed through named types).
func (s *Schema) EventPaths() []EventPath {
	var out []EventPath
	for i := range s.Namespaces {
		ns := &s.Namespaces[i]
		for _, ev := range ns.Events {
			out = append(out, EventPath{Path: ns.Name + "." + ev.Name, Namespace: ns})
		}
		for _, p := range ns.Properties {
			s.propertyEvents(ns, ns.Name+"."+p.Name, &p.Type, 1, &out)
		}
	}
	slices.SortFunc(out, func(a, b EventPath) int { return strings.Compare(a.Path, b.Path) })
	return slices.CompactFunc(out, func(a, b EventPath) bool { return a.Path == b.Path })
}

// propertyEvents adds the events of the object at path, whose type is t.
func (s *Schema) propertyEvents(ns *Namespace, path string, t *TypeRef, depth int, out *[]EventPath) {
	if depth > maxEventDepth {
		return
	}
	members := t.Properties
	if t.Kind == KindRef {
		if d := s.Type(t.Ref); d != nil {
			members = slices.Concat(members, d.Type.Properties)
		}
	}
	for i := range members {
		m := &members[i]
		p := path + "." + m.Name
		if m.Type.Kind == KindRef && m.Type.Ref == "events.Event" {
			*out = append(*out, EventPath{Path: p, Namespace: ns})
			continue
		}
		if m.Type.Kind == KindRef || m.Type.Kind == KindObject {
			s.propertyEvents(ns, p, &m.Type, depth+1, out)
		}
	}
}
