package bridge

import (
	"context"
	"sync"
	"time"
)

// handlerCtx is a handler's context: its endpoint and sender (SenderFrom), its parent's values, a
// deadline HandlerTimeout away, and an end when the handler returns. It answers for the endpoint
// and the sender itself rather than through two context.WithValue layers made for each message. context.WithTimeout would start a timer for every message, and
// most handlers never wait on their context; this one starts its timer only when Done is first
// called, and reads the clock in Err otherwise, so a handler sees what WithTimeout gives it.
type handlerCtx struct {
	context.Context // values only: the parent is never canceled
	deadline        time.Time
	ep              *endpoint // nil: none, as the parent says
	sender          Sender    // when hasSender
	hasSender       bool

	ending
	timer *time.Timer // started by the first Done
}

// ending is how a context of the bridge's own ends: its error once it has, and its Done channel,
// made only when someone asks for it (most contexts end without anyone waiting on them). The
// embedding context holds mu around both methods.
type ending struct {
	mu   sync.Mutex
	done chan struct{}
	err  error
}

// closedChan is the Done of a context that ended before anyone asked for it.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// doneLocked returns the Done channel, making it on first use (already closed if the context has
// ended).
func (e *ending) doneLocked() chan struct{} {
	if e.done == nil {
		if e.err != nil {
			e.done = closedChan
		} else {
			e.done = make(chan struct{})
		}
	}
	return e.done
}

// endLocked ends the context with err and reports true, unless it has ended already.
func (e *ending) endLocked(err error) bool {
	if e.err != nil {
		return false
	}
	e.err = err
	if e.done != nil {
		close(e.done)
	}
	return true
}

func newHandlerCtx(parent context.Context, timeout time.Duration) (*handlerCtx, context.CancelFunc) {
	c := &handlerCtx{Context: parent, deadline: time.Now().Add(timeout)}
	return c, func() {
		err := context.Canceled
		if !time.Now().Before(c.deadline) {
			err = context.DeadlineExceeded // the deadline came first, unseen
		}
		c.end(err)
	}
}

func (c *handlerCtx) Deadline() (time.Time, bool) { return c.deadline, true }

func (c *handlerCtx) Value(key any) any {
	switch key.(type) {
	case endpointKey:
		if c.ep != nil {
			return c.ep
		}
	case senderKey:
		if c.hasSender {
			return c.sender
		}
	}
	return c.Context.Value(key)
}

func (c *handlerCtx) Done() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done != nil {
		return c.done
	}
	if c.err == nil && !time.Now().Before(c.deadline) {
		c.err = context.DeadlineExceeded
	}
	done := c.doneLocked()
	if c.err == nil {
		c.timer = time.AfterFunc(time.Until(c.deadline), func() { c.end(context.DeadlineExceeded) })
	}
	return done
}

func (c *handlerCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil && !time.Now().Before(c.deadline) {
		c.endLocked(context.DeadlineExceeded)
	}
	return c.err
}

// end finishes the context with err unless it has already ended.
func (c *handlerCtx) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.endLocked(err)
}

func (c *handlerCtx) endLocked(err error) {
	if c.ending.endLocked(err) && c.timer != nil {
		c.timer.Stop()
	}
}

func (c *handlerCtx) String() string { return "bridge handler context" }
