package chromeschema

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func function(t *testing.T, s *Schema, ns, name string) Function {
	t.Helper()
	n := s.Namespace(ns)
	require.NotNil(t, n, ns)
	for _, f := range n.Functions {
		if f.Name == name {
			return f
		}
	}
	require.FailNow(t, "no function", "%s.%s", ns, name)
	return Function{}
}

func property(t *testing.T, s *Schema, ns, name string) Property {
	t.Helper()
	n := s.Namespace(ns)
	require.NotNil(t, n, ns)
	for _, p := range n.Properties {
		if p.Name == name {
			return p
		}
	}
	require.FailNow(t, "no property", "%s.%s", ns, name)
	return Property{}
}

func memberNamed(t *testing.T, ms []Member, name string) Member {
	t.Helper()
	for _, m := range ms {
		if m.Name == name {
			return m
		}
	}
	require.FailNow(t, "no member", name)
	return Member{}
}

// TestEmbeddedSchema spot-checks facts of the extracted chrome-types 0.1.457 that the generators
// depend on, one per mapping rule of package dts.
func TestEmbeddedSchema(t *testing.T) {
	s, err := Load()
	require.NoError(t, err)
	require.NoError(t, s.Validate())

	assert.Equal(t, "chrome-types", s.Source.Package)
	assert.Equal(t, "0.1.457", s.Source.Version)
	assert.Equal(t, "index.d.ts", s.Source.File)
	assert.Regexp(t, `^sha512-[A-Za-z0-9+/]+=*$`, s.Source.Integrity)
	assert.Regexp(t, `^[0-9a-f]{40}$`, s.Source.ChromiumCommit)
	assert.GreaterOrEqual(t, len(s.Namespaces), 90)

	t.Run("action.setBadgeText", func(t *testing.T) {
		f := function(t, s, "action", "setBadgeText")
		assert.True(t, f.Async)
		assert.Nil(t, f.Returns)
		require.Len(t, f.Params, 1)
		details := f.Params[0].Type
		require.Equal(t, KindObject, details.Kind)
		// chrome-types 0.1.457 makes text optional too (null or absent clears it for a tab).
		assert.Equal(t, Member{Name: "text", Optional: true, Type: TypeRef{Kind: KindString}}, memberNamed(t, details.Properties, "text"))
		assert.Equal(t, Member{Name: "tabId", Optional: true, Type: TypeRef{Kind: KindNumber}}, memberNamed(t, details.Properties, "tabId"))
	})
	t.Run("contextMenus", func(t *testing.T) {
		assert.Equal(t, []string{"contextMenus"}, s.Namespace("contextMenus").Permissions)
		ev := s.Event("contextMenus.onClicked")
		require.NotNil(t, ev)
		assert.Equal(t, []Member{
			{Name: "info", Type: TypeRef{Kind: KindRef, Ref: "contextMenus.OnClickData"}},
			{Name: "tab", Optional: true, Type: TypeRef{Kind: KindRef, Ref: "tabs.Tab"}},
		}, ev.Params)
	})
	t.Run("tabs.Tab", func(t *testing.T) {
		tab := s.Type("tabs.Tab")
		require.NotNil(t, tab)
		id := memberNamed(t, tab.Type.Properties, "id")
		assert.True(t, id.Optional)
		assert.Equal(t, KindNumber, id.Type.Kind)
	})
	t.Run("storage.local", func(t *testing.T) {
		p := property(t, s, "storage", "local")
		assert.Equal(t, KindRef, p.Type.Kind)
		assert.Equal(t, "storage.StorageArea", p.Type.Ref)
		// The intersection's extra constant rides on the ref.
		assert.Equal(t, TypeRef{Kind: KindLiteral, Literal: "10485760"}, memberNamed(t, p.Type.Properties, "QUOTA_BYTES").Type)
		area := s.Type("storage.StorageArea")
		require.NotNil(t, area)
		var methods []string
		for _, m := range area.Type.Methods {
			methods = append(methods, m.Name)
		}
		assert.Contains(t, methods, "get")
	})
	t.Run("runtime.sendMessage", func(t *testing.T) {
		f := function(t, s, "runtime", "sendMessage")
		require.NotEmpty(t, f.Params)
		assert.Equal(t, "extensionId", f.Params[0].Name)
		assert.True(t, f.Params[0].Optional)
		assert.False(t, memberNamed(t, f.Params, "message").Optional)
		assert.True(t, f.Async)
	})
	t.Run("events", func(t *testing.T) {
		pc := s.Event("declarativeContent.onPageChanged")
		require.NotNil(t, pc)
		assert.True(t, pc.Declarative)
		br := s.Event("webRequest.onBeforeRequest")
		require.NotNil(t, br)
		assert.True(t, br.Filtered)
		assert.NotEmpty(t, br.Filters)
		assert.NotNil(t, br.ListenerReturns)
	})
	t.Run("namespaces", func(t *testing.T) {
		assert.Equal(t, "MV3", s.Namespace("offscreen").MinManifest)
		assert.NotNil(t, s.Namespace("debugger"))
		assert.NotNil(t, s.Namespace("devtools.inspectedWindow"))
		function(t, s, "devtools.inspectedWindow", "eval")
		assert.Equal(t, TypeRef{Kind: KindRef, Ref: "types.ChromeSetting", TypeArgs: []TypeRef{{Kind: KindBoolean}}},
			property(t, s, "privacy", "network").Type.Properties[0].Type)
	})
}

