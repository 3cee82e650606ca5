package gen

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromeschema"
)

func TestNames(t *testing.T) {
	for js, goName := range map[string]string{
		"tabId": "TabID", "getURL": "GetURL", "main_frame": "MainFrame", "bookmarks-bar": "BookmarksBar",
		"TRUSTED_CONTEXTS": "TrustedContexts", "MAX_NUMBER_OF_DYNAMIC_RULES": "MaxNumberOfDynamicRules",
		"frameIds": "FrameIDs", "favIconUrl": "FavIconURL", "16": "N16", "setHTML": "SetHTML",
	} {
		assert.Equal(t, goName, exported(js), js)
	}
	assert.Equal(t, "type_", param("type"))
	assert.Equal(t, "tabIDs", param("tabIds"))
	assert.Equal(t, "devtools/inspectedwindow", packagePath("devtools.inspectedWindow"))
	assert.Equal(t, "chromeurloverrides", packageName("chrome_url_overrides"))
}

func ref(r string) chromeschema.TypeRef {
	return chromeschema.TypeRef{Kind: chromeschema.KindRef, Ref: r}
}

var (
	str = chromeschema.TypeRef{Kind: chromeschema.KindString}
	num = chromeschema.TypeRef{Kind: chromeschema.KindNumber}
)

// toy is a small schema with a cycle (a ↔ b), a union, a "T | T[]" parameter, an optional
// boolean in a sent type, a "T | undefined" result and a completion-callback function.
func toy() *chromeschema.Schema {
	return &chromeschema.Schema{Namespaces: []chromeschema.Namespace{
		{Name: "a", Types: []chromeschema.Type{
			{Name: "Item", Type: chromeschema.TypeRef{Kind: chromeschema.KindObject, Properties: []chromeschema.Member{
				{Name: "id", Type: num},
				{Name: "color", Optional: true, Type: chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: []chromeschema.TypeRef{str, {Kind: chromeschema.KindArray, Items: &num}}}},
				{Name: "onDone", Optional: true, Type: chromeschema.TypeRef{Kind: chromeschema.KindFunction}},
			}}},
			{Name: "Query", Type: chromeschema.TypeRef{Kind: chromeschema.KindObject, Properties: []chromeschema.Member{
				{Name: "active", Optional: true, Type: chromeschema.TypeRef{Kind: chromeschema.KindBoolean}},
			}}},
		}, Functions: []chromeschema.Function{
			{Name: "find", Async: true, Params: []chromeschema.Member{{Name: "query", Type: ref("a.Query")}, {Name: "ids", Optional: true, Type: chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: []chromeschema.TypeRef{num, {Kind: chromeschema.KindArray, Items: &num}}}}},
				Returns: &chromeschema.TypeRef{Kind: chromeschema.KindUnion, Union: []chromeschema.TypeRef{ref("a.Item"), {Kind: chromeschema.KindVoid}}}},
			{Name: "box", Async: true, Returns: &chromeschema.TypeRef{Kind: chromeschema.KindRef, Ref: "b.Box"}},
			{Name: "make", Params: []chromeschema.Member{{Name: "props", Type: ref("a.Query")}, {Name: "callback", Optional: true, Type: chromeschema.TypeRef{Kind: chromeschema.KindFunction}}}, Returns: &num},
		}},
		{Name: "b", Types: []chromeschema.Type{
			{Name: "Box", Type: chromeschema.TypeRef{Kind: chromeschema.KindObject, Properties: []chromeschema.Member{{Name: "items", Type: chromeschema.TypeRef{Kind: chromeschema.KindArray, Items: &chromeschema.TypeRef{Kind: chromeschema.KindRef, Ref: "a.Item"}}}}}},
		}},
	}}
}

func TestGenerateToy(t *testing.T) {
	files, err := Generate(toy())
	require.NoError(t, err)
	a, b := string(files["a/"+FileName]), string(files["b/"+FileName])
	require.NotEmpty(t, a)
	require.NotEmpty(t, b)
	for _, want := range []string{
		"type Item struct",
		"Color ItemColor `json:\"color,omitzero\"`", // a union: chrome.Union, left out when zero
		"type ItemColor = chrome.Union",
		"Active *bool `json:\"active,omitempty\"`", // optional boolean of a sent type
		"func Find(ctx context.Context, query Query, ids []int) (*Item, error)",
		`api.Call(ctx, "a.find", &out, api.Args(query, ids)...)`,
		"func Make(ctx context.Context, props Query) (float64, error)",
		`api.CallWithCallback(ctx, "a.make", 1, &out, api.Args(props)...)`,
		"type Box struct", // b.Box lives in a (a returns it, b holds a's Items)
		"func Box2(ctx context.Context) (Box, error)", // a name taken by a type gets a number
		"onDone", // the function member is named as left out
	} {
		assert.Contains(t, a, want)
	}
	assert.NotContains(t, a, "OnDone ", "a function member is not a field")
	assert.Contains(t, b, "type Box = a.Box")
	assert.False(t, strings.Contains(a, `extwasm/chrome/b"`), "a does not import b: no import cycle")
}
