package bridge

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/envelope"
)

// pageSenderText is what the content script's glue tells Go of a page-world request.
const pageSenderText = `{"url":"http://127.0.0.1:8080/t1/f0","origin":"http://127.0.0.1:8080"}`

// pageWorldEndpoint is a content script with a route for the page world, one for the extension
// and its content scripts at the page's own origin, and one whose handler fails with a chain.
func pageWorldEndpoint(t *testing.T) (*endpoint, *[]Sender) {
	t.Helper()
	ep := newMemBrowser().content(1, 0)
	var seen []Sender
	record := func(ctx context.Context, req greetReq) (greetResp, error) {
		s, ok := SenderFrom(ctx)
		require.True(t, ok)
		seen = append(seen, s)
		return greetResp{Greeting: "hello, " + req.Name}, nil
	}
	require.NoError(t, handleOn(ep, NewRoute[greetReq, greetResp]("pw.greet"), record, AllowPageWorld(), MaxBytes(128)))
	require.NoError(t, handleOn(ep, NewRoute[greetReq, greetResp]("cs.only"), record,
		AllowOwnExtension(), AllowContentScripts(), AllowOrigins("http://127.0.0.1:8080")))
	require.NoError(t, handleOn(ep, NewRoute[greetReq, greetResp]("pw.fail"), func(context.Context, greetReq) (greetResp, error) {
		return greetResp{}, errors.Join(errors.New("lookup failed"), errors.New("/home/user/.vault/k"))
	}, AllowPageWorld()))
	return ep, &seen
}

func TestPageWorldRequests(t *testing.T) {
	cases := []struct {
		name, msg string
		code      envelope.Code // "" for success
	}{
		{"admitted route", `{"extwasm":1,"route":"pw.greet","body":{"name":"page"}}`, ""},
		{"route for content scripts and its origin", `{"extwasm":1,"route":"cs.only","body":{"name":"page"}}`, envelope.CodeNotFound},
		{"no such route", `{"extwasm":1,"route":"nope","body":{}}`, envelope.CodeNotFound},
		{"not an envelope", `{"name":"page"}`, envelope.CodeInvalid},
		{"unknown field", `{"extwasm":1,"route":"pw.greet","body":{"name":"page","admin":true}}`, envelope.CodeInvalid},
		{"over MaxBytes", `{"extwasm":1,"route":"pw.greet","body":{"name":"` + strings.Repeat("x", 200) + `"}}`, envelope.CodeTooLarge},
		{"duplicate key", `{"extwasm":1,"route":"pw.greet","body":{"name":"a","name":"b"}}`, envelope.CodeInvalid},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ep, seen := pageWorldEndpoint(t)
			r, err := envelope.DecodeReply(ep.dispatchPage([]byte(tc.msg), []byte(pageSenderText)), envelope.Limits{})
			require.NoError(t, err)
			if tc.code != "" {
				require.False(t, r.OK)
				assert.Equal(t, tc.code, r.Error.Code, r.Error.Message)
				assert.Empty(t, *seen, "a refused request never reaches a handler")
				return
			}
			require.True(t, r.OK)
			assert.JSONEq(t, `{"greeting":"hello, page","from":""}`, string(r.Body))
			require.Len(t, *seen, 1)
			s := (*seen)[0]
			assert.True(t, s.PageWorld())
			assert.Equal(t, Sender{URL: "http://127.0.0.1:8080/t1/f0", Origin: "http://127.0.0.1:8080", pageWorld: true}, s)
		})
	}
}

// TestPageWorldRoutesAdmitOnlyThePageWorld: AllowPageWorld admits nobody else, and a sender's JSON
// cannot claim to be the page world.
func TestPageWorldRoutesAdmitOnlyThePageWorld(t *testing.T) {
	ep, seen := pageWorldEndpoint(t)
	senders := map[string]string{
		"own content script":               `{"id":"` + testExtID + `","url":"http://127.0.0.1:8080/t1/f0","origin":"http://127.0.0.1:8080","tab":{"id":1},"frameId":0}`,
		"own extension":                    `{"id":"` + testExtID + `"}`,
		"a sender claiming the page world": `{"id":"` + testExtID + `","url":"http://127.0.0.1:8080/","origin":"http://127.0.0.1:8080","pageWorld":true}`,
	}
	for name, sender := range senders {
		t.Run(name, func(t *testing.T) {
			reply := ep.dispatch(false, []byte(`{"extwasm":1,"route":"pw.greet","body":{"name":"x"}}`), []byte(sender))
			r, err := envelope.DecodeReply(reply, envelope.Limits{})
			require.NoError(t, err)
			require.False(t, r.OK)
			assert.Equal(t, envelope.CodeDenied, r.Error.Code)
		})
	}
	assert.Empty(t, *seen)
}

func TestPageWorldSeesNoErrorChain(t *testing.T) {
	ep, _ := pageWorldEndpoint(t)
	for _, sender := range []string{pageSenderText, `{}`} { // an empty one looks like the extension's own sender otherwise
		r, err := envelope.DecodeReply(ep.dispatchPage([]byte(`{"extwasm":1,"route":"pw.fail","body":{"name":"x"}}`), []byte(sender)), envelope.Limits{})
		require.NoError(t, err)
		require.False(t, r.OK)
		assert.Empty(t, r.Error.Chain, sender)
	}
}

func TestPageWorldTarget(t *testing.T) {
	ep := newMemBrowser().content(1, 0)
	require.NoError(t, ep.Ready())
	_, err := connectOn(ctxT(t), ep, ToPageWorld(), "p")
	assert.ErrorIs(t, err, ErrInvalid)
	_, err = sendOn(ctxT(t), ep, NewRoute[greetReq, greetResp]("page.greet"), ToPageWorld(), greetReq{Name: "x"})
	assert.ErrorIs(t, err, ErrNoReceiver, "the in-memory browser has no page world")
	assert.Equal(t, "page world", ToPageWorld().String())
}

// FuzzPageWorldRequest: whatever the page world sends, the reply is an envelope, and a handler
// runs only for a request that names an admitted route and decodes strictly into its type.
func FuzzPageWorldRequest(f *testing.F) {
	f.Add([]byte(`{"extwasm":1,"route":"pw.greet","body":{"name":"page"}}`))
	f.Add([]byte(`{"extwasm":1,"route":"cs.only","body":{"name":"page"}}`))
	f.Add([]byte(`{"extwasm":1,"route":"pw.fail","body":{"name":"x"}}`))
	f.Add([]byte(`{"extwasm":1,"route":"pw.greet","body":{"name":"a","__proto__":{}}}`))
	f.Add([]byte(`[1,2,3]`))
	f.Fuzz(func(t *testing.T, msg []byte) {
		ep, seen := pageWorldEndpoint(t)
		r, err := envelope.DecodeReply(ep.dispatchPage(msg, []byte(pageSenderText)), envelope.Limits{})
		require.NoError(t, err, "the reply to %q", msg)
		for _, s := range *seen {
			assert.True(t, s.PageWorld())
		}
		if len(*seen) == 0 {
			return
		}
		req, err := envelope.DecodeRequest(msg, envelope.Limits{MaxBytes: 128, MaxDepth: DefaultMaxDepth})
		require.NoError(t, err, "a handler ran for %q", msg)
		assert.Equal(t, "pw.greet", req.Route)
		var body greetReq
		assert.NoError(t, envelope.Unmarshal(req.Body, &body, envelope.Limits{MaxBytes: 128, MaxDepth: DefaultMaxDepth}))
		assert.True(t, r.OK)
	})
}