// TestNoProse proves that no documentation text leaked into the data: every string in it is a
// name, a tag value or a literal, and none of those is long.
func TestNoProse(t *testing.T) {
	var v any
	require.NoError(t, json.Unmarshal(data, &v))
	var walk func(any)
	n := 0
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			n++
			assert.LessOrEqual(t, len(v), 200, "%.80q…", v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	assert.Greater(t, n, 10000)
}

func TestValidate(t *testing.T) {
	ref := func(q string) TypeRef { return TypeRef{Kind: KindRef, Ref: q} }
	for _, tc := range []struct {
		name string
		s    Schema
		want string
	}{
		{"ok", Schema{Namespaces: []Namespace{
			{Name: "a", Types: []Type{{Name: "T", TypeParams: []string{"X"}}}},
			{Name: "b", Properties: []Property{{Name: "p", Type: TypeRef{Kind: KindRef, Ref: "a.T", TypeArgs: []TypeRef{{Kind: KindString}}}}}},
		}}, ""},
		{"unsorted", Schema{Namespaces: []Namespace{{Name: "b"}, {Name: "a"}}}, `"a" is not after "b"`},
		{"duplicate namespace", Schema{Namespaces: []Namespace{{Name: "a"}, {Name: "a"}}}, `"a" is not after "a"`},
		{"duplicate type", Schema{Namespaces: []Namespace{{Name: "a", Types: []Type{{Name: "T"}, {Name: "T"}}}}}, "a.T declared twice"},
		{"dangling ref", Schema{Namespaces: []Namespace{{Name: "a", Functions: []Function{{Name: "f",
			Params: []Member{{Name: "x", Type: TypeRef{Kind: KindArray, Items: &TypeRef{Kind: KindUnion, Union: []TypeRef{ref("a.Missing")}}}}}}}}}},
			`a.f.x: ref to unknown type "a.Missing"`},
		{"dangling ref in an event", Schema{Namespaces: []Namespace{{Name: "a", Events: []Event{{Name: "onX", Filters: []Member{{Name: "f", Type: ref("b.F")}}}}}}},
			`ref to unknown type "b.F"`},
		{"too many type arguments", Schema{Namespaces: []Namespace{{Name: "a", Types: []Type{{Name: "T"}},
			Properties: []Property{{Name: "p", Type: TypeRef{Kind: KindRef, Ref: "a.T", TypeArgs: []TypeRef{{Kind: KindString}}}}}}}},
			"1 type arguments for a.T"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.Validate()
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestIsIntegerName(t *testing.T) {
	for name, want := range map[string]bool{
		"windowId": true, "ruleIds": true, "index": true, "numberOfItems": true,
		"detectionIntervalInSeconds": true, "maxResults": true,
		"periodInMinutes": false, "delayInMinutes": false, "rate": false, "when": false,
	} {
		assert.Equal(t, want, IsIntegerName(name), name)
	}
}
