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
		{"in a slice element", `{"items":[{"url":"a"},{"URL":"b"}]}`, `body.items[1]: key "URL"`},
		{"promoted embedded field", `{"frame":2}`, ""},
		{"promoted field case-folded", `{"FRAME":2}`, `differs only in case from field "frame"`},
		{"map keys are data", `{"tags":{"a":"1","A":"2"}}`, ""},
		{"unknown field", `{"admin":true}`, `unknown field "admin"`},
		{"null for an int", `{"tabId":null}`, `body.tabId: expected a number, got null`},
		{"null for a string", `{"name":null}`, `body.name: expected a string, got null`},
		{"null for a pointer", `{"note":null}`, ""},
		{"null for a slice", `{"items":null}`, ""},
		{"null for a struct in a slice", `{"items":[null]}`, `body.items[0]: expected an object, got null`},
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

// typedTarget has a field of each JSON kind, and the numeric ranges encoding/json enforces.
type typedTarget struct {
	Name   string             `json:"name"`
	Small  int8               `json:"small"`
	Count  uint16             `json:"count"`
	Ratio  float32            `json:"ratio"`
	On     bool               `json:"on"`
	Raw    []byte             `json:"raw"`
	Num    json.Number        `json:"num"`
	ByID   map[int]string     `json:"byId"`
	Items  []strictItem       `json:"items"`
	Nested *strictItem        `json:"nested"`
	Any    any                `json:"any"`
	Fixed  [2]int             `json:"fixed"`
	Deep   map[string][]int64 `json:"deep"`
}

// TestDecodeErrorsSpeakJSON: a refused value is located by its JSON path and described in JSON's
// types; no Go type or struct name reaches the sender.
func TestDecodeErrorsSpeakJSON(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"name":5}`, `body.name: expected a string, got a number`},
		{`{"name":{}}`, `body.name: expected a string, got an object`},
		{`{"small":"1"}`, `body.small: expected a number, got a string`},
		{`{"small":128}`, `body.small: expected an integer from -128 to 127`},
		{`{"small":1.5}`, `body.small: expected an integer from -128 to 127`},
		{`{"count":-1}`, `body.count: expected an integer from 0 to 65535`},
		{`{"ratio":1e39}`, `body.ratio: expected a number within ±3.4e38`},
		{`{"on":"true"}`, `body.on: expected a boolean, got a string`},
		{`{"raw":{}}`, `body.raw: expected a string (base64) or an array, got an object`},
		{`{"raw":[256]}`, `body.raw[0]: expected an integer from 0 to 255`},
		{`{"num":true}`, `body.num: expected a number, got a boolean`},
		{`{"byId":{"x":"a"}}`, `body.byId: key "x": expected an integer from -9223372036854775808 to 9223372036854775807`},
		{`{"items":{}}`, `body.items: expected an array, got an object`},
		{`{"items":[{"url":1}]}`, `body.items[0].url: expected a string, got a number`},
		{`{"nested":[]}`, `body.nested: expected an object, got an array`},
		{`{"fixed":{}}`, `body.fixed: expected an array, got an object`},
		{`{"deep":{"a":[1,"2"]}}`, `body.deep.a[1]: expected a number, got a string`},
		{`[]`, `body: expected an object, got an array`},
		{`"x"`, `body: expected an object, got a string`},
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) {
			var v typedTarget
			err := Unmarshal([]byte(tc.in), &v, Limits{})
			assert.ErrorIs(t, err, ErrInvalid)
			var fe *FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.want, err.Error())
		})
	}
	for _, ok := range []string{`{"num":12.5}`, `{"num":"7"}`, `{"any":[1,{"a":null}]}`, `{"raw":"AAE="}`, `{"raw":[0,255]}`, `{"byId":{"3":"c"}}`, `{"small":-128}`} {
		var v typedTarget
		assert.NoError(t, Unmarshal([]byte(ok), &v, Limits{}), ok)
	}
}

// FuzzDecodeErrorsNameNoGoType: whatever the input, a decoding error's text names no Go type.
func FuzzDecodeErrorsNameNoGoType(f *testing.F) {
	for _, s := range []string{`{"name":5}`, `{"byId":{"x":"a"}}`, `{"items":[{"url":[]}]}`, `{"small":1e3}`, `{"raw":"!"}`, `[1]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v typedTarget
		err := Unmarshal(data, &v, Limits{})
		if err == nil {
			return
		}
		for _, goName := range []string{"Go ", "struct", "envelope.", "typedTarget", "strictItem", "int8", "uint16", "float32", "int64", "json:", "[]uint8", "map["} {
			assert.NotContains(t, err.Error(), goName)
		}
	})
}
