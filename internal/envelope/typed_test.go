package envelope

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type typedReq struct {
	A int `json:"a"`
}

func (r typedReq) Validate() error {
	if r.A < 0 {
		return errors.New("a must not be negative")
	}
	return nil
}

type ptrReq struct {
	S string `json:"s"`
}

func (r *ptrReq) Validate() error {
	if r.S == "" {
		return errors.New("s is required")
	}
	return nil
}

func TestTypedAdapter(t *testing.T) {
	boom := errors.New("boom")
	echo := Typed(func(_ context.Context, r typedReq) (any, error) {
		switch r.A {
		case 7:
			return nil, boom
		case 8:
			return func() {}, nil // not encodable
		}
		return map[string]any{"a": r.A, "html": "<b>&</b>"}, nil
	}, Limits{MaxBytes: 64})
	tests := []struct {
		name    string
		body    string
		want    string
		wantErr any // nil, **RequestError, **ReplyError or the handler's error
	}{
		{"decodes, calls and encodes without HTML escaping", `{"a":1}`, `{"a":1,"html":"<b>&</b>"}`, nil},
		{"duplicate key", `{"a":1,"a":2}`, "", new(*RequestError)},
		{"unknown field", `{"a":1,"b":2}`, "", new(*RequestError)},
		{"over the size limit", `{"a":` + strings.Repeat(" ", 64) + `1}`, "", new(*RequestError)},
		{"value receiver Validate", `{"a":-1}`, "", new(*RequestError)},
		{"handler error as it is", `{"a":7}`, "", boom},
		{"unencodable reply", `{"a":8}`, "", new(*ReplyError)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := echo(context.Background(), json.RawMessage(tc.body))
			switch want := tc.wantErr.(type) {
			case nil:
				require.NoError(t, err)
				assert.Equal(t, tc.want, string(out))
			case error:
				assert.Same(t, want, err)
			default:
				assert.ErrorAs(t, err, want)
			}
		})
	}
}

func TestValidateFindsPointerReceivers(t *testing.T) {
	assert.EqualError(t, Validate(&ptrReq{}), "s is required")
	assert.NoError(t, Validate(&ptrReq{S: "x"}))
	assert.EqualError(t, Validate(&typedReq{A: -1}), "a must not be negative")
	n := 3
	assert.NoError(t, Validate(&n), "a type without Validate passes")
}

func TestTypedKeepsTheDecodersCode(t *testing.T) {
	f := Typed(func(context.Context, typedReq) (int, error) { return 0, nil }, Limits{MaxBytes: 8})
	_, err := f(context.Background(), json.RawMessage(`{"a":   1}`))
	assert.Equal(t, CodeTooLarge, CodeOf(err))
}
