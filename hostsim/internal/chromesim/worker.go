package chromesim

import (
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

// keepalive is Chrome's accounting of what keeps a service worker alive (conformance 102–105):
// activity (an event dispatched, an extension API called, a port message) restarts the idle
// timer; a one-time channel holds the worker for its whole life, capped per request.
type keepalive struct {
	ext   *Extension
	holds map[*oneTime]time.Duration
	// order lists the holds as acquired, so in time order (the clock never goes back): the
	// earliest live one is found at the front, without a scan per event (a flood of requests
	// made that quadratic). Entries released or acquired again since are skipped there.
	order []heldSince
	// strong are the native ports the worker opened: each keeps it alive with no timeout.
	strong map[*nativeCall]bool
	// inspected counts the evaluations in progress in the worker (Browser.Eval): each keeps it
	// alive with no timeout, as Chromium 156 does while DevTools evaluates there (measured: a
	// 40 s evaluation in a worker completed; extwasmtest's TestWaitForKeepsTheWorkerAlive).
	inspected int
	last      time.Duration
	timer     *jsrt.Timer
}

func (k *keepalive) activity(b *Browser) {
	k.last = b.sched.Now()
	k.schedule(b)
}

func (k *keepalive) acquire(b *Browser, ot *oneTime) {
	if k.holds == nil {
		k.holds = map[*oneTime]time.Duration{}
	}
	k.holds[ot] = b.sched.Now()
	k.order = append(k.order, heldSince{ot, b.sched.Now()})
	k.schedule(b)
}

func (k *keepalive) release(b *Browser, ot *oneTime) {
	if _, ok := k.holds[ot]; !ok {
		return
	}
	delete(k.holds, ot)
	if len(k.holds) == 0 {
		k.order = k.order[:0]
	}
	// The idle countdown starts again when the last request ends.
	k.activity(b)
}

// inspect counts an evaluation in the worker starting (+1) or ending (-1); the idle countdown
// starts again when the last one ends.
func (k *keepalive) inspect(b *Browser, d int) {
	k.inspected += d
	if d < 0 {
		k.activity(b)
		return
	}
	k.schedule(b)
}

func (k *keepalive) hold(b *Browser, nc *nativeCall) {
	if k.strong == nil {
		k.strong = map[*nativeCall]bool{}
	}
	k.strong[nc] = true
	k.schedule(b)
}

func (k *keepalive) unhold(b *Browser, nc *nativeCall) {
	if !k.strong[nc] {
		return
	}
	delete(k.strong, nc)
	k.activity(b)
}

// deadline is when the worker will be stopped if nothing happens, and why.
func (k *keepalive) deadline(b *Browser) (time.Duration, string) {
	if len(k.strong) > 0 || k.inspected > 0 {
		return -1, ""
	}
	if len(k.holds) == 0 {
		return k.last + b.opts.IdleTimeout, "idle"
	}
	for {
		h := k.order[0]
		if at, ok := k.holds[h.ot]; ok && at == h.at {
			return h.at + b.opts.RequestTimeout, "request timeout"
		}
		k.order[0] = heldSince{}
		k.order = k.order[1:]
	}
}

// heldSince is one hold in keepalive.order.
type heldSince struct {
	ot *oneTime
	at time.Duration
}

func (k *keepalive) schedule(b *Browser) {
	if k.timer != nil {
		k.timer.Stop()
		k.timer = nil
	}
	if k.ext.worker == nil {
		return
	}
	at, why := k.deadline(b)
	if at < 0 {
		return
	}
	k.timer = b.later(at-b.sched.Now(), func() {
		k.timer = nil
		if k.ext.worker == nil {
			return
		}
		if now, _ := k.deadline(b); now < 0 || now > b.sched.Now() {
			k.schedule(b)
			return
		}
		k.ext.stopWorker(why)
	})
}

func (k *keepalive) reset() {
	if k.timer != nil {
		k.timer.Stop()
		k.timer = nil
	}
	k.holds = nil
	k.order = nil
	k.strong = nil
	k.inspected = 0
}

// withWorker runs fn with the running worker, starting it first if needed (a message to a stopped
// worker wakes it, conformance 17 and 107). fn gets nil if the worker cannot start.
func (e *Extension) withWorker(fn func(*Context)) {
	if e.worker != nil && !e.starting {
		fn(e.worker)
		return
	}
	e.waiters = append(e.waiters, fn)
	if !e.starting {
		e.startWorker()
	}
}

// StartWorker starts the service worker if it is not running, as an event would.
func (e *Extension) StartWorker() { e.withWorker(func(*Context) {}) }

func (e *Extension) startWorker() {
	b := e.b
	if e.man.ServiceWorker == "" {
		e.failWaiters()
		return
	}
	e.keep.ext = e
	url := e.URL(e.man.ServiceWorker)
	c, err := b.newContext(Worker, e, nil, url)
	if err != nil {
		b.Transcript.add(Entry{Kind: "worker-start", To: "worker[" + e.name + "]", Outcome: "failed: " + err.Error()})
		e.failWaiters()
		return
	}
	e.worker, e.starting = c, true
	b.Transcript.add(Entry{Kind: "worker-start", From: "browser", To: c.name})
	// The script's first evaluation is one task; events are dispatched after it (conformance 109),
	// so listeners added later (after an await, in a callback) miss the waking event.
	c.realm.Post(func() {
		code, err := e.readFile(e.man.ServiceWorker)
		if err != nil {
			c.realm.ReportError(err)
			return
		}
		if e.man.ServiceWorkerModule {
			_ = c.runModule(url, url, string(code))
		} else {
			_ = c.runScript(url, string(code))
		}
	})
	c.realm.Post(func() {
		e.starting = false
		e.keep.activity(b)
		ws := e.waiters
		e.waiters = nil
		for _, fn := range ws {
			fn(c)
		}
	})
}

func (e *Extension) failWaiters() {
	ws := e.waiters
	e.waiters = nil
	e.starting = false
	for _, fn := range ws {
		fn(nil)
	}
}

// StopWorker stops the service worker now, as chrome://serviceworker-internals or DevTools would.
func (e *Extension) StopWorker() {
	if e.worker != nil {
		e.stopWorker("stopped by test")
	}
}

// stopWorker terminates the worker: its state is lost, its ports disconnect without lastError,
// and replies it promised fail (conformance 106, 110).
func (e *Extension) stopWorker(why string) {
	w := e.worker
	if w == nil {
		return
	}
	e.b.Transcript.add(Entry{Kind: "worker-stop", From: "browser", To: w.name, Outcome: why})
	e.worker = nil
	e.keep.reset()
	w.stopped = why
	w.destroy()
	if e.starting {
		e.failWaiters()
	}
}
