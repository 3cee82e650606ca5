package envelope

import (
	"encoding/json"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type cloneMsg struct {
	Name  string            `json:"name"`
	Data  []byte            `json:"data"`
	At    time.Time         `json:"at"`
	N     *big.Int          `json:"n,omitempty"`
	Tags  map[string]int    `json:"tags,omitempty"`
	List  []string          `json:"list,omitempty"`
	Any   any               `json:"any,omitempty"`
	Inner *cloneMsg         `json:"inner,omitempty"`
	Extra map[string][]byte `json:"extra,omitempty"`
}

var cloneMsgType = reflect.TypeFor[cloneMsg]()

func TestLowerCloneGivesTheDocumentedJSONForms(t *testing.T) {
	in := `{"name":"a","data":{"\u0000bytes":"AQL/"},"at":{"\u0000date":1767323045006},"n":{"\u0000bigint":"12345678901234567890123"},` +
		`"tags":{"\u0000map":[["x",1],["y",2]]},"list":{"\u0000set":["p","q"]},"any":{"\u0000bytes":"AA=="},"inner":{"name":"\u0000\u0000k","data":null,"at":{"\u0000date":0}}}`
	out, err := LowerClone([]byte(in), cloneMsgType, Limits{})
	require.NoError(t, err)
	var m cloneMsg
	require.NoError(t, Unmarshal(out, &m, Limits{}))
	assert.Equal(t, []byte{1, 2, 255}, m.Data)
	assert.True(t, m.At.Equal(time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)), m.At)
	assert.Equal(t, "12345678901234567890123", m.N.String())
	assert.Equal(t, map[string]int{"x": 1, "y": 2}, m.Tags)
	assert.Equal(t, []string{"p", "q"}, m.List)
	assert.Equal(t, "AA==", m.Any)
	assert.Equal(t, "\x00\x00k", m.Inner.Name, "string values are not keys: left alone")
	assert.True(t, m.Inner.At.Equal(time.Unix(0, 0)))
}

