package bridge

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type handlerCtxKey struct{}

// A handler's context behaves as context.WithTimeout's would, whichever of Done, Err, the deadline
// and the handler's return comes first.
func TestHandlerContextActsAsWithTimeout(t *testing.T) {
	parent := context.WithValue(context.Background(), handlerCtxKey{}, "v")
	cases := []struct {
		name    string
		timeout time.Duration
		steps   func(ctx context.Context, cancel context.CancelFunc)
		want    error
	}{
		{"canceled before anyone waits", time.Hour, func(_ context.Context, cancel context.CancelFunc) { cancel() }, context.Canceled},
		{"canceled while waited on", time.Hour, func(ctx context.Context, cancel context.CancelFunc) {
			done := ctx.Done()
			cancel()
			<-done
		}, context.Canceled},
		{"deadline reached while waited on", time.Millisecond, func(ctx context.Context, _ context.CancelFunc) { <-ctx.Done() }, context.DeadlineExceeded},
		{"deadline passed before anyone waits", -time.Second, func(context.Context, context.CancelFunc) {}, context.DeadlineExceeded},
		{"deadline passed, then canceled", -time.Second, func(_ context.Context, cancel context.CancelFunc) { cancel() }, context.DeadlineExceeded},
		{"a derived context ends with it", time.Hour, func(ctx context.Context, cancel context.CancelFunc) {
			child, stop := context.WithCancel(ctx)
			defer stop()
			cancel()
			<-child.Done()
			assert.ErrorIs(t, child.Err(), context.Canceled)
		}, context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := time.Now()
			ctx, cancel := newHandlerCtx(parent, c.timeout)
			defer cancel()
			dl, ok := ctx.Deadline()
			require.True(t, ok)
			assert.False(t, dl.Before(before.Add(c.timeout)))
			assert.Equal(t, "v", ctx.Value(handlerCtxKey{}))
			assert.Nil(t, ctx.Value(senderKey{}), "no sender unless one is set")
			assert.Nil(t, ctx.Value(endpointKey{}), "no endpoint unless one is set")
			c.steps(ctx, cancel)
			assert.ErrorIs(t, ctx.Err(), c.want)
			select {
			case <-ctx.Done():
			default:
				t.Fatal("Done is not closed once Err is set")
			}
			cancel()
			assert.ErrorIs(t, ctx.Err(), c.want, "the first end stays")
		})
	}
	t.Run("live until it ends", func(t *testing.T) {
		ctx, cancel := newHandlerCtx(parent, time.Hour)
		defer cancel()
		assert.NoError(t, ctx.Err())
		select {
		case <-ctx.Done():
			t.Fatal("Done closed early")
		default:
		}
	})
}

// A handler's context ends when the handler returns, as it did under context.WithTimeout: work the
// handler leaves behind sees it end.
func TestHandlerContextEndsWhenTheHandlerReturns(t *testing.T) {
	b := newMemBrowser()
	w := b.worker()
	route := NewRoute[benchGreetReq, benchGreetResp]("ctx.end")
	kept := make(chan context.Context, 1)
	require.NoError(t, handleOn(w, route, func(ctx context.Context, _ benchGreetReq) (benchGreetResp, error) {
		kept <- ctx
		return benchGreetResp{}, nil
	}, AllowContentScripts()))
	msg, err := encodeRequest(w, route.Name(), benchGreetReq{}, ToExtension())
	require.NoError(t, err)
	w.dispatch(false, msg, []byte(benchSender))
	ctx := <-kept
	// It carries the endpoint, the sender and nothing else.
	got, err := from(ctx)
	require.NoError(t, err)
	assert.Same(t, w, got)
	s, ok := SenderFrom(ctx)
	require.True(t, ok)
	assert.Equal(t, "http://127.0.0.1:8080/bench.html", s.URL)
	require.NotNil(t, s.Tab)
	assert.Equal(t, 7, s.Tab.ID)
	assert.Nil(t, ctx.Value(handlerCtxKey{}))
	<-ctx.Done()
	assert.ErrorIs(t, ctx.Err(), context.Canceled)
	dl, ok := ctx.Deadline()
	assert.True(t, ok)
	assert.False(t, dl.IsZero())
}
