package nativesim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/manifest"
	"github.com/extwasm/extwasm/hostsim/internal/nativeresolve"
	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/nativehost"
)

// Error is a failure as the extension sees it. Error() is Chrome's text, verbatim (one of the
// chromefacts.ErrNative* strings), so the browser model can pass err.Error() straight to lastError,
// a rejection or a port's disconnect. Reason is what Chrome only writes to its own log.
type Error struct {
	// Message is Chrome's text.
	Message string
	// Reason explains the failure; Chrome does not show it to the extension.
	Reason string
	// Err is the underlying cause, when there is one.
	Err error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

func chromeError(msg string, cause error, format string, args ...any) *Error {
	return &Error{Message: msg, Reason: fmt.Sprintf(format, args...), Err: cause}
}

// ErrClosed is returned for a [Conn] the browser has closed, or a [Registry] after Close. It is a
// misuse by the browser model, not something Chrome reports.
var ErrClosed = errors.New("nativesim: closed")

// ErrIdle is returned by [Registry.Wait] when no event is queued and no host process is running
// that could produce one.
var ErrIdle = errors.New("nativesim: no native host in flight")

// Options configure a Registry.
type Options struct {
	// Dirs are the manifest directories searched, in order, for <name>.json, like
	// nativehost.UserDataDir(userDataDir) before the system directory.
	Dirs []string
	// Env is the environment of host processes; nil means the simulator's own.
	Env []string
	// Stderr, when set, also receives everything hosts write to stderr. It is written from other
	// goroutines, so it must be safe for concurrent use.
	Stderr io.Writer
	// KillGrace is how long a host may take to exit once its stdin is closed before it is killed
	// (Chrome gives it 2 seconds; that is the default).
	KillGrace time.Duration
}

// defaultKillGrace is the delay of Chrome's base::EnsureProcessTerminated on POSIX.
const defaultKillGrace = 2 * time.Second

// Request identifies a native messaging call.
type Request struct {
	// Host is the application name the extension passed.
	Host string
	// ExtensionID is the caller's extension ID; the host sees "chrome-extension://<id>/".
	ExtensionID string
	// Manifest is the caller's manifest; it must list the "nativeMessaging" permission. Nil
	// counts as a manifest without it.
	Manifest *manifest.Manifest
}

// Origin returns the caller origin Chrome passes to a host: "chrome-extension://<id>/".
func Origin(extensionID string) string { return "chrome-extension://" + extensionID + "/" }

// Registry knows the native messaging hosts of one simulated browser profile and owns the hosts
// it has started. Its methods are safe for concurrent use, but the browser model is expected to
// call them from its own goroutine; [Registry.Dispatch] runs deliver callbacks there.
type Registry struct {
	opts Options

	mu       sync.Mutex
	funcs    map[string]*funcHost
	queue    []queued
	inflight int // conns backed by a process that may still produce their final event
	procs    map[*proc]struct{}
	closed   bool
	wake     chan struct{}
	wg       sync.WaitGroup
}

type queued struct {
	c  *Conn
	ev Event
}

// New returns a Registry that finds hosts in opts.Dirs and in what RegisterFunc adds.
func New(opts Options) *Registry {
	if opts.KillGrace <= 0 {
		opts.KillGrace = defaultKillGrace
	}
	opts.Dirs = append([]string(nil), opts.Dirs...)
	return &Registry{opts: opts, funcs: map[string]*funcHost{}, procs: map[*proc]struct{}{},
		wake: make(chan struct{}, 1)}
}

// funcHost is a host registered in Go, with the manifest it would have on disk.
type funcHost struct {
	m *nativehost.Manifest
	f HostFunc
}

// RegisterFunc adds a host written in Go under name, reachable by the extensions in
// allowedOrigins (written as in a manifest: "chrome-extension://<id>/"). Name and origins are
// checked with Chrome's manifest rules. A Go host is found before any manifest directory, and
// registering a name again replaces the earlier host for later calls.
func (r *Registry) RegisterFunc(name string, allowedOrigins []string, f HostFunc) error {
	if f == nil {
		return errors.New("nativesim: RegisterFunc with a nil HostFunc")
	}
	m := &nativehost.Manifest{Name: name, Description: "Go host " + name, Type: "stdio",
		Path: "go:" + name, AllowedOrigins: slices.Clone(allowedOrigins)}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("nativesim: host %q: %w", name, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.funcs[name] = &funcHost{m: m, f: f}
	return nil
}

// target is a resolved host: a Go function or an executable.
type target struct {
	fn  *funcHost
	exe string
}

// resolve applies Chrome's checks in Chrome's order: permission, name, existence, allowed origins.
func (r *Registry) resolve(req Request) (target, error) {
	if !chromefacts.ExtensionIDAccepted(req.ExtensionID) {
		return target{}, fmt.Errorf("nativesim: invalid extension ID %q", req.ExtensionID)
	}
	if req.Manifest == nil || !req.Manifest.HasPermission("nativeMessaging") {
		return target{}, chromeError(chromefacts.ErrNativeMessagingPermission, nil,
			"extension %s lacks the nativeMessaging permission", req.ExtensionID)
	}
	if !nativehost.ValidName(req.Host) {
		return target{}, chromeError(chromefacts.ErrNativeHostInvalidName, nil, "invalid host name %q", req.Host)
	}
	origin := Origin(req.ExtensionID)
	r.mu.Lock()
	fh, closed := r.funcs[req.Host], r.closed
	r.mu.Unlock()
	if closed {
		return target{}, ErrClosed
	}
	if fh != nil {
		if !fh.m.Allows(origin) {
			return target{}, chromeError(chromefacts.ErrNativeHostForbidden, nil,
				"origin %q is not in allowed_origins of Go host %s", origin, req.Host)
		}
		return target{fn: fh}, nil
	}
	_, exe, err := nativeresolve.Resolve(req.Host, origin, runtime.GOOS, r.opts.Dirs...)
	if err == nil {
		return target{exe: exe}, nil
	}
	var re *nativeresolve.Error
	reason := err.Error()
	if errors.As(err, &re) {
		reason = re.Reason
	}
	switch {
	case errors.Is(err, nativeresolve.ErrInvalidHostName):
		return target{}, chromeError(chromefacts.ErrNativeHostInvalidName, err, "%s", reason)
	case errors.Is(err, nativeresolve.ErrHostForbidden):
		return target{}, chromeError(chromefacts.ErrNativeHostForbidden, err, "%s", reason)
	default:
		return target{}, chromeError(chromefacts.ErrNativeHostNotFound, err, "%s", reason)
	}
}

// SendNativeMessage is chrome.runtime.sendNativeMessage: it starts a new host for this one message
// and sends it. deliver later gets exactly one event, with Final set: the reply, or an error.
// Resolution and launch failures are returned at once as an [*Error]; deliver is then never
// called. A HostFunc runs before SendNativeMessage returns; its reply is still delivered only by
// [Registry.Dispatch].
func (r *Registry) SendNativeMessage(req Request, msg json.RawMessage, deliver func(Event)) (*Conn, error) {
	return r.open(req, msg, true, deliver)
}

// ConnectNative is chrome.runtime.connectNative: it starts the host for a new port. deliver gets
// the host's messages, then one event with Final set carrying the disconnect error, unless the
// browser closes the conn first. Resolution and launch failures are returned at once as an
// [*Error] (Chrome reports them through the port's onDisconnect).
func (r *Registry) ConnectNative(req Request, deliver func(Event)) (*Conn, error) {
	return r.open(req, nil, false, deliver)
}

func (r *Registry) open(req Request, msg json.RawMessage, oneShot bool, deliver func(Event)) (*Conn, error) {
	if deliver == nil {
		return nil, errors.New("nativesim: nil deliver callback")
	}
	var frame []byte
	if oneShot {
		var err error
		if frame, err = encodeFrame(msg); err != nil {
			return nil, err
		}
	}
	t, err := r.resolve(req)
	if err != nil {
		return nil, err
	}
	c := &Conn{r: r, host: req.Host, origin: Origin(req.ExtensionID), oneShot: oneShot, deliver: deliver,
		stderr: &tail{limit: stderrLimit, also: r.opts.Stderr}}
	if t.fn != nil {
		c.fn = &Host{c: c, f: t.fn.f}
		if oneShot {
			c.fn.call(msg)
		}
		return c, nil
	}
	if err := r.start(c, t.exe, frame); err != nil {
		return nil, err
	}
	return c, nil
}

// push queues ev for c. It reports false when c no longer takes events: the browser closed it (or
// the Registry), or its final event is already queued (so, for a one-shot call, later messages are ignored).
func (r *Registry) push(c *Conn, ev Event) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed || c.closed || c.final {
		return false
	}
	if ev.Final {
		c.final = true
		if c.proc != nil {
			r.inflight--
		}
	}
	r.queue = append(r.queue, queued{c, ev})
	select {
	case r.wake <- struct{}{}:
	default:
	}
	return true
}

// Dispatch delivers every queued event, in the order the hosts produced them, by calling each
// event's deliver callback on the calling goroutine. Events of a conn the browser has closed are
// dropped. It returns how many events it delivered. A callback may call back into the Registry;
// what that queues is delivered by the next Dispatch.
func (r *Registry) Dispatch() int {
	r.mu.Lock()
	q := r.queue
	r.queue = nil
	r.mu.Unlock()
	n := 0
	for _, e := range q {
		r.mu.Lock()
		drop := e.c.closed
		r.mu.Unlock()
		if drop {
			continue
		}
		e.c.deliver(e.ev)
		n++
	}
	return n
}

// Pending reports whether Dispatch has events to deliver.
func (r *Registry) Pending() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.queue) > 0
}

