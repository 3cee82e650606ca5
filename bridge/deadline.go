package bridge

import (
	"context"
	"sync"
	"time"
)

// A send whose context has no deadline gets DefaultTimeout. context.WithTimeout gave each send a
// runtime timer of its own, added and deleted again around every message: under GOOS=js that was
// a sixteenth of a round trip's guest work in hostsim, and in a browser each new deadline also
// made the runtime clear and set a JavaScript timeout whenever Go went idle. Sends share one
// timer instead. It is armed for the earliest deadline when it is not armed already, and left
// alone when a send ends: when it fires it ends the sends that are due and is armed again for the
// next one, so a stream of sends touches it about once per DefaultTimeout.

// defaultTimeout is DefaultTimeout, shorter in tests.
var defaultTimeout = DefaultTimeout

// timeoutCtx is a context whose deadline the shared timer enforces. Its Err is
// context.DeadlineExceeded once the deadline has passed and context.Canceled once its parent is
// cancelled or it is released, as a context.WithTimeout's is; values come from the parent.
type timeoutCtx struct {
	parent   context.Context
	deadline time.Time
	stop     func() bool // stops following the parent's cancellation, when it has any
	ending
}

func (c *timeoutCtx) Deadline() (time.Time, bool) { return c.deadline, true }
func (c *timeoutCtx) Value(key any) any           { return c.parent.Value(key) }

func (c *timeoutCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.doneLocked()
}

func (c *timeoutCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// end ends c with err unless it has ended already.
func (c *timeoutCtx) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.endLocked(err)
}

// sharedTimer ends the timeout contexts of its pending set.
type sharedTimer struct {
	mu      sync.Mutex
	pending map[*timeoutCtx]struct{}
	t       *time.Timer
	armed   bool
	at      time.Time // when t fires, while armed
}

// sendTimer is the one timer of every send without a deadline of its own.
var sendTimer sharedTimer

// withTimeout is context.WithTimeout(parent, d) on the shared timer. The returned function must be
// called once the context is no longer needed.
func withTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	c := &timeoutCtx{parent: parent, deadline: time.Now().Add(d)}
	if parent.Done() != nil {
		if err := parent.Err(); err != nil {
			c.err = err
		} else {
			c.stop = context.AfterFunc(parent, func() { c.end(parent.Err()) })
		}
	}
	s := &sendTimer
	s.mu.Lock()
	if s.pending == nil {
		s.pending = map[*timeoutCtx]struct{}{}
	}
	s.pending[c] = struct{}{}
	if !s.armed || c.deadline.Before(s.at) {
		s.arm(c.deadline)
	}
	s.mu.Unlock()
	return c, func() {
		s.mu.Lock()
		delete(s.pending, c)
		s.mu.Unlock()
		if c.stop != nil {
			c.stop()
		}
		c.end(context.Canceled)
	}
}

// arm makes the timer fire at when; the caller holds mu.
func (s *sharedTimer) arm(when time.Time) {
	s.armed, s.at = true, when
	if s.t == nil {
		s.t = time.AfterFunc(time.Until(when), s.fire)
		return
	}
	s.t.Reset(time.Until(when))
}

// fire ends the contexts whose deadline has passed and arms the timer for the next one.
func (s *sharedTimer) fire() {
	s.mu.Lock()
	now := time.Now()
	var due []*timeoutCtx
	var next time.Time
	for c := range s.pending {
		if !now.Before(c.deadline) {
			due = append(due, c)
			delete(s.pending, c)
		} else if next.IsZero() || c.deadline.Before(next) {
			next = c.deadline
		}
	}
	s.armed = false
	if !next.IsZero() {
		s.arm(next)
	}
	s.mu.Unlock()
	for _, c := range due {
		c.end(context.DeadlineExceeded)
	}
}
