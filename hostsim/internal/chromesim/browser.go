// Package chromesim models the extension side of a Chrome profile: installed extensions with their
// service workers, tabs with frames and documents, content scripts in isolated worlds, page main
// worlds, and the message service that connects them (runtime/tabs sendMessage, connect, ports),
// with Chrome's routing, lifetimes, error strings and keepalive rules.
//
// Every JavaScript context is a jsrt realm on one scheduler, so the whole browser runs on one
// goroutine on a virtual clock: every method here must be called from that goroutine.
package chromesim

import (
	"context"
	"fmt"
	"math/rand"
	"sort"
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/nativesim"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// Options configure a Browser.
type Options struct {
	// Seed drives every random choice: Math.random, documentIds, injected latency and faults.
	Seed int64
	// PromiseListeners turns on Promise-returning onMessage listeners and listener errors
	// rejecting the sender (conformance 27–37). Chromium 156 has it on.
	PromiseListeners bool
	// IdleTimeout is how long a service worker lives with no activity (30 s in Chrome).
	IdleTimeout time.Duration
	// RequestTimeout caps one event or request that keeps the worker alive (5 min in Chrome).
	RequestTimeout time.Duration
	// Latency, when set, returns the delay of each hop of a message (from the browser's seeded
	// fault source); per-channel order is kept whatever it returns.
	Latency func(r *rand.Rand) time.Duration
	// Engine compiles wasm for every realm; nil makes a private one.
	Engine *wasmjs.Engine
	// GoJS chooses how every realm runs the gojs imports of wasm_exec.js (see wasmjs.GoJSMode).
	GoJS wasmjs.GoJSMode
	// OnConsole sees every console line of every context.
	OnConsole func(c *Context, level, text string)
	// NativeHostDirs are the directories searched, in order, for native messaging host manifests
	// (<name>.json), like Chrome's NativeMessagingHosts directories.
	NativeHostDirs []string
	// DOM, when set, installs a page's document into a realm of a frame (the page's main world
	// and every isolated world of the frame share one document).
	DOM DOMBinder
	// CoverDir, when set, receives the coverage data of every extension context whose .wasm was
	// built for coverage, as the context ends (see coverage.go).
	CoverDir string
}

// DOMBinder gives realms of a frame their document.
type DOMBinder interface {
	// NewDocument parses a page's HTML at url; the result is passed back to Bind.
	NewDocument(url, html string) (any, error)
	// Bind installs document, window and friends for doc into realm.
	Bind(realm *jsrt.Realm, doc any) error
	// Frames lists the src URLs of the document's iframes, in tree order.
	Frames(doc any) []string
	// Scripts lists the document's script elements that run (a JavaScript type or a module, not a
	// data block), in tree order.
	Scripts(doc any) []PageScript
}

// InlineScript is a page's inline <script>: its text and its nonce attribute.
type InlineScript struct {
	Text, Nonce string
}

// PageScript is a page's <script> element that runs.
type PageScript struct {
	InlineScript
	// HasSrc says the element has a src attribute; Src is it resolved against the document's URL
	// ("" when empty, which fails to load).
	HasSrc bool
	Src    string
	// Async and Defer are the attributes; Module is type="module".
	Async, Defer, Module bool
	// Element is the DOM element, for ScriptDOM.
	Element any
}

// ScriptDOM is what a DOMBinder offers to run external and script-inserted scripts as Chrome does:
// document.currentScript, the element's load and error events, and scripts connected by script.
type ScriptDOM interface {
	// SetCurrentScript sets document.currentScript (el nil for none).
	SetCurrentScript(doc, el any)
	// FireElement dispatches a trusted, non-bubbling event at a script element.
	FireElement(el any, typ string)
	// WatchScripts reports every script element script connects to doc from now on.
	WatchScripts(doc any, fn func(PageScript))
	// HoldAfter takes what follows the script element el out of doc until the returned function
	// runs: what the parser has not produced yet when it runs el.
	HoldAfter(doc, el any) (release func())
	// InlineHandlerPolicy gives doc the page's policy for content-attribute event handlers
	// (onclick="…"): allow is asked before one compiles.
	InlineHandlerPolicy(doc any, allow func(code string) bool)
	// HistoryHost connects doc's History to its tab's session history: change hears pushState
	// (replace false) and replaceState with the document's new URL; length counts the entries.
	HistoryHost(doc any, change func(url string, replace bool) error, length func() int)
}

// Chromium156 is the default profile: the browser chromium.md describes.
func Chromium156() Options {
	return Options{PromiseListeners: true, IdleTimeout: 30 * time.Second, RequestTimeout: 5 * time.Minute}
}

// Browser is one simulated Chrome profile.
type Browser struct {
	opts   Options
	sched  *jsrt.Scheduler
	engine *wasmjs.Engine
	// stores are localStorage and sessionStorage (webstorage.go).
	stores *webStores
	ownEng bool
	host   *jsrt.Realm // runs browser-side timers; never runs script
	faults *rand.Rand

	exts     []*Extension
	extByID  map[string]*Extension
	tabs     map[int]*Tab
	tabOrder []int
	wins     *windowState
	nextTab  int
	nextFrm  int
	nextCtx  int
	nextChan int
	pages    map[string]Page
	routes   []route // Handle's (network.go)

	oneTime  map[int]*oneTime
	channels map[int]*channel
	ends     map[int]*portEnd

	native      *nativesim.Registry
	nativeCalls map[int]*nativeCall

	alarms *alarmManager
	popups map[*Extension]*Frame
	// offscreen are the extensions' offscreen documents (offscreen.go).
	offscreen map[*Extension]*Frame
	// sidePanels are the extensions' side panel options and open panels (sidepanel.go).
	sidePanels map[*Extension]*sidePanelState
	// bookmarks is the profile's bookmark tree (bookmarks.go), made on first use.
	bookmarks *bookmarkTree
	// history is the profile's browsing history (history.go), made on first use.
	history *historyDB
	// cookies is the profile's cookie jar (cookies.go), made on first use.
	cookies *cookieJar
	// downloads is the profile's download list and files (downloads.go), made on first use.
	downloads *downloadsDB
	// dnr are the extensions' declarativeNetRequest rules, dnrBlocked the frames showing a blocked
	// navigation's error page, dnrRequestID the last request id reported, dnrNavHeaders the header
	// rules of navigations about to load (dnr.go).
	dnr           map[*Extension]*dnrState
	dnrBlocked    map[*Frame]string
	dnrRequestID  int
	dnrNavHeaders map[string]dnrOutcome
	// idleState is what chrome.idle reports (idle.go): "active" until a test says otherwise.
	idleState string
	// privacy holds the ChromeSettings extensions set (chromesettings.go), by path.
	privacy map[string]*privacySetting
	// contentRules are the contentSettings rules extensions set (contentsettings.go), by type.
	contentRules map[string][]contentRule
	// hostZoom is the per-origin zoom level by host (zoom.go); absent is the default, 0.
	hostZoom map[string]float64

	Transcript *Transcript
}

// Page is what a URL serves in the simulated web: its HTML, optional main-world script and
// Content-Security-Policy, and the URLs of its child frames when no DOM parser lists them.
type Page struct {
	HTML   string
	Script string
	CSP    string
	Title  string
	Frames []string
}

// New makes an empty browser.
func New(opts Options) (*Browser, error) {
	def := Chromium156()
	if opts.IdleTimeout == 0 {
		opts.IdleTimeout = def.IdleTimeout
	}
	if opts.RequestTimeout == 0 {
		opts.RequestTimeout = def.RequestTimeout
	}
	b := &Browser{
		opts: opts, sched: jsrt.NewScheduler(jsrt.Options{Seed: opts.Seed}),
		faults:  rand.New(rand.NewSource(opts.Seed ^ 0x5eed)),
		extByID: map[string]*Extension{}, tabs: map[int]*Tab{}, pages: map[string]Page{},
		oneTime: map[int]*oneTime{}, channels: map[int]*channel{}, ends: map[int]*portEnd{},
		nextTab: 1, nextFrm: 1, Transcript: &Transcript{},
		native: nativesim.New(nativesim.Options{Dirs: opts.NativeHostDirs}), nativeCalls: map[int]*nativeCall{},
	}
	b.Transcript.now = b.sched.Now
	b.engine = opts.Engine
	if b.engine == nil {
		e, err := wasmjs.NewEngine(wasmjs.EngineOptions{})
		if err != nil {
			return nil, fmt.Errorf("chrome: %w", err)
		}
		b.engine, b.ownEng = e, true
	}
	b.host = b.sched.NewRealm(jsrt.RealmOptions{Name: "browser"})
	return b, nil
}

// Scheduler is the scheduler every realm of the browser runs on.
func (b *Browser) Scheduler() *jsrt.Scheduler { return b.sched }

// Options are the browser's options.
func (b *Browser) Options() Options { return b.opts }

// Close ends every context and releases compiled wasm.
func (b *Browser) Close() error {
	for _, id := range append([]int(nil), b.tabOrder...) {
		if t := b.tabs[id]; t != nil {
			t.closeQuietly()
		}
	}
	for _, f := range b.popups {
		b.ClosePopup(f)
	}
	for e := range b.offscreen {
		b.closeOffscreen(e)
	}
	for e, st := range b.sidePanels {
		delete(b.sidePanels, e)
		for _, v := range st.open {
			b.unload(v.frame)
			v.frame.tab.closed = true
		}
	}
	for _, e := range b.exts {
		if e.worker != nil {
			e.worker.destroy()
			e.worker = nil
		}
	}
	b.host.Close()
	// Host processes must not outlive the browser; Close also reaps them.
	_ = b.native.Close()
	if b.ownEng {
		return b.engine.Close(context.Background())
	}
	return nil
}

// SetPage makes url serve p.
func (b *Browser) SetPage(url string, p Page) { b.pages[url] = p }

// Extensions lists the installed extensions in install order.
func (b *Browser) Extensions() []*Extension { return append([]*Extension(nil), b.exts...) }

// Extension returns the installed extension with id, or nil.
func (b *Browser) Extension(id string) *Extension { return b.extByID[id] }

// Tab returns the open tab with id, or nil.
func (b *Browser) Tab(id int) *Tab {
	t := b.tabs[id]
	if t == nil || t.closed {
		return nil
	}
	return t
}

// Tabs lists the open tabs in opening order.
func (b *Browser) Tabs() []*Tab {
	var out []*Tab
	for _, id := range b.tabOrder {
		if t := b.tabs[id]; t != nil && !t.closed {
			out = append(out, t)
		}
	}
	return out
}

// documentID makes a documentId the way Chrome spells one: 32 upper-case hex digits of a
// random 128-bit token.
func (b *Browser) documentID() string {
	const hexdig = "0123456789ABCDEF"
	var raw [16]byte
	_, _ = b.faults.Read(raw[:])
	out := make([]byte, 32)
	for i, x := range raw {
		out[2*i], out[2*i+1] = hexdig[x>>4], hexdig[x&15]
	}
	return string(out)
}

// hop delays fn by the injected latency and runs it as a task of realm r, keeping the order of
// hops that share the same *lane.
func (b *Browser) hop(lane *time.Duration, r *jsrt.Realm, fn func()) {
	d := time.Duration(0)
	if b.opts.Latency != nil {
		d = b.opts.Latency(b.faults)
	}
	at := b.sched.Now() + d
	if lane != nil {
		if at < *lane {
			at = *lane
		}
		*lane = at
	}
	if at <= b.sched.Now() {
		r.Post(fn)
		return
	}
	b.host.AfterFunc(at-b.sched.Now(), func() { r.Post(fn) })
}

// later runs fn as a browser-side task after d.
func (b *Browser) later(d time.Duration, fn func()) *jsrt.Timer { return b.host.AfterFunc(d, fn) }

// sortedFrames returns a tab's live frames ordered by frame id.
func sortedFrames(t *Tab) []*Frame {
	out := make([]*Frame, 0, len(t.frames))
	for _, f := range t.frames {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}
