// Package gen writes the Go packages under chrome/ from Chrome's API schema
// (internal/chromeschema): one package per namespace an MV3 extension can use, with its types,
// functions, events and constants. `go generate ./chrome/...` runs it; TestGeneratedIsCurrent in
// package chrome fails when the committed files differ from what it writes.
//
// What crosses as JSON is generated; what only exists in JavaScript is not (a function-valued
// member, a DOM object, an ArrayBuffer, a generic settings object, an event whose addListener
// takes filters, declarative events): those members are left out, and the package's doc says which.
package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"slices"
	"sort"
	"strings"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// Module is the import path the generated packages live under.
const Module = "github.com/extwasm/extwasm/chrome"

// FileName is the name of the generated file in each package folder.
const FileName = "zz_generated.go"

// handWritten lists, per namespace, the members a hand-written file of the same package provides
// instead (behaviour on top of the schema's types, such as storage's strict decoding): the
// generator leaves them out. A namespace listed here also keeps its hand-written package doc.
var handWritten = map[string][]string{
	"storage": {"local", "session", "sync", "managed", "StorageArea", "StorageChange", "onChanged"},
	"tabs":    {},
	"alarms":  {},
}

// desktop are the platforms a Go extension runs on; a namespace limited to others (ChromeOS) is
// not generated.
var desktop = []string{"linux", "mac", "win"}

// Generate returns the generated files, by path relative to chrome/ ("action/zz_generated.go").
func Generate(s *chromeschema.Schema) (map[string][]byte, error) {
	g := &generator{schema: s, included: map[string]bool{}, sent: map[string]bool{}}
	for _, ns := range s.Namespaces {
		if g.include(&ns) {
			g.included[ns.Name] = true
		}
	}
	g.markSent()
	g.placeTypes()
	out := map[string][]byte{}
	for i := range s.Namespaces {
		ns := &s.Namespaces[i]
		if !g.included[ns.Name] {
			continue
		}
		src, err := g.namespace(ns)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ns.Name, err)
		}
		if src == nil {
			continue
		}
		out[packagePath(ns.Name)+"/"+FileName] = src
	}
	return out, nil
}

type generator struct {
	schema *chromeschema.Schema
	// included are the namespaces generated.
	included map[string]bool
	// home is the namespace whose package defines a type, for the types that live outside their
	// own (see placeTypes).
	home map[string]string
	// sent are the named types ("tabs.QueryInfo") that reach Chrome as arguments: their optional
	// numbers and booleans are pointers, so that 0 and false can be sent.
	sent map[string]bool
}

func (g *generator) include(ns *chromeschema.Namespace) bool {
	if ns.Name == "events" {
		// Only its Event and Rule plumbing; listeners are what the other packages generate.
		return false
	}
	if len(ns.Platforms) > 0 && !slices.ContainsFunc(ns.Platforms, func(p string) bool { return slices.Contains(desktop, p) }) {
		return false
	}
	return true
}

// markSent walks every function's parameters (and listener results) to the named types they reach,
// then drops those that Chrome also returns or passes to listeners: a Tab that
// desktopCapture.chooseDesktopMedia takes is still, above all, what tabs.get returns, and reads
// best with plain fields.
func (g *generator) markSent() {
	received := map[string]bool{}
	reach := func(into map[string]bool) func(t chromeschema.TypeRef) {
		var walk func(t chromeschema.TypeRef)
		walk = func(t chromeschema.TypeRef) {
			switch t.Kind {
			case chromeschema.KindRef:
				if into[t.Ref] {
					return
				}
				into[t.Ref] = true
				if def := g.schema.Type(t.Ref); def != nil {
					walk(def.Type)
				}
			case chromeschema.KindArray:
				walk(*t.Items)
			case chromeschema.KindMap:
				walk(*t.Values)
			case chromeschema.KindObject:
				for _, m := range t.Properties {
					walk(m.Type)
				}
			case chromeschema.KindUnion:
				for _, u := range t.Union {
					walk(u)
				}
			}
		}
		return walk
	}
	got := reach(received)
	for _, ns := range g.schema.Namespaces {
		for _, f := range ns.Functions {
			if f.Returns != nil {
				got(*f.Returns)
			}
		}
		for _, e := range ns.Events {
			for _, p := range e.Params {
				got(p.Type)
			}
		}
	}
	defer func() {
		for t := range received {
			delete(g.sent, t)
		}
	}()
	walk := reach(g.sent)
	for _, ns := range g.schema.Namespaces {
		for _, f := range ns.Functions {
			for _, p := range f.Params {
				walk(p.Type)
			}
		}
		for _, t := range ns.Types {
			for _, m := range t.Type.Methods {
				for _, p := range m.Params {
					walk(p.Type)
				}
			}
		}
		for _, e := range ns.Events {
			if e.ListenerReturns != nil {
				walk(*e.ListenerReturns)
			}
		}
	}
}

