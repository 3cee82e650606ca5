package envelope

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeRequestRef and decodeReplyRef are the decoders as they were before the one-walk path:
// check, then encoding/json. The fast path must give the same result and the same error text.
func decodeRequestRef(data []byte, lim Limits) (Request, error) {
	if err := check(data, lim, 1); err != nil {
		return Request{}, err
	}
	return decodeRequestSlow(data)
}

func decodeReplyRef(data []byte, lim Limits) (Reply, error) {
	if err := check(data, lim, 1); err != nil {
		return Reply{}, err
	}
	return decodeReplySlow(data)
}

func assertSameRequest(t *testing.T, data []byte, lim Limits) {
	t.Helper()
	got, err := DecodeRequest(data, lim)
	want, wantErr := decodeRequestRef(data, lim)
	if wantErr != nil {
		require.Error(t, err, "%q", data)
		assert.Equal(t, wantErr.Error(), err.Error(), "%q", data)
		return
	}
	require.NoError(t, err, "%q", data)
	assert.Equal(t, want.Route, got.Route, "%q", data)
	assert.Equal(t, string(want.Body), string(got.Body), "%q", data)
}

func assertSameReply(t *testing.T, data []byte, lim Limits) {
	t.Helper()
	got, err := DecodeReply(data, lim)
	want, wantErr := decodeReplyRef(data, lim)
	if wantErr != nil {
		require.Error(t, err, "%q", data)
		assert.Equal(t, wantErr.Error(), err.Error(), "%q", data)
		return
	}
	require.NoError(t, err, "%q", data)
	assert.Equal(t, want.OK, got.OK, "%q", data)
	assert.Equal(t, string(want.Body), string(got.Body), "%q", data)
	assert.Equal(t, want.Error, got.Error, "%q", data)
}

func TestOneWalkRequestMatchesTheReference(t *testing.T) {
	for _, in := range []string{
		`{"extwasm":1,"route":"demo.greet","body":{"name":"x"}}`,
		` { "body" : [1, {"a":"<b>"}] , "route" : "a/b:c-d_e" , "extwasm" : 1 } `,
		`{"extwasm":1,"route":"demo.greet"}`,
		`{"extwasm":1,"route":"demo.greet","body":null}`,
		`{"extwasm":1,"route":"demo.greet","body":"\u00e9"}`,
		`{"extwasm":1.0,"route":"a","body":1}`,
		`{"extwasm":2,"route":"a"}`,
		`{"extwasm":null,"route":"a"}`,
		`{"extwasm":"1","route":"a"}`,
		`{"extwasm":1,"route":null}`,
		`{"extwasm":1,"route":7}`,
		`{"extwasm":1,"route":"a\u002eb"}`,
		`{"extwasm":1,"route":"a b"}`,
		`{"extwasm":1,"route":""}`,
		`{"extwasm":1,"route":"` + strings.Repeat("r", MaxRouteLen+1) + `"}`,
		`{"extwasm":1,"Route":"a"}`,
		`{"extwasm":1,"route":"a","route":"b"}`,
		`{"extwasm":1,"route":"a","extra":true}`,
		`{"extwasm":1,"route":"a","body":{"__proto__":1}}`,
		`{"extwasm":1,"route":"a","body":[[[[1]]]]}`,
		`{"ext\u0077asm":1,"route":"a"}`,
		`{"greeting":"hello"}`,
		`{}`,
		`null`,
		`{"extwasm":1}`,
		`{"a":{"extwasm":1,"route":"a"}}`,
		`[{"extwasm":1,"route":"a"}]`,
		`{"greeting":"hello","extwasm":1}`,
		`[1,2]`,
		`"extwasm"`,
		`{"extwasm":1,"route":"a"`,
		`{"extwasm":1,"route":"a"} x`,
	} {
		assertSameRequest(t, []byte(in), Limits{MaxBytes: 1 << 10, MaxDepth: 3})
	}
}

