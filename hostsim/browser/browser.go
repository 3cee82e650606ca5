// Package browser is a simulated Chrome for testing extensions with plain `go test`: install an
// unpacked extension folder, open tabs with frames, evaluate JavaScript in any context (page,
// content script, service worker, extension page), stop and restart the worker, navigate, close,
// advance the virtual clock, and read a transcript of every message.
//
// The extension's own files run unchanged: its service worker, content scripts and their wasm
// (Go compiled with GOOS=js) run in JavaScript realms on a deterministic scheduler, with chrome.*
// messaging modelled on Chromium 156 (routing, error strings, JSON rules, size limit, worker
// lifetime). A Browser is not safe for concurrent use.
package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"strings"
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/chromesim"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"

	"github.com/extwasm/extwasm/internal/jserror"
)

// Profile is the version-dependent behaviour of the simulated Chrome.
type Profile struct {
	// PromiseListeners: onMessage listeners may answer by returning a Promise, and listener
	// errors reject the sender (Chrome 146/148 and later).
	PromiseListeners bool
	// IdleTimeout stops a service worker with no activity (30 s).
	IdleTimeout time.Duration
	// RequestTimeout stops a worker whose single request or event lasts longer (5 min).
	RequestTimeout time.Duration
}

// Chromium156 is the profile of the Chromium the project checks against; it is the default.
func Chromium156() Profile {
	o := chromesim.Chromium156()
	return Profile{PromiseListeners: o.PromiseListeners, IdleTimeout: o.IdleTimeout, RequestTimeout: o.RequestTimeout}
}

// Options configure a Browser.
type Options struct {
	// Seed makes every random choice (Math.random, documentIds, injected latency) reproducible.
	Seed int64
	// Profile selects version-gated behaviour; the zero value means Chromium156.
	Profile *Profile
	// MinLatency and MaxLatency, when MaxLatency > 0, delay every message hop by a seeded random
	// duration in [MinLatency, MaxLatency]; each channel keeps its order.
	MinLatency, MaxLatency time.Duration
	// EvalBudget is how much virtual time an Eval may let pass while it waits (10 min if zero).
	EvalBudget time.Duration
	// OnConsole, if set, sees every console line of every context.
	OnConsole func(context string, level, text string)
	// NativeHostsDir is where chrome.runtime.sendNativeMessage and connectNative look for host
	// manifests (<name>.json, as nativehost.Install writes them), like Chrome's
	// NativeMessagingHosts directory. Hosts registered with RegisterNativeHost are found first.
	NativeHostsDir string
	// CacheDir is where compiled wasm machine code is kept across test processes, so only the
	// first run after a change compiles (empty: $EXTWASM_CACHE_DIR, else extwasm/wasm under the
	// user's cache directory). NoDiskCache keeps it in memory only. Either way a module is
	// compiled once per process however many browsers, workers and frames run it.
	CacheDir    string
	NoDiskCache bool
	// ReferenceGoJS runs every gojs import of Go modules as wasm_exec.js's JavaScript,
	// interpreted in the context's realm: the reference the default fast mode (the syscall/js
	// imports implemented in Go) is checked against. When false, $HOSTSIM_GOJS ("fast" or
	// "reference") decides; unset is fast.
	ReferenceGoJS bool
	// CoverDir is where extension contexts whose .wasm was built for coverage (extwasmtest does
	// so under go test -cover) leave their coverage data as they end: a worker stopping, a tab or
	// frame going away, the browser closing. The simulator writes the files itself, in the
	// formats of runtime/coverage; the contexts get no file access. Empty: no data is collected.
	CoverDir string
}

// Browser is a simulated Chrome profile.
type Browser struct {
	b      *chromesim.Browser
	budget time.Duration
}

// New starts an empty browser.
func New(opts Options) (*Browser, error) {
	eng, err := wasmjs.Shared(wasmjs.CacheSetting{Dir: opts.CacheDir, Off: opts.NoDiskCache})
	if err != nil {
		return nil, fmt.Errorf("browser: %w", err)
	}
	return newOn(opts, eng)
}

