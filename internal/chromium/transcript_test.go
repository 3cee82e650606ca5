package chromium

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeRealm answers from a table, so RunSteps is tested without a browser.
type fakeRealm struct {
	name string
	vals map[string]string
	errs map[string]error
}

func (f *fakeRealm) Name() string { return f.name }

func (f *fakeRealm) Eval(_ context.Context, expr string) (json.RawMessage, error) {
	if err, ok := f.errs[expr]; ok {
		return nil, err
	}
	return json.RawMessage(f.vals[expr]), nil
}

func TestRunSteps(t *testing.T) {
	cs := &fakeRealm{name: "cs", vals: map[string]string{"a": `1`}, errs: map[string]error{
		"boom": &JSError{Realm: "cs", Name: "Error", Message: "Could not establish connection. Receiving end does not exist."},
		"dead": errors.New("browser gone"),
	}}
	sw := &fakeRealm{name: "sw", vals: map[string]string{"b": `{"x":true}`}}
	realms := map[string]Realm{"cs": cs, "sw": sw}

	got, err := RunSteps(t.Context(), realms, []Step{{"cs", "a"}, {"sw", "b"}, {"cs", "boom"}})
	require.NoError(t, err)
	b, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"realm":"cs","value":1},{"realm":"sw","value":{"x":true}},
		{"realm":"cs","error":{"name":"Error","message":"Could not establish connection. Receiving end does not exist."}}]`, string(b))

	got, err = RunSteps(t.Context(), realms, []Step{{"cs", "a"}, {"page", "a"}})
	require.ErrorContains(t, err, `realm "page"; have cs, sw`)
	assert.Len(t, got, 1)

	_, err = RunSteps(t.Context(), realms, []Step{{"cs", "dead"}})
	require.ErrorContains(t, err, "browser gone")
}