func TestLowerCloneRefusesTypesTheTargetCannotHold(t *testing.T) {
	cases := []struct{ name, in string }{
		{"bytes into string", `{"name":{"\u0000bytes":"AA=="}}`},
		{"string into bytes", `{"data":"AQL/"}`},
		{"string into time", `{"at":"2026-01-02T03:04:05Z"}`},
		{"date into string", `{"name":{"\u0000date":0}}`},
		{"invalid date", `{"at":{"\u0000date":null}}`},
		{"bigint into string", `{"name":{"\u0000bigint":"1"}}`},
		{"malformed bigint", `{"n":{"\u0000bigint":"1x"}}`},
		{"NaN", `{"any":{"\u0000number":"NaN"}}`},
		{"infinity", `{"any":{"\u0000number":"Infinity"}}`},
		{"map into list", `{"list":{"\u0000map":[]}}`},
		{"map with object key", `{"tags":{"\u0000map":[[{},1]]}}`},
		{"set into map", `{"tags":{"\u0000set":[]}}`},
		{"unknown tag", `{"any":{"\u0000regexp":"a"}}`},
		{"unescaped NUL key", `{"tags":{"\u0000x":1,"y":2}}`},
		{"lone surrogate", `{"name":"\ud800"}`},
		{"proto key", `{"any":{"__proto__":1}}`},
		{"deep", `{"any":[[[[[[[[[[1]]]]]]]]]]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LowerClone([]byte(c.in), cloneMsgType, Limits{MaxDepth: 8})
			assert.ErrorIs(t, err, ErrInvalid)
		})
	}
}

func TestLowerCloneKeepsMinusZeroAndUntypedPlacesDocumented(t *testing.T) {
	out, err := LowerClone([]byte(`[{"\u0000number":"-0"},{"\u0000date":1000},{"\u0000bigint":"7"},{"\u0000map":[["k",{"\u0000set":[1]}]]}]`), nil, Limits{})
	require.NoError(t, err)
	assert.JSONEq(t, `[-0,"1970-01-01T00:00:01Z",7,{"k":[1]}]`, string(out))
}

func TestRaiseCloneTagsTheGoTypes(t *testing.T) {
	m := cloneMsg{Name: "a", Data: []byte{1, 2, 255}, At: time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC),
		N: big.NewInt(-5), Tags: map[string]int{"\x00k": 1}, Any: []byte{1}, Extra: map[string][]byte{"b": {9}}}
	data, err := EncodeReply(m)
	require.NoError(t, err)
	reply, err := DecodeReply(data, Limits{})
	require.NoError(t, err)
	out, err := RaiseClone(reply.Body, cloneMsgType)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"a","data":{"\u0000bytes":"AQL/"},"at":{"\u0000date":1767323045006},"n":{"\u0000bigint":"-5"},`+
		`"tags":{"\u0000\u0000k":1},"any":"AQ==","extra":{"b":{"\u0000bytes":"CQ=="}}}`, string(out))

	back, err := LowerClone(out, cloneMsgType, Limits{})
	require.NoError(t, err)
	var got cloneMsg
	require.NoError(t, Unmarshal(back, &got, Limits{}))
	assert.Equal(t, m.Data, got.Data)
	assert.True(t, m.At.Equal(got.At))
	assert.Equal(t, m.N.String(), got.N.String())
	assert.Equal(t, m.Tags, got.Tags)
	assert.Equal(t, m.Extra, got.Extra)
}

// FuzzLowerClone feeds the clone decoder arbitrary input: it must never panic, and what it accepts
// must be JSON the strict decoder reads without a clone tag left in it.
func FuzzLowerClone(f *testing.F) {
	for _, s := range []string{
		`{"data":{"\u0000bytes":"AQL/"},"at":{"\u0000date":0}}`,
		`{"tags":{"\u0000map":[["x",1]]},"list":{"\u0000set":["a"]}}`,
		`{"n":{"\u0000bigint":"-1"},"any":{"\u0000number":"-0"}}`,
		`{"inner":{"inner":{"name":"x"}}}`, `null`, `[]`, `{"\u0000\u0000":1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := LowerClone(data, cloneMsgType, Limits{MaxBytes: 1 << 16, MaxDepth: 16})
		if err != nil {
			return
		}
		var m cloneMsg
		_ = Unmarshal(out, &m, Limits{})
		var generic any
		if _, err := LowerClone(data, nil, Limits{MaxBytes: 1 << 16, MaxDepth: 16}); err == nil {
			require.NoError(t, Unmarshal(mustLower(t, data), &generic, Limits{MaxDepth: 64}))
		}
	})
}

func mustLower(t *testing.T, data []byte) []byte {
	out, err := LowerClone(data, nil, Limits{MaxBytes: 1 << 16, MaxDepth: 16})
	require.NoError(t, err)
	return out
}

func TestRaiseCloneMakesTaggedMapFieldsMaps(t *testing.T) {
	type withMaps struct {
		Scores map[string]int `json:"scores" extwasm:"map"`
		ByID   map[int]string `json:"byId" extwasm:"map"`
		Plain  map[string]int `json:"plain"`
	}
	typ := reflect.TypeFor[withMaps]()
	data, err := json.Marshal(withMaps{Scores: map[string]int{"\x00a": 1}, ByID: map[int]string{7: "x"}, Plain: map[string]int{"p": 2}})
	require.NoError(t, err)
	out, err := RaiseClone(data, typ)
	require.NoError(t, err)
	assert.JSONEq(t, `{"scores":{"\u0000map":[["\u0000a",1]]},"byId":{"\u0000map":[[7,"x"]]},"plain":{"p":2}}`, string(out))

	back, err := LowerClone(out, typ, Limits{})
	require.NoError(t, err)
	var got withMaps
	require.NoError(t, Unmarshal(back, &got, Limits{}))
	assert.Equal(t, map[string]int{"\x00a": 1}, got.Scores)
	assert.Equal(t, map[int]string{7: "x"}, got.ByID)
}

// TestLowerCloneBigIntIsJSONNumberText: a BigInt's decimal text becomes JSON number text in its
// canonical form, whatever sign or leading zeros big.Int's parser also accepts.
func TestLowerCloneBigIntIsJSONNumberText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"-5"`, `-5`},
		{`"+00"`, `0`},
		{`"007"`, `7`},
		{`"-0"`, `0`},
		{`"123456789012345678901234567890"`, `123456789012345678901234567890`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			out, err := LowerClone([]byte(`{"n":{"\u0000bigint":`+tc.in+`}}`), nil, Limits{})
			require.NoError(t, err)
			assert.JSONEq(t, `{"n":`+tc.want+`}`, string(out))
		})
	}
	for _, bad := range []string{`"1_000"`, `"0x10"`, `""`, `"1.5"`, `5`} {
		_, err := LowerClone([]byte(`{"n":{"\u0000bigint":`+bad+`}}`), nil, Limits{})
		assert.Error(t, err, bad)
	}
}

// A number beyond a double's range (1E700, which JSON.stringify never writes: Infinity becomes a
// clone tag) is refused by the clone decoder, and the strict decoder says what range it wants
// instead of "expected a number, got a number" (FuzzLowerClone found it).
func TestNumbersBeyondADoublesRange(t *testing.T) {
	_, err := LowerClone([]byte(`1E700`), nil, Limits{MaxBytes: 1 << 16, MaxDepth: 16})
	assert.ErrorContains(t, err, "a number beyond a double's range")
	_, err = LowerClone([]byte(`{"n": 1E700}`), reflect.TypeFor[struct{ N float64 }](), Limits{MaxBytes: 1 << 16, MaxDepth: 16})
	assert.ErrorContains(t, err, "a number beyond a double's range")

	var generic any
	assert.ErrorContains(t, Unmarshal([]byte(`1E700`), &generic, Limits{}), "expected a number within ±1.8e308")
	var s struct {
		X float64 `json:"x"`
	}
	assert.ErrorContains(t, Unmarshal([]byte(`{"x": -1e309}`), &s, Limits{}), "x: expected a number within ±1.8e308")
	require.NoError(t, Unmarshal([]byte(`{"x": 1.7e308}`), &s, Limits{}))
}
