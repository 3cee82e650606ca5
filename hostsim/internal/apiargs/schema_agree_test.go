package apiargs

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

// schemaFunction finds the schema's function for a method name: a namespace function
// ("tabs.query"), or a method of the area objects for storage ("storage.get" is
// storage.StorageArea's get).
func schemaFunction(s *chromeschema.Schema, name string) *chromeschema.Function {
	i := strings.LastIndexByte(name, '.')
	ns, fn := name[:i], name[i+1:]
	if ns == "storage" {
		if t := s.Type("storage.StorageArea"); t != nil {
			for j := range t.Type.Methods {
				if t.Type.Methods[j].Name == fn {
					return &t.Type.Methods[j]
				}
			}
		}
		return nil
	}
	return s.Function(name)
}

// TestMethodsAgreeWithChromesSchema: the argument checks here are written from what Chromium 156
// reports (its integer kinds and bounds are not in Chrome's published schema), and must say what
// the schema says about the rest: every method exists, and its parameters have the schema's names,
// order and optionality.
func TestMethodsAgreeWithChromesSchema(t *testing.T) {
	s, err := chromeschema.Load()
	require.NoError(t, err)
	require.NotEmpty(t, methods)
	for _, m := range methods {
		t.Run(m.Name, func(t *testing.T) {
			f := schemaFunction(s, m.Name)
			require.NotNil(t, f, "Chrome's schema has no %s", m.Name)
			var ours []string
			for _, p := range m.params {
				if p.kind == kindFunction && p.name == "callback" {
					continue
				}
				ours = append(ours, label(p.name, p.optional))
			}
			var theirs []string
			for _, p := range f.Params {
				if p.Type.Kind == chromeschema.KindFunction && p.Name == "callback" {
					continue
				}
				theirs = append(theirs, label(p.Name, p.Optional))
			}
			assert.Equal(t, theirs, ours, "parameters of %s", m.Name)
			for i, p := range m.params {
				if i < len(f.Params) && p.kind != kindFunction {
					agree(t, s, m.Name+"("+p.name+")", p, f.Params[i].Type, 0)
				}
			}
		})
	}
}

// agree compares what a parameter admits with the schema's type: the properties of an object
// (names and optionality) and the values of an enum, through refs and arrays.
func agree(t *testing.T, s *chromeschema.Schema, at string, p param, ty chromeschema.TypeRef, depth int) {
	if depth > 8 {
		return
	}
	for ty.Kind == chromeschema.KindRef {
		def := s.Type(ty.Ref)
		if def == nil {
			return
		}
		ty = def.Type
	}
	if len(p.enum) > 0 && ty.Kind == chromeschema.KindEnum {
		ours := slices.DeleteFunc(slices.Clone(p.enum), func(v string) bool { return beyondSchema[v] != "" })
		assert.ElementsMatch(t, ty.Enum, ours, "values of %s", at)
	}
	if p.items != nil && ty.Kind == chromeschema.KindArray {
		agree(t, s, at+"[]", *p.items, *ty.Items, depth+1)
	}
	if p.props != nil && ty.Kind == chromeschema.KindObject && !isAnyProps(p.props) {
		for _, m := range ty.Properties {
			if m.Type.Kind == chromeschema.KindFunction {
				continue
			}
			ours, ok := p.props[m.Name]
			if !assert.True(t, ok, "%s has no property %q, which Chrome's schema has", at, m.Name) {
				continue
			}
			assert.Equal(t, m.Optional, ours.optional, "optionality of %s.%s", at, m.Name)
			agree(t, s, at+"."+m.Name, ours, m.Type, depth+1)
		}
		for name := range p.props {
			if beyondSchema[name] != "" {
				continue
			}
			assert.True(t, slices.ContainsFunc(ty.Properties, func(m chromeschema.Member) bool { return m.Name == name }),
				"%s has property %q, which Chrome's schema does not", at, name)
		}
	}
}

// beyondSchema are the values and properties Chromium 156 takes that chrome-types' MV3
// declarations leave out, with why; hostsim takes them as Chromium does.
var beyondSchema = map[string]string{
	"browser_action":    "an MV2 context of contextMenus.ContextType, still listed by Chromium 156",
	"page_action":       "an MV2 context of contextMenus.ContextType, still listed by Chromium 156",
	"custom-tab":        "a windows.WindowType Chromium 156 lists (Android's custom tabs)",
	"locked-fullscreen": "a ChromeOS-only windows.WindowState Chromium 156 lists",
	"iconBitmap":        "a notifications option left out of the published API",
	"imageBitmap":       "a notifications option left out of the published API",
	"appIconMaskBitmap": "a notifications option left out of the published API",
}

// isAnyProps reports whether props is the "any properties" marker of free-form objects.
func isAnyProps(props map[string]param) bool {
	_, ok := props["*"]
	return ok
}

func label(name string, optional bool) string {
	if optional {
		return "optional " + name
	}
	return name
}
