package bridge

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitDone waits for ctx to end; the bound only keeps a broken timer from hanging the test.
func waitDone(t *testing.T, ctx context.Context) {
	t.Helper()
	select {
	case <-ctx.Done():
	case <-time.After(time.Minute):
		require.FailNow(t, "the context never ended")
	}
}

func TestWithTimeoutEndsAsContextWithTimeout(t *testing.T) {
	tests := []struct {
		name string
		end  func(parent context.CancelFunc, cancel context.CancelFunc) // nil: the deadline passes
		d    time.Duration
		want error
	}{
		{name: "deadline passes", d: time.Millisecond, want: context.DeadlineExceeded},
		{name: "parent cancelled", d: time.Hour, end: func(parent, _ context.CancelFunc) { parent() }, want: context.Canceled},
		{name: "released", d: time.Hour, end: func(_, cancel context.CancelFunc) { cancel() }, want: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), ctxKeyForTest{}, "v"))
			defer cancelParent()
			before := time.Now()
			ctx, cancel := withTimeout(parent, tt.d)
			defer cancel()
			dl, ok := ctx.Deadline()
			require.True(t, ok)
			assert.False(t, dl.Before(before.Add(tt.d)))
			assert.Equal(t, "v", ctx.Value(ctxKeyForTest{}))
			if tt.end != nil {
				assert.NoError(t, ctx.Err())
				tt.end(cancelParent, cancel)
			}
			waitDone(t, ctx)
			assert.Equal(t, tt.want, ctx.Err())
			assert.Equal(t, tt.want, ctx.Err(), "Err does not change once set")
			if tt.end == nil {
				assert.False(t, time.Now().Before(dl), "ended before its deadline")
			}
		})
	}
}

type ctxKeyForTest struct{}

// TestWithTimeoutHonoursEachDeadline: the shared timer, armed for a later deadline or for one of
// a send that has ended, still ends each context at its own deadline.
func TestWithTimeoutHonoursEachDeadline(t *testing.T) {
	long, cancelLong := withTimeout(context.Background(), time.Hour)
	defer cancelLong()
	ended, cancelEnded := withTimeout(context.Background(), 2*time.Millisecond)
	cancelEnded()
	short, cancelShort := withTimeout(context.Background(), 5*time.Millisecond)
	defer cancelShort()
	waitDone(t, short)
	assert.Equal(t, context.DeadlineExceeded, short.Err())
	assert.Equal(t, context.Canceled, ended.Err())
	assert.NoError(t, long.Err(), "a later deadline is not ended with an earlier one")
	// A context derived from one ends with it.
	child, cancelChild := context.WithCancel(long)
	defer cancelChild()
	cancelLong()
	waitDone(t, child)
	assert.Equal(t, context.Canceled, child.Err())
}