// newOn is New on the given engine.
func newOn(opts Options, eng *wasmjs.Engine) (*Browser, error) {
	p := Chromium156()
	if opts.Profile != nil {
		p = *opts.Profile
	}
	co := chromesim.Options{Engine: eng, GoJS: goJSMode(opts.ReferenceGoJS), Seed: opts.Seed, PromiseListeners: p.PromiseListeners, IdleTimeout: p.IdleTimeout,
		RequestTimeout: p.RequestTimeout, DOM: domBinder(), CoverDir: opts.CoverDir}
	if opts.NativeHostsDir != "" {
		co.NativeHostDirs = []string{opts.NativeHostsDir}
	}
	if opts.MaxLatency > 0 {
		lo, hi := opts.MinLatency, opts.MaxLatency
		if hi < lo {
			return nil, fmt.Errorf("browser: MaxLatency %v is below MinLatency %v", hi, lo)
		}
		co.Latency = func(r *rand.Rand) time.Duration { return lo + time.Duration(r.Int63n(int64(hi-lo)+1)) }
	}
	if opts.OnConsole != nil {
		f := opts.OnConsole
		co.OnConsole = func(c *chromesim.Context, level, text string) { f(c.Name(), level, text) }
	}
	b, err := chromesim.New(co)
	if err != nil {
		return nil, fmt.Errorf("browser: %w", err)
	}
	budget := opts.EvalBudget
	if budget == 0 {
		budget = 10 * time.Minute
	}
	return &Browser{b: b, budget: budget}, nil
}

// Close ends every context and frees compiled code.
func (b *Browser) Close() error { return b.b.Close() }

// Page is what a URL serves in the simulated web: a tab loads it, and fetch gets its HTML.
type Page struct {
	// HTML is the document's markup. Its inline classic scripts (no src; no type, an empty one or
	// a JavaScript MIME type) run in the main world in document order once the document is parsed,
	// before DOMContentLoaded; an exception ends only its own script; the page's CSP blocks them as
	// Chromium does unless it allows 'unsafe-inline', their nonce or their hash. External scripts
	// and module scripts are not loaded.
	HTML string
	// Script runs in the page's main world after the document's own scripts, whatever the CSP.
	Script string
	// CSP is the page's Content-Security-Policy header; it governs wasm in content scripts too.
	CSP string
	// Title is the tab title (the URL when empty).
	Title string
	// Frames are child-frame URLs, when the HTML's iframes should not be used.
	Frames []string
}

// ServePage makes url serve p; a tab opened at a URL nothing serves shows an empty document.
func (b *Browser) ServePage(url string, p Page) {
	b.b.SetPage(url, chromesim.Page{HTML: p.HTML, Script: p.Script, CSP: p.CSP, Title: p.Title, Frames: p.Frames})
}

// Handle makes h serve every URL under pattern in the simulated web, in process, with no socket:
// pattern is an absolute http or https URL — scheme, host, optional port and path, such as
// "https://api.example.com/" or "http://127.0.0.1:8000/api/" — whose path is a prefix when it ends
// in "/" and an exact path otherwise; the longest matching pattern wins, and registering a pattern
// again replaces its handler. Pages set with ServePage keep being served at their URLs (as
// text/html), and a URL on a host with pages or handlers that nothing serves gets a 404; a host
// nothing serves is a network error ("Failed to fetch"). A tab opened or navigated to a handled
// URL shows the body of the handler's GET response as its document (with its
// Content-Security-Policy; redirects are not followed there).
//
// fetch from the service worker, extension pages, content scripts and web pages, and
// XMLHttpRequest from documents, reach the handlers with Chromium 156's rules: an extension's
// worker and pages are exempt from CORS for hosts the extension may access (host_permissions or
// its content scripts' matches) and make CORS requests as chrome-extension://<id> elsewhere;
// content scripts make requests as their page's origin, so cross-origin ones need the server's
// Access-Control-Allow-Origin whatever the extension's permissions, as a web page's do; a
// non-simple CORS request is preflighted with OPTIONS; redirects are followed. The handler runs
// synchronously, in the task after the one that sent the request, and the response settles the
// promise in that task; it must not call back into the browser (Eval, OpenTab, Advance).
// Cookies are the profile's: a response's Set-Cookie is stored and requests carry the Cookie
// header their credentials mode allows (see the README's network section).
func (b *Browser) Handle(pattern string, h http.Handler) error {
	return b.b.Handle(pattern, h)
}

