package envelope

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// strictTarget is a request body with the field shapes the strict decoder walks: a plain field, a
// pointer, a slice of structs, a map and a promoted embedded field.
type strictTarget struct {
	Name  string            `json:"name"`
	TabID int               `json:"tabId"`
	Note  *string           `json:"note,omitempty"`
	Items []strictItem      `json:"items,omitempty"`
	Tags  map[string]string `json:"tags,omitempty"`
	strictEmbedded
}

type strictItem struct {
	URL string `json:"url"`
}

type strictEmbedded struct {
	Frame int `json:"frame,omitempty"`
}

func TestStrictDecodingRefusesWhatJavaScriptReadsDifferently(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want string // substring of the error; "" means accepted
	}{
		{"exact keys", `{"name":"x","tabId":1}`, ""},
		{"two keys differing in case", `{"name":"x","NAME":"y"}`, `key "NAME" differs only in case from field "name"`},
		{"case-folded key alone", `{"Name":"x"}`, `key "Name" differs only in case from field "name"`},
		{"in a slice element", `{"items":[{"url":"a"},{"URL":"b"}]}`, `at items[1]`},
		{"promoted embedded field", `{"frame":2}`, ""},
		{"promoted field case-folded", `{"FRAME":2}`, `differs only in case from field "frame"`},
		{"map keys are data", `{"tags":{"a":"1","A":"2"}}`, ""},
		{"unknown field", `{"admin":true}`, `unknown field "admin"`},
		{"null for an int", `{"tabId":null}`, `null for int at tabId`},
		{"null for a string", `{"name":null}`, `null for string at name`},
		{"null for a pointer", `{"note":null}`, ""},
		{"null for a slice", `{"items":null}`, ""},
		{"null for a struct in a slice", `{"items":[null]}`, `null for envelope.strictItem at items[0]`},
		{"null body", `null`, ""},
		{"lone high surrogate", `{"name":"\ud800"}`, "lone high surrogate"},
		{"lone low surrogate", `{"name":"\udc00x"}`, "lone low surrogate"},
		{"high surrogate then a letter escape", `{"name":"\ud800\u0041"}`, "lone high surrogate"},
		{"surrogate pair", `{"name":"\ud83d\ude00"}`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var v strictTarget
			err := Unmarshal([]byte(tc.in), &v, Limits{})
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrInvalid)
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

// TestTheEnvelopeDifferential is the attack in full: JavaScript that inspects msg.route sees
// "demo.greet", encoding/json alone would have dispatched "demo.panic".
func TestTheEnvelopeDifferential(t *testing.T) {
	for _, in := range []string{
		`{"extwasm":1,"route":"demo.greet","ROUTE":"demo.panic","body":{}}`,
		`{"extwasm":1,"route":"demo.greet","Route":"demo.panic","body":{}}`,
		`{"extwasm":1,"route":"demo.greet","body":{},"BODY":{"x":1}}`,
		`{"extwasm":1,"EXTWASM":2,"route":"demo.greet","body":{}}`,
	} {
		_, err := DecodeRequest([]byte(in), Limits{})
		assert.ErrorIs(t, err, ErrInvalid, in)
		assert.ErrorContains(t, err, "differs only in case", in)
	}
	_, err := DecodeReply([]byte(`{"extwasm":1,"ok":true,"OK":false,"body":1}`), Limits{})
	assert.ErrorContains(t, err, "differs only in case")
}

func TestDepthErrorNamesTheDocumentedLimit(t *testing.T) {
	lim := Limits{MaxDepth: 32}
	deep := `{"extwasm":1,"route":"a","body":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`
	_, err := DecodeRequest([]byte(deep), lim)
	assert.ErrorContains(t, err, "nesting deeper than 32")
	ok := `{"extwasm":1,"route":"a","body":` + strings.Repeat("[", 32) + strings.Repeat("]", 32) + `}`
	_, err = DecodeRequest([]byte(ok), lim)
	assert.NoError(t, err, "a body exactly MaxDepth deep is accepted")
}

// FuzzStrictKeys checks the property that closes the differential: whatever the input, a decoded
// struct never took a value from a key that is not exactly its field's name, so no two keys that
// differ only in case are both accepted.
func FuzzStrictKeys(f *testing.F) {
	for _, s := range []string{
		`{"name":"x","NAME":"y"}`, `{"name":"x"}`, `{"Name":"x"}`, `{"items":[{"url":"a","Url":"b"}]}`,
		`{"tabId":null}`, `{"tags":{"a":"1","A":"2"}}`, `{"frame":1,"Frame":2}`, `{"n\u0061me":"x"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var v strictTarget
		if Unmarshal([]byte(in), &v, Limits{}) != nil {
			return
		}
		// Accepted: every key of every object decoded into a struct is exactly a field name.
		var generic any
		require.NoError(t, json.Unmarshal([]byte(in), &generic))
		obj, ok := generic.(map[string]any)
		if !ok {
			return
		}
		fields := fieldsOf(reflect.TypeFor[strictTarget]())
		for k := range obj {
			_, exact := fields.exact[k]
			assert.True(t, exact, "accepted key %q is not a field name", k)
		}
		if items, ok := obj["items"].([]any); ok {
			for _, it := range items {
				if m, ok := it.(map[string]any); ok {
					for k := range m {
						assert.Equal(t, "url", k)
					}
				}
			}
		}
	})
}
