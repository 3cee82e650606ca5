package gen

import (
	"slices"
	"strings"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// Go packages may not import each other in a cycle, but Chrome's namespaces refer to each other's
// types in cycles (tabs.highlight returns a windows.Window, whose tabs are tabs.Tab). For each
// cycle, the generator picks a home namespace and defines there the types of the others that home
// refers to (and what those refer to in their own namespaces); their own packages declare them as
// aliases, so each type still has one definition and every package its usual names.

// refsOf calls fn for every named type t refers to.
func refsOf(t chromeschema.TypeRef, fn func(string)) {
	if t.Kind == chromeschema.KindRef {
		fn(t.Ref)
	}
	for _, a := range t.TypeArgs {
		refsOf(a, fn)
	}
	for _, x := range []*chromeschema.TypeRef{t.Items, t.Values, t.Returns} {
		if x != nil {
			refsOf(*x, fn)
		}
	}
	for _, u := range t.Union {
		refsOf(u, fn)
	}
	for _, m := range t.Properties {
		refsOf(m.Type, fn)
	}
	for _, m := range t.Params {
		refsOf(m.Type, fn)
	}
	for _, m := range t.Methods {
		functionRefs(m, fn)
	}
}

func functionRefs(f chromeschema.Function, fn func(string)) {
	for _, p := range f.Params {
		refsOf(p.Type, fn)
	}
	if f.Returns != nil {
		refsOf(*f.Returns, fn)
	}
}

// namespaceRefs calls fn for every named type the namespace's generated members refer to
// (members that do not cross as JSON are not generated and import nothing).
func (g *generator) namespaceRefs(ns *chromeschema.Namespace, fn func(string)) {
	for _, t := range ns.Types {
		g.typeRefs(t.Type, fn)
	}
	for _, f := range ns.Functions {
		if g.functionCrosses(f) {
			functionRefs(f, fn)
		}
	}
	for _, e := range ns.Events {
		if g.eventCrosses(e) {
			for _, p := range e.Params {
				refsOf(p.Type, fn)
			}
		}
	}
	for _, p := range ns.Properties {
		if g.crosses(p.Type) {
			refsOf(p.Type, fn)
		}
	}
}

// typeRefs is refsOf for a named type's definition, without the members left out of it.
func (g *generator) typeRefs(t chromeschema.TypeRef, fn func(string)) {
	if t.Kind != chromeschema.KindObject {
		refsOf(t, fn)
		return
	}
	if len(t.Methods) > 0 {
		return
	}
	for _, m := range t.Properties {
		if g.crosses(m.Type) {
			refsOf(m.Type, fn)
		}
	}
}

func (g *generator) functionCrosses(f chromeschema.Function) bool {
	params := f.Params
	if completionCallback(f) {
		params = params[:len(params)-1]
	}
	for _, p := range params {
		if !g.crosses(p.Type) {
			return false
		}
	}
	return f.Returns == nil || g.crosses(*f.Returns)
}

func (g *generator) eventCrosses(e chromeschema.Event) bool {
	if e.Declarative || e.Filtered && !optionalFilters(e) {
		return false
	}
	for _, p := range e.Params {
		if !g.crosses(p.Type) {
			return false
		}
	}
	return true
}

// placeTypes fills g.home for the types that live outside their namespace's package.
func (g *generator) placeTypes() {
	g.home = map[string]string{}
	edges := map[string][]string{}
	for i := range g.schema.Namespaces {
		ns := &g.schema.Namespaces[i]
		if !g.included[ns.Name] {
			continue
		}
		g.namespaceRefs(ns, func(ref string) {
			to := nsOf(ref)
			if to != ns.Name && g.included[to] && !slices.Contains(edges[ns.Name], to) {
				edges[ns.Name] = append(edges[ns.Name], to)
			}
		})
	}
	for _, scc := range cycles(edges) {
		// The home is the member whose types the others use most (tabs, for tabs.Tab), then the
		// one that needs the fewest types of the others moved in.
		var home string
		var moved []string
		best := -1
		for _, cand := range scc {
			used := map[string]bool{}
			for _, other := range scc {
				if other != cand {
					g.namespaceRefs(g.schema.Namespace(other), func(ref string) {
						if nsOf(ref) == cand {
							used[other+" "+ref] = true
						}
					})
				}
			}
			m := g.closureInto(cand, scc)
			if len(used) > best || len(used) == best && len(m) < len(moved) {
				home, moved, best = cand, m, len(used)
			}
		}
		for _, t := range moved {
			g.home[t] = home
		}
	}
}

// closureInto lists the types of the other namespaces of scc that home refers to, and what those
// refer to within scc but outside home.
func (g *generator) closureInto(home string, scc []string) []string {
	var out []string
	var visit func(ref string)
	visit = func(ref string) {
		ns := nsOf(ref)
		if ns == home || !slices.Contains(scc, ns) || slices.Contains(out, ref) {
			return
		}
		out = append(out, ref)
		if def := g.schema.Type(ref); def != nil {
			g.typeRefs(def.Type, visit)
		}
	}
	g.namespaceRefs(g.schema.Namespace(home), visit)
	slices.Sort(out)
	return out
}

// cycles returns the strongly connected components of more than one node (Tarjan's algorithm),
// each sorted, in a stable order.
func cycles(edges map[string][]string) [][]string {
	var nodes []string
	for n := range edges {
		nodes = append(nodes, n)
	}
	slices.Sort(nodes)
	index, low := map[string]int{}, map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	var out [][]string
	next := 0
	var connect func(v string)
	connect = func(v string) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range edges[v] {
			if _, seen := index[w]; !seen {
				connect(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var c []string
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				c = append(c, w)
				if w == v {
					break
				}
			}
			if len(c) > 1 {
				slices.Sort(c)
				out = append(out, c)
			}
		}
	}
	for _, n := range nodes {
		if _, seen := index[n]; !seen {
			connect(n)
		}
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}