// file is one package being written.
type file struct {
	g       *generator
	ns      *chromeschema.Namespace
	skip    map[string]bool
	imports map[string]bool
	// decls are the generated declarations, in order; names the Go names taken.
	decls bytes.Buffer
	names map[string]bool
	// unions are the Go names this file declares as chrome.Union.
	unions map[string]bool
	// omitted are the members left out because they do not cross as JSON.
	omitted []string
}

func (g *generator) namespace(ns *chromeschema.Namespace) ([]byte, error) {
	f := &file{g: g, ns: ns, skip: map[string]bool{}, imports: map[string]bool{}, names: map[string]bool{}, unions: map[string]bool{}}
	for _, n := range handWritten[ns.Name] {
		f.skip[n] = true
	}
	// Named types keep their names; what is made up later (an inline object's type) gives way.
	for _, t := range ns.Types {
		if !f.skip[t.Name] {
			f.names[exported(t.Name)] = true
		}
	}
	for _, t := range ns.Types {
		if f.skip[t.Name] {
			continue
		}
		if home := g.home[ns.Name+"."+t.Name]; home != "" {
			f.alias(t, home)
			continue
		}
		f.namedType(t, ns.Name)
	}
	for _, moved := range g.movedInto(ns.Name) {
		owner := nsOf(moved)
		f.names[g.typeName(moved)] = true
		f.namedType(*g.schema.Type(moved), owner)
	}
	for _, p := range ns.Properties {
		if f.skip[p.Name] {
			continue
		}
		f.property(p)
	}
	for _, fn := range ns.Functions {
		if f.skip[fn.Name] {
			continue
		}
		f.function(fn, "", "")
	}
	for _, e := range ns.Events {
		if f.skip[e.Name] {
			continue
		}
		f.event(e)
	}
	if f.decls.Len() == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	b.WriteString("// Code generated by chrome/internal/gen from internal/chromeschema; DO NOT EDIT.\n\n")
	if _, own := handWritten[ns.Name]; !own {
		f.packageDoc(&b)
	} else if len(f.omitted) > 0 {
		// The package doc is hand-written; what is left out is said here instead.
		b.WriteString("// Not generated, because they do not cross between Go and JavaScript as JSON: ")
		b.WriteString(strings.Join(f.omitted, ", ") + ".\n\n")
	}
	fmt.Fprintf(&b, "package %s\n\n", packageName(ns.Name))
	var imps []string
	for imp := range f.imports {
		imps = append(imps, imp)
	}
	sort.Strings(imps)
	if len(imps) > 0 {
		b.WriteString("import (\n")
		std := true
		for _, imp := range imps {
			if std && strings.Contains(imp, ".") {
				std = false
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "\t%q\n", imp)
		}
		b.WriteString(")\n\n")
	}
	b.Write(f.decls.Bytes())
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("gofmt: %w\n%s", err, b.Bytes())
	}
	return src, nil
}

