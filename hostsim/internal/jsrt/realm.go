package jsrt

import (
	"errors"
	"io"
	"runtime/debug"
	"time"

	"github.com/dop251/goja"
)

// RealmOptions configure a realm.
type RealmOptions struct {
	// Name identifies the realm in errors and logs ("worker", "tab 1 frame 0 content").
	Name string
	// Stdout and Stderr receive console output (log/info/debug and warn/error); nil discards it.
	Stdout, Stderr io.Writer
	// OnConsole, if set, sees every console call as a level ("log", "info", "debug", "warn",
	// "error") and the formatted text, in addition to the writers.
	OnConsole func(level, text string)
	// Unwinds, if set, names the panics that deliberately unwind out of RunScript, Call and Drain
	// (a program exiting); every other panic there is contained as an *EnginePanic.
	Unwinds func(x any) bool
}

// Realm is one JavaScript context: a goja runtime with the web globals a service worker, a content
// script, a page or a Go program needs, run by its Scheduler.
type Realm struct {
	// VM is the realm's goja runtime. Use it only from the scheduler's goroutine.
	VM *goja.Runtime

	s       *Scheduler
	opts    RealmOptions
	origin  time.Duration
	closed  bool
	onClose []func()
	errs    []error
	noop    goja.Callable

	rejected []*goja.Promise // rejected with no handler yet during the current task

	timers      map[*Timer]struct{} // every armed timer, Go's and JS's
	jsTimers    map[int64]*Timer
	nextTimerID int64
}

// NewRealm creates a realm with the standard globals installed: timers, queueMicrotask, console,
// performance, Date and Math.random on the virtual clock and seed, TextEncoder/TextDecoder,
// crypto.getRandomValues, self and globalThis.
func (s *Scheduler) NewRealm(opts RealmOptions) *Realm {
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	vm := goja.New()
	r := &Realm{VM: vm, s: s, opts: opts, origin: s.now, jsTimers: map[int64]*Timer{}, timers: map[*Timer]struct{}{}}
	vm.SetTimeSource(s.Wall)
	vm.SetRandSource(s.rng.Float64)
	vm.SetFieldNameMapper(goja.UncapFieldNameMapper())
	vm.SetPromiseRejectionTracker(r.trackRejection)
	noop, _ := goja.AssertFunction(vm.ToValue(func() {}))
	r.noop = noop
	installGlobals(r)
	return r
}

// Name is the realm's name.
func (r *Realm) Name() string { return r.opts.Name }

// Scheduler is the scheduler that runs the realm.
func (r *Realm) Scheduler() *Scheduler { return r.s }

// Stdout is where console.log and friends write.
func (r *Realm) Stdout() io.Writer { return r.opts.Stdout }

// Stderr is where console.warn and console.error write.
func (r *Realm) Stderr() io.Writer { return r.opts.Stderr }

// TimeOrigin is the virtual time the realm was created at: performance.now() counts from it.
func (r *Realm) TimeOrigin() time.Duration { return r.origin }

// Post queues fn as a macrotask of this realm. Microtasks it causes run right after it.
// Tasks posted to a closed realm are dropped.
func (r *Realm) Post(fn func()) {
	if r.closed {
		return
	}
	r.s.post(r, fn)
}

// AfterFunc runs fn as a macrotask of this realm after d of virtual time.
func (r *Realm) AfterFunc(d time.Duration, fn func()) *Timer {
	return r.s.addTimer(r, d, fn)
}

// Call calls a JS function. At the top level (not from inside another JS call) the realm's
// microtasks are drained before it returns, as a browser does when a task ends. A panic inside
// the engine is reported as an uncaught error of the realm and returned as an *EnginePanic.
func (r *Realm) Call(fn goja.Callable, this goja.Value, args ...goja.Value) (goja.Value, error) {
	if r.closed {
		return goja.Undefined(), ErrClosed
	}
	if this == nil {
		this = goja.Undefined()
	}
	v := goja.Undefined()
	var err error
	if perr := r.contain(func() { v, err = fn(this, args...) }); perr != nil {
		r.ReportError(perr)
		return goja.Undefined(), perr
	}
	return v, err
}

