package envelope

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequestRoundTrip(t *testing.T) {
	data, err := EncodeRequest("demo.greet", map[string]string{"name": "gopher"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"extwasm":1,"route":"demo.greet","body":{"name":"gopher"}}`, string(data))

	req, err := DecodeRequest(data, Limits{})
	require.NoError(t, err)
	assert.Equal(t, "demo.greet", req.Route)
	assert.JSONEq(t, `{"name":"gopher"}`, string(req.Body))
}

func TestRequestWithoutBodyIsNull(t *testing.T) {
	req, err := DecodeRequest([]byte(`{"extwasm":1,"route":"a"}`), Limits{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(req.Body))
}

func TestReplyRoundTrip(t *testing.T) {
	ok, err := EncodeReply(map[string]int{"n": 1})
	require.NoError(t, err)
	r, err := DecodeReply(ok, Limits{})
	require.NoError(t, err)
	assert.True(t, r.OK)
	assert.JSONEq(t, `{"n":1}`, string(r.Body))
	assert.Nil(t, r.Error)

	bad := EncodeError(Error{Code: CodeRemote, Message: "boom", Chain: []string{"a: boom", "boom"}})
	assert.JSONEq(t, `{"extwasm":1,"ok":false,"error":{"code":"remote","message":"boom","chain":["a: boom","boom"]}}`, string(bad))
	r, err = DecodeReply(bad, Limits{})
	require.NoError(t, err)
	assert.False(t, r.OK)
	require.NotNil(t, r.Error)
	assert.Equal(t, Error{Code: CodeRemote, Message: "boom", Chain: []string{"a: boom", "boom"}}, *r.Error)
}

func TestEncodeErrorAlwaysDecodes(t *testing.T) {
	long := strings.Repeat("é", MaxMessageLen) // 2 bytes per rune: must be cut on a rune boundary
	chain := make([]string, MaxChainLen+5)
	for i := range chain {
		chain[i] = long
	}
	data := EncodeError(Error{Code: "bogus", Message: long, Chain: chain})
	r, err := DecodeReply(data, Limits{})
	require.NoError(t, err)
	assert.Equal(t, CodeInternal, r.Error.Code)
	assert.LessOrEqual(t, len(r.Error.Message), MaxMessageLen)
	assert.Len(t, r.Error.Chain, MaxChainLen)
}

func TestEncodeRequestRejectsBadInput(t *testing.T) {
	_, err := EncodeRequest("bad route", nil)
	assert.ErrorIs(t, err, ErrInvalid)
	_, err = EncodeRequest("ok", func() {})
	assert.Error(t, err)
}

func TestDecodeRequestHostile(t *testing.T) {
	deep := strings.Repeat("[", 200) + strings.Repeat("]", 200)
	cases := []struct {
		name string
		in   string
		want error
	}{
		{"empty", ``, ErrInvalid},
		{"not json", `{extwasm:1}`, ErrInvalid},
		{"trailing data", `{"extwasm":1,"route":"a"} {}`, ErrInvalid},
		{"plain object", `{"greeting":"hello"}`, ErrNotEnvelope},
		{"array", `[1,2]`, ErrNotEnvelope},
		{"string", `"extwasm"`, ErrNotEnvelope},
		{"wrong version", `{"extwasm":2,"route":"a"}`, ErrInvalid},
		{"float version", `{"extwasm":1.5,"route":"a"}`, ErrInvalid},
		{"string version", `{"extwasm":"1","route":"a"}`, ErrInvalid},
		{"no route", `{"extwasm":1,"body":{}}`, ErrInvalid},
		{"empty route", `{"extwasm":1,"route":""}`, ErrInvalid},
		{"route with space", `{"extwasm":1,"route":"a b"}`, ErrInvalid},
		{"route not string", `{"extwasm":1,"route":7}`, ErrInvalid},
		{"long route", `{"extwasm":1,"route":"` + strings.Repeat("a", MaxRouteLen+1) + `"}`, ErrInvalid},
		{"unknown field", `{"extwasm":1,"route":"a","admin":true}`, ErrInvalid},
		{"duplicate route", `{"extwasm":1,"route":"a","route":"b"}`, ErrInvalid},
		{"proto key top", `{"extwasm":1,"route":"a","__proto__":{}}`, ErrInvalid},
		{"proto key in body", `{"extwasm":1,"route":"a","body":{"x":[{"__proto__":{"admin":1}}]}}`, ErrInvalid},
		{"escaped proto key", `{"extwasm":1,"route":"a","body":{"\u005f_proto__":1}}`, ErrInvalid},
		{"too deep body", `{"extwasm":1,"route":"a","body":` + deep + `}`, ErrInvalid},
		{"invalid utf8", "{\"extwasm\":1,\"route\":\"a\",\"body\":\"\xff\"}", ErrInvalid},
		{"control char", "{\"extwasm\":1,\"route\":\"a\",\"body\":\"\x01\"}", ErrInvalid},
		{"bad escape", `{"extwasm":1,"route":"a","body":"\x"}`, ErrInvalid},
		{"leading zero", `{"extwasm":1,"route":"a","body":01}`, ErrInvalid},
		{"unterminated", `{"extwasm":1,"route":"a","body":"x`, ErrInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeRequest([]byte(tc.in), Limits{})
			assert.ErrorIs(t, err, tc.want)
		})
	}
}

