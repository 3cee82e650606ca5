package bridge

import (
	"sync"
	"time"

	"github.com/extwasm/extwasm/bridge/internal/wire"
)

// Bounds on what senders can make a context hold. A sender reaches a context only through the
// routes and port names it handles, but it can send faster than the context answers (or before
// Go is ready at all), and Chrome queues nothing on the receiver's behalf; without these bounds the
// glue's buffers and Go's port queues would grow until the context ran out of memory, and WebAssembly
// linear memory never shrinks. Past a bound the message (or port) is refused with a CodeBusy error
// to that sender alone, a rate-limited console warning is written, and everything admitted before
// is still answered.
//
// The glue (extwasm.js) enforces the ones that apply before Go is ready with the same values (a
// test keeps them equal) and gets them again from Go's table at Ready. Sizes are of the message's
// JSON text; the glue counts its characters (UTF-16 code units, never more than its UTF-8 bytes).
// A message is admitted into an empty buffer whatever its size (up to the route's or port's
// MaxBytes, or Chrome's 64 MiB before Go is ready), so a large message that a route accepts is
// never refused for being alone.
const (
	// MaxPendingMessages bounds the one-time messages a context holds unanswered: buffered before
	// Ready, and handed to Go but not yet replied to.
	MaxPendingMessages = 1000
	// MaxPendingBytes bounds the total text of those one-time messages, and, separately, the total
	// text of the port messages a context holds unreceived (in the glue's buffers before Ready, in
	// every Port's queue after).
	MaxPendingBytes = 32 << 20
	// MaxPortQueue bounds the messages one port holds unreceived: an incoming port in the glue
	// before Ready, any Port in its queue (until Receive takes them) after. A port past it gets a
	// busy error message and is disconnected; the messages it had queued can still be received,
	// then Err matches ErrBusy.
	MaxPortQueue = 1000
	// MaxPortQueueBytes bounds the total text of those messages, per port.
	MaxPortQueueBytes = 8 << 20
	// MaxOpenPorts bounds the ports other contexts have open to this one at once; a port opened
	// past it gets a busy error message and is disconnected. Ports this context opens do not count.
	MaxOpenPorts = 1000
)

// glueLimits is the bounds as the glue's table carries them.
var glueLimits = wire.Limits{
	PendingMessages: MaxPendingMessages, PendingBytes: MaxPendingBytes,
	PortQueue: MaxPortQueue, PortQueueBytes: MaxPortQueueBytes, OpenPorts: MaxOpenPorts,
}

// warnEvery is how often a refusal past a bound is logged at most: one line per flood, not one per
// message.
const warnEvery = 10 * time.Second

// limitLog rate-limits the log lines for refusals past a bound.
type limitLog struct {
	mu         sync.Mutex
	last       time.Time
	suppressed int
}

// note logs the refusal described by format unless one was logged within warnEvery; the next line
// logged says how many were not.
func (l *limitLog) note(logf func(string, ...any), format string, args ...any) {
	l.mu.Lock()
	now := time.Now()
	if !l.last.IsZero() && now.Sub(l.last) < warnEvery {
		l.suppressed++
		l.mu.Unlock()
		return
	}
	n := l.suppressed
	l.last, l.suppressed = now, 0
	l.mu.Unlock()
	if n > 0 {
		format += " (and %d more refused since the last such line)"
		args = append(args, n)
	}
	logf(format, args...)
}
