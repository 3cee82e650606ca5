package bridge

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/envelope"
)

func TestRunnerReusesAnIdleGoroutine(t *testing.T) {
	r := newRunner()
	done := make(chan int)
	r.run(func() { done <- 0 })
	<-done
	for i := 1; i < 10; i++ {
		// A blocking hand-off, which only a parked goroutine can take: run's own hand-off is the
		// same send without waiting.
		r.work <- func() { done <- i }
		assert.Equal(t, i, <-done)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	assert.Equal(t, 1, r.started, "one goroutine served ten messages")
}

func TestRunnerDoesNotWaitForABlockedHandler(t *testing.T) {
	r := newRunner()
	release := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(maxIdleRunners + 3)
	for range maxIdleRunners + 3 {
		r.run(func() { defer wg.Done(); <-release })
	}
	second := make(chan struct{})
	r.run(func() { close(second) })
	<-second // would hang if run waited for a busy goroutine
	r.mu.Lock()
	assert.Equal(t, maxIdleRunners+4, r.started, "every busy goroutine made run start another")
	r.mu.Unlock()
	close(release)
	wg.Wait()
	// Of the eight, at most maxIdleRunners stay parked: each takes one blocking hand-off.
	for range maxIdleRunners {
		ran := make(chan struct{})
		r.work <- func() { close(ran) }
		<-ran
	}
}

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