// SetIdleState makes the user "active", "idle" or "locked" as the system would report it to
// chrome.idle, and lets what it starts settle: idle.onStateChanged fires with the new state in
// every extension with the idle permission (waking a stopped worker that listens for it). The
// state starts "active", as headless Chromium reports it; Chromium itself has no such control.
func (b *Browser) SetIdleState(state string) error {
	if err := b.b.SetIdleState(state); err != nil {
		return err
	}
	return b.Settle()
}

// Downloads returns the files chrome.downloads saved, by path relative to the profile's download
// folder ("report.csv", "sub/x.txt"), as copies. hostsim keeps them in memory: a DownloadItem's
// filename is that path under [DownloadDir], which does not exist on the disk.
func (b *Browser) Downloads() map[string][]byte { return b.b.Downloads() }

// DownloadDir is the folder DownloadItem.filename names in hostsim, as ~/Downloads does in Chrome.
const DownloadDir = chromesim.DownloadDir

// Install loads an unpacked extension folder, as "Load unpacked" does; the manifest is checked.
// The worker starts and gets runtime.onInstalled {reason:"install"} before Install returns.
func (b *Browser) Install(dir string) (*Extension, error) {
	e, err := b.b.Install(dir)
	if err != nil {
		return nil, err
	}
	// Installing starts the worker and fires runtime.onInstalled; let that happen before the
	// caller goes on, as it has in Chrome by the time the extension is usable.
	return &Extension{br: b, e: e}, b.Settle()
}

// OpenTab opens a tab at url and lets it load: page scripts and content scripts run.
func (b *Browser) OpenTab(url string) (*Tab, error) {
	t, err := b.b.OpenTab(url)
	if err != nil {
		return nil, err
	}
	if err := b.Settle(); err != nil {
		return nil, err
	}
	return &Tab{br: b, t: t}, nil
}

// Tab returns the open tab with id, or nil.
func (b *Browser) Tab(id int) *Tab {
	t := b.b.Tab(id)
	if t == nil {
		return nil
	}
	return &Tab{br: b, t: t}
}

// Now is the virtual time since the browser started.
func (b *Browser) Now() time.Duration { return b.b.Scheduler().Now() }

// Advance lets d of virtual time pass, running everything due (timers, idle worker shutdown).
func (b *Browser) Advance(d time.Duration) error { return b.b.Advance(context.Background(), d) }

// Settle runs every task due now without moving the clock.
func (b *Browser) Settle() error { return b.b.Settle(context.Background()) }

// Transcript is the record of every message and lifecycle event so far.
func (b *Browser) Transcript() *Transcript { return &Transcript{t: b.b.Transcript} }

// Extension is an installed extension.
type Extension struct {
	br *Browser
	e  *chromesim.Extension
}

// ID is the extension id Chrome derives from the manifest's "key" when it has one, else from the
// folder's path.
func (e *Extension) ID() string { return e.e.ID() }

// Name is the manifest's name.
func (e *Extension) Name() string { return e.e.Name() }

// URL is the chrome-extension:// URL of a file of the extension.
func (e *Extension) URL(path string) string { return e.e.URL(path) }

// Worker is the extension's service worker. Evaluating in it starts it if it is stopped.
func (e *Extension) Worker() *Context { return &Context{br: e.br, worker: e.e} }