// RunScript evaluates a classic script in the realm's global scope, like importScripts or a
// <script> element, and drains microtasks afterwards. A panic inside the engine, while compiling
// or running, fails the script with an *EnginePanic (or a SyntaxError for the parser).
func (r *Realm) RunScript(name, src string) (goja.Value, error) {
	if r.closed {
		return goja.Undefined(), ErrClosed
	}
	prg, err := CompileCached("jsrt", name, src, false, Compile)
	if err != nil {
		return goja.Undefined(), err
	}
	v := goja.Undefined()
	if perr := r.contain(func() { v, err = r.VM.RunProgram(prg) }); perr != nil {
		v, err = goja.Undefined(), perr
	}
	r.flushRejections()
	return v, err
}

// Drain runs the pending microtasks now. It is needed after Go code settles a promise outside any
// JS call; inside a JS call it does nothing, because microtasks wait for the call stack to empty.
// A panic inside the engine is reported as an uncaught error of the realm.
func (r *Realm) Drain() {
	if r.closed {
		return
	}
	if err := r.contain(func() { _, _ = r.noop(goja.Undefined()) }); err != nil {
		r.ReportError(err)
	}
}

// ErrClosed is returned when a closed realm is asked to run code.
var ErrClosed = errors.New("jsrt: realm is closed")

// Closed reports whether Close was called.
func (r *Realm) Closed() bool { return r.closed }

// OnClose registers fn to run when the realm closes (to release wasm instances and the like).
func (r *Realm) OnClose(fn func()) { r.onClose = append(r.onClose, fn) }

// Close ends the realm: its timers stop, queued tasks are dropped and the OnClose hooks run in
// reverse order. A task of the realm that is running when it closes finishes its current JS call.
func (r *Realm) Close() {
	if r.closed {
		return
	}
	r.closed = true
	r.s.dropTasks(r)
	for t := range r.timers {
		t.Stop()
	}
	r.jsTimers = nil
	for i := len(r.onClose) - 1; i >= 0; i-- {
		r.onClose[i]()
	}
	r.onClose = nil
}

// Errors are the uncaught exceptions and unhandled rejections seen so far, in order.
func (r *Realm) Errors() []error { return append([]error(nil), r.errs...) }

// ReportError records an uncaught error and prints it to stderr the way a browser console would.
func (r *Realm) ReportError(err error) {
	r.errs = append(r.errs, err)
	r.console("error", "Uncaught "+errorText(err))
}

// runTask runs one macrotask and the microtasks it caused. Whatever it panics with, a program's
// exit included, ends the task only: the scheduler goes on with the next one.
func (r *Realm) runTask(fn func()) {
	defer func() {
		if x := recover(); x != nil {
			r.ReportError(&EnginePanic{Value: x, Stack: debug.Stack()})
		}
	}()
	fn()
	r.Drain()
	r.flushRejections()
}

// trackRejection remembers rejections that have no handler; they are reported when the task ends,
// because a handler attached later in the same task (p.catch after the rejection) handles them.
func (r *Realm) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		r.rejected = append(r.rejected, p)
	case goja.PromiseRejectionHandle:
		for i, q := range r.rejected {
			if q == p {
				r.rejected = append(r.rejected[:i], r.rejected[i+1:]...)
				break
			}
		}
	}
}

func (r *Realm) flushRejections() {
	pending := r.rejected
	r.rejected = nil
	for _, p := range pending {
		r.errs = append(r.errs, &UnhandledRejection{Value: p.Result()})
		r.console("error", "Uncaught (in promise) "+valueText(r.VM, p.Result()))
	}
}

// UnhandledRejection is a promise rejection that had no handler when it happened.
type UnhandledRejection struct{ Value goja.Value }

func (u *UnhandledRejection) Error() string {
	if u.Value == nil {
		return "unhandled rejection: undefined"
	}
	return "unhandled rejection: " + u.Value.String()
}

func errorText(err error) string {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex.Value().String()
	}
	return err.Error()
}