func TestOneWalkReplyMatchesTheReference(t *testing.T) {
	for _, in := range []string{
		`{"extwasm":1,"ok":true,"body":{"greeting":"hello"}}`,
		`{"extwasm":1,"ok":true}`,
		`{"extwasm":1,"ok":true,"body":null}`,
		` { "ok" : true , "body" : [ 1 ] , "extwasm" : 1 } `,
		`{"extwasm":1,"ok":true,"error":null}`,
		`{"extwasm":1,"ok":true,"error":{"code":"denied","message":"no"}}`,
		`{"extwasm":1,"ok":false,"error":{"code":"denied","message":"no","chain":["a"]}}`,
		`{"extwasm":1,"ok":false,"body":1,"error":{"code":"denied","message":"no"}}`,
		`{"extwasm":1,"ok":false}`,
		`{"extwasm":1,"ok":"true","body":1}`,
		`{"extwasm":1,"ok":null,"body":1}`,
		`{"extwasm":1,"body":1}`,
		`{"extwasm":2,"ok":true}`,
		`{"extwasm":1,"ok":true,"OK":false}`,
		`{"extwasm":1,"ok":true,"ok":false}`,
		`{"extwasm":1,"ok":true,"body":[[[[1]]]]}`,
		`{"farewell":"goodbye"}`,
		`null`,
	} {
		assertSameReply(t, []byte(in), Limits{MaxBytes: 1 << 10, MaxDepth: 3})
	}
}

// The duplicate-key check compares small objects key by key and larger ones through a map; both
// must find a duplicate wherever it is, and nested objects must not see their parent's keys.
func TestDuplicateKeysAtEverySize(t *testing.T) {
	for _, n := range []int{1, 2, linearKeys - 1, linearKeys, linearKeys + 1, 3 * linearKeys} {
		keys := make([]string, n)
		for i := range keys {
			keys[i] = fmt.Sprintf(`"k%d":{"k%d":1,"inner":[{"k0":2}]}`, i, i)
		}
		obj := "{" + strings.Join(keys, ",") + "}"
		require.NoError(t, Check([]byte(obj), Limits{}), "%d distinct keys", n)
		for _, at := range []int{0, n / 2, n - 1} {
			dup := "{" + strings.Join(keys, ",") + fmt.Sprintf(`,"k%d":0}`, at)
			err := Check([]byte(dup), Limits{})
			require.ErrorIs(t, err, ErrInvalid, "%d keys, duplicate of key %d", n, at)
			assert.Contains(t, err.Error(), fmt.Sprintf(`duplicate key "k%d"`, at))
			escaped := "{" + strings.Join(keys, ",") + fmt.Sprintf(`,"\u006b%d":0}`, at)
			require.ErrorIs(t, Check([]byte(escaped), Limits{}), ErrInvalid, "escaped duplicate, %d keys", n)
		}
	}
}