func (f *file) packageDoc(b *bytes.Buffer) {
	ns := f.ns
	fmt.Fprintf(b, "// Package %s is chrome.%s for Go extension code, generated from Chrome's API schema.\n", packageName(ns.Name), ns.Name)
	b.WriteString("//\n")
	var facts []string
	if len(ns.Permissions) > 0 {
		facts = append(facts, "Manifest permission: "+quoteList(ns.Permissions)+".")
	}
	if len(ns.ManifestKeys) > 0 {
		facts = append(facts, "Manifest key: "+quoteList(ns.ManifestKeys)+".")
	}
	if ns.Since != "" {
		facts = append(facts, "Since Chrome "+ns.Since+".")
	}
	if ns.MinManifest != "" {
		facts = append(facts, "Manifest version: "+ns.MinManifest+" and later.")
	}
	if len(ns.Platforms) > 0 {
		facts = append(facts, "Platforms: "+strings.Join(ns.Platforms, ", ")+".")
	}
	if ns.Channel != "" {
		facts = append(facts, "Channel: "+ns.Channel+".")
	}
	if ns.NoServiceWorker {
		facts = append(facts, "Not available in a service worker.")
	}
	if ns.InstallLocation != "" {
		facts = append(facts, "Only for extensions installed by "+ns.InstallLocation+".")
	}
	for _, l := range facts {
		fmt.Fprintf(b, "// %s\n", l)
	}
	if len(facts) > 0 {
		b.WriteString("//\n")
	}
	b.WriteString("// Calls take a context.Context and return Chrome's errors as *chrome.Error; outside a\n")
	b.WriteString("// GOOS=js program they go to the fakes of package chrometest, or return chrome.ErrUnsupported.\n")
	b.WriteString("// Events are Go callbacks called in order on a goroutine; a worker that must be woken by one\n")
	b.WriteString("// lists it in the glue's start call (see package chrome).\n")
	if len(f.omitted) > 0 {
		b.WriteString("//\n// Not generated, because they do not cross between Go and JavaScript as JSON: ")
		b.WriteString(strings.Join(f.omitted, ", "))
		b.WriteString(".\n")
	}
	b.WriteString("//\n// Reference: " + referenceURL(ns.Name, "") + "\n")
	if ns.Deprecated {
		b.WriteString("//\n// Deprecated: chrome." + ns.Name + " is deprecated" + sinceText(ns.DeprecatedSince) + ".\n")
	}
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, " or ")
}

func sinceText(v string) string {
	if v == "" {
		return ""
	}
	return " since Chrome " + v
}

// referenceURL is the member's page on developer.chrome.com.
func referenceURL(ns, anchor string) string {
	u := "https://developer.chrome.com/docs/extensions/reference/api/" + strings.ReplaceAll(ns, ".", "/")
	if anchor != "" {
		u += "#" + anchor
	}
	return u
}

// factsDoc writes a member's facts as the last lines of its doc comment.
func (f *file) factsDoc(w *bytes.Buffer, facts chromeschema.Facts, anchor string) {
	var parts []string
	if facts.Since != "" && facts.Since != f.ns.Since {
		if facts.Since == "Pending" {
			parts = append(parts, "Not yet in a released Chrome.")
		} else {
			parts = append(parts, "Since Chrome "+facts.Since+".")
		}
	}
	if len(facts.MemberPlatforms) > 0 {
		parts = append(parts, "Platforms: "+strings.Join(facts.MemberPlatforms, ", ")+".")
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "//\n// %s\n", strings.Join(parts, " "))
	}
	if anchor != "" {
		fmt.Fprintf(w, "//\n// Reference: %s\n", referenceURL(f.ns.Name, anchor))
	}
	if facts.Deprecated {
		fmt.Fprintf(w, "//\n// Deprecated: deprecated by Chrome%s.\n", sinceText(facts.DeprecatedSince))
	}
}

// movedInto lists the types of other namespaces whose definitions live in home's package.
func (g *generator) movedInto(home string) []string {
	var out []string
	for t, h := range g.home {
		if h == home {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// typeName is the Go name of a named type in the package that defines it.
func (g *generator) typeName(qualified string) string {
	name := exported(qualified[strings.LastIndexByte(qualified, '.')+1:])
	home, ok := g.home[qualified]
	if !ok {
		return name
	}
	if g.schema.Type(home+"."+qualified[strings.LastIndexByte(qualified, '.')+1:]) != nil {
		return exported(strings.ReplaceAll(nsOf(qualified), ".", " ")) + name
	}
	return name
}

// alias declares a type of this namespace that the package of home defines.
func (f *file) alias(t chromeschema.Type, home string) {
	qualified := f.ns.Name + "." + t.Name
	name := exported(t.Name)
	f.imports[Module+"/"+packagePath(home)] = true
	fmt.Fprintf(&f.decls, "// %s is Chrome's %s, defined in package %s, whose API returns it (Go packages\n", name, qualified, packageName(home))
	fmt.Fprintf(&f.decls, "// cannot import each other in a cycle, as Chrome's namespaces refer to each other).\n")
	fmt.Fprintf(&f.decls, "type %s = %s.%s\n\n", name, packageName(home), f.g.typeName(qualified))
}

// take reserves a Go name in the package, adding a number when it is taken.
func (f *file) take(name string) string {
	n := name
	for i := 2; f.names[n]; i++ {
		n = fmt.Sprintf("%s%d", name, i)
	}
	f.names[n] = true
	return n
}
