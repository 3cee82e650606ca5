package bridge

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/bridge/internal/memchrome"
)

type benchGreetReq struct {
	Name string `json:"name"`
}

type benchGreetResp struct {
	Greeting string `json:"greeting"`
}

// benchSender is a content script's MessageSender as Chrome 156 gives it, tab and all: the
// receiving side parses one of these per message.
const benchSender = `{"documentId":"6A1C2F0B7D8E9F00112233445566778","documentLifecycle":"active","frameId":0,` +
	`"id":"abcdefghijklmnopabcdefghijklmnop","origin":"http://127.0.0.1:8080","tab":{"active":true,` +
	`"audible":false,"autoDiscardable":true,"discarded":false,"favIconUrl":"","frozen":false,"groupId":-1,` +
	`"height":600,"highlighted":true,"id":7,"incognito":false,"index":0,"lastAccessed":1765100000000.5,` +
	`"mutedInfo":{"muted":false},"pinned":false,"selected":true,"splitViewId":-1,"status":"complete",` +
	`"title":"bench","url":"http://127.0.0.1:8080/bench.html","width":800,"windowId":1},` +
	`"url":"http://127.0.0.1:8080/bench.html"}`

// BenchmarkServeGreeting is the receiving side of one warm round trip, as a worker runs it for
// each message: sender, envelope and body decoded, the policy checked, the handler run, the reply
// encoded. Transport and scheduling are left out, so what it reports is the bridge's own work.
func BenchmarkServeGreeting(b *testing.B) {
	ep := newEndpoint(memchrome.New().Add(memchrome.Worker, testExtID, -1, -1, "chrome-extension://"+testExtID+"/worker.js"))
	route := NewRoute[benchGreetReq, benchGreetResp]("bench.greet")
	require.NoError(b, handleOn(ep, route, func(_ context.Context, r benchGreetReq) (benchGreetResp, error) {
		return benchGreetResp{Greeting: "hello, " + r.Name}, nil
	}, AllowContentScripts()))
	msg, err := encodeRequest(ep, route.Name(), benchGreetReq{Name: "bench"}, ToExtension())
	require.NoError(b, err)
	sender := []byte(benchSender)
	want := `{"extwasm":1,"ok":true,"body":{"greeting":"hello, bench"}}`
	require.Equal(b, want, string(ep.dispatch(false, msg, sender)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		ep.dispatch(false, msg, sender)
	}
}

// BenchmarkSendGreeting is the sending side of one warm round trip: the request encoded and the
// reply decoded into the response type.
func BenchmarkSendGreeting(b *testing.B) {
	ep := newEndpoint(memchrome.New().Add(memchrome.ContentScript, testExtID, 7, 0, "http://127.0.0.1:8080/bench.html"))
	route := NewRoute[benchGreetReq, benchGreetResp]("bench.greet")
	reply := []byte(`{"extwasm":1,"ok":true,"body":{"greeting":"hello, bench"}}`)
	b.ReportAllocs()
	for range b.N {
		if _, err := encodeRequest(ep, route.Name(), benchGreetReq{Name: "bench"}, ToExtension()); err != nil {
			b.Fatal(err)
		}
		resp, err := decodeReply[benchGreetResp]("bench", route.Name(), reply)
		if err != nil || resp.Greeting != "hello, bench" {
			b.Fatal(resp, err)
		}
	}
}