// WorkerRunning reports whether the service worker is running.
func (e *Extension) WorkerRunning() bool { return e.e.Worker() != nil }

// StopWorker terminates the service worker now; the next event starts a fresh one.
func (e *Extension) StopWorker() error {
	e.e.StopWorker()
	return e.br.Settle()
}

// Reload reloads the extension: content scripts already injected are orphaned.
func (e *Extension) Reload() error {
	if err := e.e.Reload(); err != nil {
		return err
	}
	return e.br.Settle()
}

// Tab is a browser tab.
type Tab struct {
	br *Browser
	t  *chromesim.Tab
}

// ID is the tab id.
func (t *Tab) ID() int { return t.t.ID() }

// Top is the main frame (frame id 0).
func (t *Tab) Top() *Frame { return &Frame{br: t.br, f: t.t.Top()} }

// Frame returns the frame with id, or nil.
func (t *Tab) Frame(id int) *Frame {
	f := t.t.Frame(id)
	if f == nil {
		return nil
	}
	return &Frame{br: t.br, f: f}
}

// Frames lists the tab's frames by frame id.
func (t *Tab) Frames() []*Frame {
	var out []*Frame
	for _, f := range t.t.Frames() {
		out = append(out, &Frame{br: t.br, f: f})
	}
	return out
}

// Navigate loads url in the main frame as a new document.
func (t *Tab) Navigate(url string) error { return t.Top().Navigate(url) }

// Close closes the tab.
func (t *Tab) Close() error {
	t.br.b.CloseTab(t.t)
	return t.br.Settle()
}

// Frame is a frame of a tab.
type Frame struct {
	br *Browser
	f  *chromesim.Frame
}

// ID is the frame id: 0 for the main frame, positive for child frames.
func (f *Frame) ID() int { return f.f.ID() }

// URL is the current document's URL.
func (f *Frame) URL() string { return f.f.URL() }

// DocumentID is the current document's id, as sender.documentId reports it.
func (f *Frame) DocumentID() string { return f.f.DocumentID() }

// Page is the document's main world: the web page's JavaScript, or the extension page's.
func (f *Frame) Page() *Context { return &Context{br: f.br, c: f.f.Main()} }

// ContentScript is the isolated world of ext in the current document, or nil if ext injected
// nothing here.
func (f *Frame) ContentScript(ext *Extension) *Context {
	c := f.f.ContentScript(ext.e)
	if c == nil {
		return nil
	}
	return &Context{br: f.br, c: c}
}

// Orphans are content scripts whose extension was reloaded while they ran.
func (f *Frame) Orphans() []*Context {
	var out []*Context
	for _, c := range f.f.Orphans() {
		out = append(out, &Context{br: f.br, c: c})
	}
	return out
}

// AddFrame adds a child frame at url, as an inserted <iframe> would.
func (f *Frame) AddFrame(url string) (*Frame, error) {
	nf, err := f.br.b.AddFrame(f.f, url)
	if err != nil {
		return nil, err
	}
	return &Frame{br: f.br, f: nf}, f.br.Settle()
}

// Navigate loads url in this frame as a new document.
func (f *Frame) Navigate(url string) error {
	if err := f.br.b.Navigate(f.f, url); err != nil {
		return err
	}
	return f.br.Settle()
}

// Context is one JavaScript context of the browser.
type Context struct {
	br     *Browser
	c      *chromesim.Context
	worker *chromesim.Extension // set for a service-worker handle: the context is whichever runs
}

// ErrGone is returned when a context no longer exists (document unloaded, worker stopped).
var ErrGone = errors.New("browser: context is gone")

func (c *Context) current(start bool) (*chromesim.Context, error) {
	if c.worker != nil {
		w := c.worker.Worker()
		if w == nil && start {
			c.worker.StartWorker()
			if err := c.br.b.RunUntil(context.Background(), func() bool { return c.worker.Worker() != nil }, time.Second); err != nil {
				return nil, fmt.Errorf("browser: starting the worker of %s: %w", c.worker.Name(), err)
			}
			w = c.worker.Worker()
		}
		if w == nil {
			return nil, ErrGone
		}
		return w, nil
	}
	if c.c == nil {
		return nil, ErrGone
	}
	return c.c, nil
}