func TestDecodeReplyHostile(t *testing.T) {
	cases := []struct{ name, in string }{
		{"no ok", `{"extwasm":1,"body":1}`},
		{"ok not bool", `{"extwasm":1,"ok":1}`},
		{"ok with error", `{"extwasm":1,"ok":true,"error":{"code":"invalid","message":"x"}}`},
		{"error with body", `{"extwasm":1,"ok":false,"body":1,"error":{"code":"invalid","message":"x"}}`},
		{"error missing", `{"extwasm":1,"ok":false}`},
		{"unknown code", `{"extwasm":1,"ok":false,"error":{"code":"pwned","message":"x"}}`},
		{"unknown error field", `{"extwasm":1,"ok":false,"error":{"code":"invalid","message":"x","stack":"s"}}`},
		{"long message", `{"extwasm":1,"ok":false,"error":{"code":"invalid","message":"` + strings.Repeat("m", MaxMessageLen+1) + `"}}`},
		{"chain not strings", `{"extwasm":1,"ok":false,"error":{"code":"invalid","message":"x","chain":[1]}}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeReply([]byte(tc.in), Limits{})
			assert.ErrorIs(t, err, ErrInvalid)
		})
	}
}

func TestLimits(t *testing.T) {
	msg := []byte(`{"extwasm":1,"route":"a","body":"` + strings.Repeat("x", 100) + `"}`)
	_, err := DecodeRequest(msg, Limits{MaxBytes: 64})
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Equal(t, CodeTooLarge, CodeOf(err))

	_, err = DecodeRequest(msg, Limits{MaxBytes: len(msg)})
	assert.NoError(t, err)

	nested := []byte(`{"extwasm":1,"route":"a","body":[[[1]]]}`)
	_, err = DecodeRequest(nested, Limits{MaxDepth: 3})
	assert.NoError(t, err, "MaxDepth bounds the body: 3 arrays; the envelope's own object does not count")
	_, err = DecodeRequest(nested, Limits{MaxDepth: 2})
	assert.ErrorIs(t, err, ErrInvalid)
	assert.ErrorContains(t, err, "nesting deeper than 2", "the error names the limit the caller set")
	assert.Equal(t, CodeInvalid, CodeOf(err))
}

func TestCheckAgreesWithEncodingJSON(t *testing.T) {
	valid := []string{`0`, `-0.5e+10`, `"a\u00e9\n"`, `[]`, `{}`, `[1,[2,{"a":null}]]`, ` {"a" : true , "b":false} `}
	for _, v := range valid {
		assert.NoError(t, Check([]byte(v), Limits{}), v)
		assert.True(t, json.Valid([]byte(v)), v)
	}
	invalid := []string{`[1,]`, `{"a":1,}`, `{"a"}`, `[1 2]`, `tru`, `1.`, `.5`, `+1`, `1e`, `"\u12"`, `{1:2}`, `]`}
	for _, v := range invalid {
		assert.ErrorIs(t, Check([]byte(v), Limits{}), ErrInvalid, v)
		assert.False(t, json.Valid([]byte(v)), v)
	}
}

func TestUnmarshalStrict(t *testing.T) {
	var v struct {
		Name string `json:"name"`
	}
	require.NoError(t, Unmarshal([]byte(`{"name":"x"}`), &v, Limits{}))
	assert.Equal(t, "x", v.Name)
	assert.ErrorIs(t, Unmarshal([]byte(`{"name":"x","extra":1}`), &v, Limits{}), ErrInvalid)
	assert.ErrorIs(t, Unmarshal([]byte(`{"name":7}`), &v, Limits{}), ErrInvalid)
}

func TestIsEnvelope(t *testing.T) {
	assert.True(t, IsEnvelope([]byte(`{"a":{"extwasm":1},"extwasm":1}`)))
	assert.False(t, IsEnvelope([]byte(`{"a":{"extwasm":1}}`)), "nested key does not count")
	assert.False(t, IsEnvelope([]byte(`null`)))
}

func TestCodes(t *testing.T) {
	for _, c := range []Code{CodeNoReceiver, CodeDisconnected, CodeDenied, CodeInvalid, CodeTooLarge,
		CodeTimeout, CodeCanceled, CodeNotFound, CodeInternal, CodeRemote, CodeNotSerializable, CodeNative, CodeBusy, CodeUnavailable} {
		assert.True(t, c.Valid(), c)
	}
	assert.False(t, Code("").Valid())
	assert.Equal(t, Code(""), CodeOf(nil))
	assert.Equal(t, CodeInvalid, CodeOf(errors.New("other")))
}

func FuzzDecodeRequest(f *testing.F) {
	f.Add([]byte(`{"extwasm":1,"route":"demo.greet","body":{"name":"x"}}`))
	f.Add([]byte(`{"greeting":"hello"}`))
	f.Add([]byte(`{"extwasm":1,"route":"a","body":{"\u005f_proto__":1}}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		assertSameRequest(t, data, Limits{MaxBytes: 1 << 16, MaxDepth: 16})
		req, err := DecodeRequest(data, Limits{MaxBytes: 1 << 16, MaxDepth: 16})
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrNotEnvelope) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if !json.Valid(data) || !json.Valid(req.Body) {
			t.Fatalf("accepted invalid JSON %q", data)
		}
		if ValidRoute(req.Route) != nil {
			t.Fatalf("accepted bad route %q", req.Route)
		}
		again, err := EncodeRequest(req.Route, req.Body)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if _, err := DecodeRequest(again, Limits{MaxBytes: 1 << 20, MaxDepth: 16}); err != nil {
			t.Fatalf("re-decode of %q: %v", again, err)
		}
	})
}

func FuzzDecodeReply(f *testing.F) {
	f.Add([]byte(`{"extwasm":1,"ok":true,"body":[1]}`))
	f.Add(EncodeError(Error{Code: CodeDenied, Message: "no", Chain: []string{"a"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		assertSameReply(t, data, Limits{MaxBytes: 1 << 16, MaxDepth: 16})
		r, err := DecodeReply(data, Limits{MaxBytes: 1 << 16, MaxDepth: 16})
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrNotEnvelope) {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if r.OK == (r.Error != nil) {
			t.Fatalf("reply must carry exactly one of body and error: %+v", r)
		}
		if r.Error != nil && !r.Error.Code.Valid() {
			t.Fatalf("accepted unknown code %q", r.Error.Code)
		}
	})
}

func FuzzCheck(f *testing.F) {
	f.Add([]byte(`{"a":[1,2,{"b":"c"}]}`))
	f.Add([]byte(`"\ud800"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Check(data, Limits{MaxDepth: 32})
		if err == nil && !json.Valid(data) {
			t.Fatalf("Check accepted invalid JSON %q", data)
		}
	})
}
