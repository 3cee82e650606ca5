package bridge

import (
	"context"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/bridge/internal/memchrome"
)

// The endpoint keeps the last sender it parsed; a handler that changes its sender must not change
// what the next message's handler reads, and a different sender must be parsed afresh.
func TestRememberedSenderIsAFreshCopy(t *testing.T) {
	ep := newEndpoint(memchrome.New().Add(memchrome.Worker, testExtID, -1, -1, "chrome-extension://"+testExtID+"/worker.js"))
	route := NewRoute[benchGreetReq, benchGreetResp]("sender.tab")
	var seen []Sender
	var tabs []Tab // each handler's tab as it arrived, before the handler changed it
	require.NoError(t, handleOn(ep, route, func(ctx context.Context, _ benchGreetReq) (benchGreetResp, error) {
		s, ok := SenderFrom(ctx)
		require.True(t, ok)
		seen = append(seen, s)
		tabs = append(tabs, *s.Tab)
		s.Tab.URL = "changed by the handler"
		s.Tab.ID = -5
		return benchGreetResp{}, nil
	}, AllowContentScripts()))
	msg, err := encodeRequest(ep, route.Name(), benchGreetReq{}, ToExtension())
	require.NoError(t, err)
	other := []byte(`{"id":"` + testExtID + `","url":"http://127.0.0.1:8080/other.html","origin":"http://127.0.0.1:8080","tab":{"id":9,"windowId":1},"frameId":2}`)
	for _, text := range [][]byte{[]byte(benchSender), []byte(benchSender), []byte(benchSender), other, []byte(benchSender)} {
		ep.dispatch(false, msg, text)
	}
	require.Len(t, seen, 5)
	for _, i := range []int{0, 1, 2, 4} {
		require.NotNil(t, seen[i].Tab)
		assert.Equal(t, "http://127.0.0.1:8080/bench.html", seen[i].URL)
		assert.Equal(t, 0, seen[i].FrameID)
		assert.Equal(t, Tab{ID: 7, WindowID: 1, URL: "http://127.0.0.1:8080/bench.html", Title: "bench", Status: "complete"}, tabs[i])
	}
	assert.Equal(t, Tab{ID: 9, WindowID: 1}, tabs[3])
	assert.Equal(t, "http://127.0.0.1:8080/other.html", seen[3].URL)
	assert.Equal(t, 2, seen[3].FrameID)
	_, err = ep.senderOf([]byte(`{"tab":`))
	assert.Error(t, err, "a malformed sender is an error, remembered or not")
}

// Sender.clone copies a Sender deeply only while it holds strings, numbers and *Tab: a new field
// of another kind needs clone to copy it.
func TestSenderCloneCoversEveryField(t *testing.T) {
	plain := func(k reflect.Kind) bool {
		return k == reflect.String || k == reflect.Int || k == reflect.Bool || k == reflect.Float64
	}
	for f := range reflect.TypeFor[Sender]().Fields() {
		if f.Type == reflect.TypeFor[*Tab]() {
			continue
		}
		assert.True(t, plain(f.Type.Kind()), "Sender.%s is a %s: clone does not copy it", f.Name, f.Type)
	}
	for f := range reflect.TypeFor[Tab]().Fields() {
		assert.True(t, plain(f.Type.Kind()), "Tab.%s is a %s: clone does not copy it", f.Name, f.Type)
	}
}