// Name says which context this is ("worker[Demo]", "tab 1 frame 0 content[Demo]").
func (c *Context) Name() string {
	if c.worker != nil {
		return "worker[" + c.worker.Name() + "]"
	}
	if c.c == nil {
		return "(none)"
	}
	return c.c.Name()
}

// JSError is an exception thrown, or a promise rejected, by evaluated JavaScript: Realm, Name
// (the constructor's, "TypeError") and Message (the browser's own text).
type JSError = jserror.Error

// Eval evaluates JavaScript in the context — an expression, or a statement list whose value is
// its last expression's, as DevTools' console takes it (declarations stay in the realm) — awaits
// the value if it is a promise (the browser runs meanwhile, on virtual time), and returns it as
// JSON (undefined becomes null). A thrown exception, a rejection or a syntax error is a *JSError.
// A stopped worker is started first. A statement list cannot use top-level await here.
func (c *Context) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	return c.eval(ctx, expr, false)
}

// EvalWithGesture evaluates like Eval, as if the user had just clicked in the context's page: its
// frame gets transient user activation, as DevTools' userGesture gives it in Chromium, so APIs that
// need a user gesture (chrome.sidePanel.open) accept calls made while it lasts. The worker has no
// frame, so cannot take one.
func (c *Context) EvalWithGesture(ctx context.Context, expr string) (json.RawMessage, error) {
	return c.eval(ctx, expr, true)
}

func (c *Context) eval(ctx context.Context, expr string, gesture bool) (json.RawMessage, error) {
	cc, err := c.current(true)
	if err != nil {
		return nil, err
	}
	eval := c.br.b.Eval
	if gesture {
		eval = c.br.b.EvalWithGesture
	}
	raw, err := eval(ctx, cc, expr, c.br.budget)
	var ee *chromesim.EvalError
	if errors.As(err, &ee) {
		return nil, &JSError{Realm: cc.Name(), Name: ee.Name, Message: ee.Message}
	}
	return raw, err
}

// EvalInto evaluates expr like Eval and decodes the JSON result into out.
func (c *Context) EvalInto(ctx context.Context, expr string, out any) error {
	raw, err := c.Eval(ctx, expr)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("browser: %s: decoding %s: %w", c.Name(), raw, err)
	}
	return nil
}

// Alive reports whether the context still exists.
func (c *Context) Alive() bool {
	cc, err := c.current(false)
	return err == nil && cc.Alive()
}

// ConsoleLine is one console call.
type ConsoleLine struct {
	// Level is log, info, debug, warn or error.
	Level string
	// Text is the formatted text.
	Text string
}

// Console returns the context's console output so far.
func (c *Context) Console() []ConsoleLine {
	cc, err := c.current(false)
	if err != nil {
		return nil
	}
	var out []ConsoleLine
	for _, l := range cc.Console() {
		out = append(out, ConsoleLine{Level: l.Level, Text: l.Text})
	}
	return out
}

// ConsoleText returns the console output as lines of "level: text".
func (c *Context) ConsoleText() string {
	var b strings.Builder
	for _, l := range c.Console() {
		b.WriteString(l.Level + ": " + l.Text + "\n")
	}
	return b.String()
}

// Errors returns the uncaught exceptions and unhandled rejections of the context so far.
func (c *Context) Errors() []error {
	cc, err := c.current(false)
	if err != nil {
		return nil
	}
	return cc.Realm().Errors()
}

// goJSMode is the realms' mode for a ReferenceGoJS setting.
func goJSMode(reference bool) wasmjs.GoJSMode {
	if reference {
		return wasmjs.GoJSReference
	}
	return wasmjs.GoJSAuto
}