// The fuzz targets FuzzDecodeRequest and FuzzDecodeReply hold the one-walk decoders to the
// reference on every input they generate; this one does it for inputs near an envelope's shape.
func FuzzOneWalkMatchesTheReference(f *testing.F) {
	f.Add([]byte(`{"extwasm":1,"route":"demo.greet","body":{"name":"x"}}`))
	f.Add([]byte(`{"extwasm":1,"ok":true,"body":{"greeting":"hello"}}`))
	f.Add([]byte(`{"extwasm":1,"ok":false,"error":{"code":"denied","message":"no"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{MaxBytes: 1 << 12, MaxDepth: 8}
		assertSameRequest(t, data, lim)
		assertSameReply(t, data, lim)
	})
}

// The encoders append instead of marshalling the wire structs; their bytes must stay
// encoding/json's.
func TestEncodersWriteWhatEncodingJSONWrites(t *testing.T) {
	bodies := []any{
		nil,
		map[string]any{"html": "<b>&</b>", "n": 1.5, "list": []int{1, 2}},
		json.RawMessage(` { "spaced" : [ 1 , 2 ] } `),
		json.RawMessage(`"<tag>"`),
		"\u2028",
	}
	for _, body := range bodies {
		raw, err := json.Marshal(body)
		require.NoError(t, err)
		route := "a.b/c:d-e_f"
		want, err := json.Marshal(wireRequest{Extwasm: ptr(Version), Route: &route, Body: raw})
		require.NoError(t, err)
		got, err := EncodeRequest(route, body)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))

		want, err = json.Marshal(wireReply{Extwasm: ptr(Version), OK: ptr(true), Body: raw})
		require.NoError(t, err)
		got, err = EncodeReply(body)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
		assert.Equal(t, string(want), string(EncodeReplyJSON(raw)))
	}
}

func TestTypedCheckedDecodesAsTypedDoes(t *testing.T) {
	f := func(_ context.Context, r typedReq) (map[string]any, error) {
		return map[string]any{"a": r.A, "html": "<b>"}, nil
	}
	typed, checked := Typed(f, Limits{}), TypedChecked(f)
	for _, in := range []string{`{"a":1}`, `{"a":-1}`, `{"A":1}`, `{"a":"x"}`, `{"a":1,"b":2}`, `null`} {
		want, wantErr := typed(context.Background(), json.RawMessage(in))
		got, err := checked(context.Background(), json.RawMessage(in))
		if wantErr != nil {
			require.Error(t, err, in)
			assert.Equal(t, wantErr.Error(), err.Error(), in)
			assert.IsType(t, wantErr, err, in)
			continue
		}
		require.NoError(t, err, in)
		// Typed leaves HTML unescaped; TypedChecked writes json.Marshal's form, the reply's.
		assert.JSONEq(t, string(want), string(got), in)
		assert.Contains(t, string(got), `\u003cb\u003e`, in)
	}
}

// Error paths are built only when a value is refused; they must read as they did when every value
// carried its own.
func TestFieldPathsOfOddKeys(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"":["x"]}`, `body.[0]: expected a number, got a string`},
		{`{"a\u0062":[1,"x"]}`, `body.ab[1]: expected a number, got a string`},
		{`{"k":[1],"l":[[2]]}`, `body.l[0]: expected a number, got an array`},
	} {
		var v map[string][]int
		err := Unmarshal([]byte(c.in), &v, Limits{})
		var fe *FieldError
		require.ErrorAs(t, err, &fe, c.in)
		assert.Equal(t, c.want, fe.Error(), c.in)
	}
}

// hasMemberRef is what a raw handler's keys were matched with before: a decode into a map.
func hasMemberRef(data []byte, keys ...string) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil || obj == nil {
		return false
	}
	for _, k := range keys {
		if _, ok := obj[k]; ok {
			return true
		}
	}
	return false
}

func TestHasMember(t *testing.T) {
	for _, c := range []struct {
		data string
		keys []string
		want bool
	}{
		{`{"greeting":"hello"}`, []string{"greeting"}, true},
		{`{"greeting":"hello"}`, []string{"other", "greeting"}, true},
		{`{"greeting":"hello"}`, []string{"Greeting"}, false},
		{`{"gr\u0065eting":1}`, []string{"greeting"}, true},
		{`{"a":{"greeting":1}}`, []string{"greeting"}, false},
		{`[{"greeting":1}]`, []string{"greeting"}, false},
		{`"greeting"`, []string{"greeting"}, false},
		{`null`, []string{"greeting"}, false},
		{`{}`, []string{"greeting"}, false},
		{`{"greeting":1`, []string{"greeting"}, false},
		{``, []string{"greeting"}, false},
		{`{"greeting":1}`, nil, false},
	} {
		assert.Equal(t, c.want, HasMember([]byte(c.data), c.keys...), "%s %q", c.data, c.keys)
		if c.data != "" && c.keys != nil {
			assert.Equal(t, hasMemberRef([]byte(c.data), c.keys...), c.want, "reference: %s %q", c.data, c.keys)
		}
	}
}

// FuzzHasMember holds HasMember to the map decode it replaced, on every input the strict check
// accepts (what the bridge calls it on).
func FuzzHasMember(f *testing.F) {
	f.Add([]byte(`{"greeting":"hello","n":[1,{"greeting":2}]}`), "greeting")
	f.Add([]byte(`{"gr\u0065eting":1}`), "greeting")
	f.Fuzz(func(t *testing.T, data []byte, key string) {
		if Check(data, Limits{MaxBytes: 1 << 12, MaxDepth: 16}) != nil {
			return
		}
		assert.Equal(t, hasMemberRef(data, key), HasMember(data, key), "%q %q", data, key)
	})
}
