// Package parked runs functions on goroutines other than the caller's, reusing goroutines that
// are parked after their last function. It is for callbacks from JavaScript that must not block
// (a message, a call of an exported function): a new goroutine starts with a small stack that the
// work of every message grows again, and in Chromium and hostsim alike that stack copying was a
// visible share of a warm round trip.
package parked

import "sync"

// MaxIdle bounds the goroutines kept parked for the next function: enough for the usual handful
// in flight, few enough that a burst does not leave hundreds behind.
const MaxIdle = 4

// Runner runs each function on its own goroutine, reusing a parked one when one is idle. The
// zero value is not usable; call New.
type Runner struct {
	work chan func() // unbuffered: a send succeeds only when an idle goroutine is waiting

	mu      sync.Mutex
	idle    int
	started int // goroutines started, for tests
}

// New returns a Runner with no goroutine yet.
func New() *Runner { return &Runner{work: make(chan func())} }

// Go calls f on a goroutine other than the caller's, without waiting for a busy one.
func (r *Runner) Go(f func()) {
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

// Started reports how many goroutines Go has started.
func (r *Runner) Started() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.started
}

func (r *Runner) loop(f func()) {
	for {
		f()
		r.mu.Lock()
		if r.idle >= MaxIdle {
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
