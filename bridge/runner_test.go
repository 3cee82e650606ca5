package bridge

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/envelope"
)

// TestOuterLimitsFollowNewRoutes: the limits applied before a message's route is known are cached
// per message, and a route added later must widen them.
func TestOuterLimitsFollowNewRoutes(t *testing.T) {
	w := newMemBrowser().worker()
	require.NoError(t, handleOn(w, greet, func(_ context.Context, r greetReq) (greetResp, error) {
		return greetResp{Greeting: "hello, " + r.Name}, nil
	}, AllowContentScripts(), MaxBytes(64)))
	sender, err := json.Marshal(Sender{ID: testExtID, URL: "http://127.0.0.1/", Origin: "http://127.0.0.1", Tab: &Tab{ID: 1}})
	require.NoError(t, err)
	big := []byte(`{"extwasm":1,"route":"demo.big","body":{"name":"` + strings.Repeat("x", 60) + `"}}`)

	r, err := envelope.DecodeReply(w.dispatch(false, big, sender), envelope.Limits{})
	require.NoError(t, err)
	require.NotNil(t, r.Error)
	assert.Equal(t, envelope.CodeTooLarge, r.Error.Code, "over every route's limit")

	bigRoute := NewRoute[greetReq, greetResp]("demo.big")
	require.NoError(t, handleOn(w, bigRoute, func(_ context.Context, r greetReq) (greetResp, error) {
		return greetResp{Greeting: "hello, " + r.Name}, nil
	}, AllowContentScripts(), MaxBytes(1024)))
	r, err = envelope.DecodeReply(w.dispatch(false, big, sender), envelope.Limits{})
	require.NoError(t, err)
	assert.True(t, r.OK, "within the new route's limit: %+v", r.Error)
}
