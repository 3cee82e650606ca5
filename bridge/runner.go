package bridge

import "sync"

// maxIdleRunners bounds the goroutines kept parked for the next message: enough for the usual
// handful in flight, few enough that a burst does not leave hundreds behind.
const maxIdleRunners = 4

// runner runs each incoming message's handler on its own goroutine (a handler may block, and the
// JavaScript callback that delivered the message must not), reusing a parked goroutine when one is
// idle. A new goroutine starts with a small stack that the JSON decoding of every message grows again;
// in Chromium that stack copying was a visible share of a warm round trip.
type runner struct {
	work chan func() // unbuffered: a send succeeds only when an idle goroutine is waiting

	mu      sync.Mutex
	idle    int
	started int // goroutines started, for tests
}

func newRunner() *runner { return &runner{work: make(chan func())} }

// run calls f on a goroutine other than the caller's.
func (r *runner) run(f func()) {
	select {
	case r.work <- f:
		return
	default:
	}
	r.mu.Lock()
	r.started++
	r.mu.Unlock()
	go r.loop(f)
}

func (r *runner) loop(f func()) {
	for {
		f()
		r.mu.Lock()
		if r.idle >= maxIdleRunners {
			r.mu.Unlock()
			return
		}
		r.idle++
		r.mu.Unlock()
		f = <-r.work
		r.mu.Lock()
		r.idle--
		r.mu.Unlock()
	}
}