// InFlight is the number of conns backed by a host process that have not yet produced their final
// event and are not closed by the browser: the ones that may still queue events on their own.
func (r *Registry) InFlight() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.inflight
}

// Wait blocks until an event is queued, and returns nil then. It returns [ErrIdle] at once when
// nothing is queued and nothing is in flight, and ctx's error when ctx ends first. Only one
// goroutine (the browser's) should wait at a time.
func (r *Registry) Wait(ctx context.Context) error {
	for {
		r.mu.Lock()
		queued, inflight := len(r.queue), r.inflight
		r.mu.Unlock()
		if queued > 0 {
			return nil
		}
		if inflight == 0 {
			return ErrIdle
		}
		select {
		case <-r.wake:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Close ends every host the Registry started (stdin closed, killed after KillGrace) and waits
// until their processes are reaped and their goroutines gone. Queued events are dropped and later
// calls fail with [ErrClosed].
func (r *Registry) Close() error {
	r.mu.Lock()
	r.closed = true
	r.queue = nil
	procs := make([]*proc, 0, len(r.procs))
	for p := range r.procs {
		procs = append(procs, p)
		if !p.c.closed {
			p.c.closed = true
			if !p.c.final {
				r.inflight--
			}
		}
	}
	r.mu.Unlock()
	for _, p := range procs {
		p.terminate()
	}
	r.wg.Wait()
	return nil
}
