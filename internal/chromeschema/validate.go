package chromeschema

import (
	"errors"
	"fmt"
)

// Validate checks what the generators rely on without checking themselves: namespace names are
// unique and sorted (Namespace uses binary search), type names are unique within a namespace, and
// every KindRef names a type of the schema with no more TypeArgs than it has TypeParams.
func (s *Schema) Validate() error {
	var errs []error
	for i, ns := range s.Namespaces {
		if i > 0 && s.Namespaces[i-1].Name >= ns.Name {
			errs = append(errs, fmt.Errorf("namespace %q is not after %q", ns.Name, s.Namespaces[i-1].Name))
		}
		seen := map[string]bool{}
		for _, t := range ns.Types {
			if seen[t.Name] {
				errs = append(errs, fmt.Errorf("type %s.%s declared twice", ns.Name, t.Name))
			}
			seen[t.Name] = true
		}
	}
	if len(errs) > 0 {
		// Lookups below assume sorted namespaces.
		return errors.Join(errs...)
	}
	var check func(where string, t *TypeRef)
	checkMembers := func(where string, ms []Member) {
		for i := range ms {
			check(where+"."+ms[i].Name, &ms[i].Type)
		}
	}
	checkFuncs := func(where string, fs []Function) {
		for i := range fs {
			w := where + "." + fs[i].Name
			checkMembers(w, fs[i].Params)
			if fs[i].Returns != nil {
				check(w+" result", fs[i].Returns)
			}
		}
	}
	check = func(where string, t *TypeRef) {
		if t.Kind == KindRef {
			switch d := s.Type(t.Ref); {
			case d == nil:
				errs = append(errs, fmt.Errorf("%s: ref to unknown type %q", where, t.Ref))
			case len(t.TypeArgs) > len(d.TypeParams):
				errs = append(errs, fmt.Errorf("%s: %d type arguments for %s, which has %d parameters", where, len(t.TypeArgs), t.Ref, len(d.TypeParams)))
			}
		}
		for i := range t.TypeArgs {
			check(where, &t.TypeArgs[i])
		}
		for _, sub := range []*TypeRef{t.Items, t.Values, t.Returns} {
			if sub != nil {
				check(where, sub)
			}
		}
		for i := range t.Union {
			check(where, &t.Union[i])
		}
		checkMembers(where, t.Properties)
		checkMembers(where, t.Params)
		checkFuncs(where, t.Methods)
	}
	for _, ns := range s.Namespaces {
		for i := range ns.Types {
			check(ns.Name+"."+ns.Types[i].Name, &ns.Types[i].Type)
		}
		checkFuncs(ns.Name, ns.Functions)
		for _, ev := range ns.Events {
			w := ns.Name + "." + ev.Name
			checkMembers(w, ev.Params)
			checkMembers(w, ev.Filters)
			for _, t := range []*TypeRef{ev.ListenerReturns, ev.Conditions, ev.Actions} {
				if t != nil {
					check(w, t)
				}
			}
		}
		for i := range ns.Properties {
			check(ns.Name+"."+ns.Properties[i].Name, &ns.Properties[i].Type)
		}
	}
	return errors.Join(errs...)
}
