// Package bridgetest runs bridge handlers in an in-memory browser, natively and in milliseconds:
// no wasm, no GOOS=js, no Chrome. It is to package bridge what net/http/httptest is to net/http.
//
// A Browser holds the extension under test and its JavaScript contexts: the service worker,
// extension pages, content scripts and user scripts in tabs and frames, other extensions and web
// pages that message it through externally_connectable. Each Context runs the code you would run
// in that context of the real extension, through Run:
//
//	b := bridgetest.NewBrowser()
//	b.Worker().Run(func(ctx context.Context) {
//		bridge.Handle(Lookup, lookup, bridge.AllowContentScripts())
//		bridge.Ready()
//	})
//	b.ContentScript(1, 0, "https://example.com/").Run(func(ctx context.Context) {
//		resp, err := Lookup.Send(ctx, bridge.ToExtension(), LookupReq{Site: "example.com"})
//		...
//	})
//
// Messages and ports are delivered as Chrome delivers them: the receiver sees the MessageSender
// Chrome would build (ID, URL, origin, tab, frame, document), events wait until the receiving
// context calls bridge.Ready, the first reply wins, and failures carry Chrome's own error texts,
// so errors.Is(err, bridge.ErrNoReceiver) and the other sentinels behave as in the browser.
//
// What it does not model: the page's DOM, the chrome.* APIs beyond messaging, and Chrome's service
// worker lifetime (a worker runs until you Stop it). For those, run the extension in hostsim.
package bridgetest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"sync"

	// bridge's init installs wire.NewEndpoint, which makes every Context's endpoint.
	_ "github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/bridge/internal/memchrome"
	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/nativehost"
)

// ExtensionID is the ID of the extension under test in every Browser.
const ExtensionID = "abcdefghijklmnopabcdefghijklmnop"

// Browser is an in-memory browser with the extension under test installed. Its methods Worker,
// Page and ContentScript make contexts of that extension.
type Browser struct {
	*Extension
	mc *memchrome.Browser

	mu   sync.Mutex
	exts map[string]*Extension
}

// NewBrowser returns a browser with the extension under test (ID ExtensionID) installed and no
// context running yet.
func NewBrowser() *Browser {
	b := &Browser{mc: memchrome.New(), exts: map[string]*Extension{}}
	b.Extension = b.OtherExtension(ExtensionID)
	return b
}

// OtherExtension returns the installed extension with the given ID, installing it on first use:
// its contexts message the extension under test with bridge.ToOtherExtension(ExtensionID) and
// arrive as external senders. It panics if id is not an extension ID.
func (b *Browser) OtherExtension(id string) *Extension {
	if !chromefacts.IsExtensionID(id) {
		panic(fmt.Sprintf("bridgetest: %q is not an extension ID (32 letters a-p)", id))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.exts[id]
	if e == nil {
		e = &Extension{b: b, id: id}
		b.exts[id] = e
	}
	return e
}

// WebPage starts a web page at url in frame frameID of tab tabID. It can message extensions that
// list it in externally_connectable (bridge.ToOtherExtension), and its messages arrive as external
// senders with the page's URL and origin.
func (b *Browser) WebPage(tabID, frameID int, url string) *Context {
	return b.start(memchrome.WebPage, "", tabID, frameID, url)
}

// TabLoading opens tab tabID and leaves it loading: no content script runs in it yet. Messages to
// the tab are retried until a content script starts there (ContentScript) or the call's deadline.
func (b *Browser) TabLoading(tabID int) { b.mc.SetTabLoading(tabID) }

// NativeHost is a native messaging host the browser can launch: runtime.sendNativeMessage and
// runtime.connectNative reach it from the worker and extension pages (content scripts and web pages
// cannot use native messaging).
type NativeHost struct {
	// Handler answers each message as nativehost.Serve would, with the real framing, size limits
	// and error replies, and the calling extension's origin as nativehost.CallerFrom reports it.
	// Each message is served on a connection of its own: a handler that replies nothing
	// (nativehost.ErrNoReply) ends the process, which Chrome reports as the host having exited.
	Handler nativehost.Handler
	// Forbidden makes the host refuse the extension, as when its manifest's allowed_origins does
	// not list it.
	Forbidden bool
	// FailsToStart makes launching the host fail.
	FailsToStart bool
}

// InstallNativeHost installs host under name, as a native messaging host manifest would.
func (b *Browser) InstallNativeHost(name string, host NativeHost) {
	mh := memchrome.NativeHost{Handle: serveOne(host.Handler)}
	switch {
	case host.Forbidden:
		mh.LaunchError = chromefacts.ErrNativeHostForbidden
	case host.FailsToStart:
		mh.LaunchError = chromefacts.ErrNativeHostStartFailed
	case host.Handler == nil:
		panic("bridgetest: native host " + name + " has no Handler")
	}
	b.mc.AddNativeHost(name, mh)
}

// serveOne runs h on one framed message with nativehost.Serve and returns its first reply; exit is
// true when the host wrote none.
func serveOne(h nativehost.Handler) func(caller string, msg []byte) (reply []byte, exit bool) {
	return func(caller string, msg []byte) ([]byte, bool) {
		var in, out bytes.Buffer
		if err := nativehost.NewWriterSize(&in, nativehost.MaxBrowserMessageSize).WriteFrame(msg); err != nil {
			return nil, true
		}
		_ = nativehost.Serve(context.Background(), &in, &out, h,
			nativehost.WithCaller(nativehost.Caller{Origin: caller}), nativehost.WithLogger(slog.New(slog.DiscardHandler)))
		reply, err := nativehost.NewReaderSize(&out, nativehost.MaxHostMessageSize).ReadFrame()
		if err != nil {
			return nil, true
		}
		return reply, false
	}
}

func (b *Browser) start(kind memchrome.Kind, ext string, tab, frame int, url string) *Context {
	mc := b.mc.Add(kind, ext, tab, frame, url)
	return &Context{url: url, mc: mc, ep: wire.NewEndpoint(mc, nil)}
}

// Extension is an installed extension: the one under test, or another (Browser.OtherExtension).
type Extension struct {
	b  *Browser
	id string

	mu        sync.Mutex
	worker    *Context
	offscreen *Context
}

// ID is the extension's ID.
func (e *Extension) ID() string { return e.id }

// Worker returns the extension's running service worker, starting one when none runs (at first,
// and after the previous one was stopped). A new worker has no handlers: like Chrome starting the
// worker again, Run its registration code again.
func (e *Extension) Worker() *Context {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.worker == nil || e.worker.stopped() {
		e.worker = e.b.start(memchrome.Worker, e.id, -1, -1, "chrome-extension://"+e.id+"/worker.js")
	}
	return e.worker
}

// UseStructuredClone makes the extension behave as if its manifest set
// "message_serialization": "structured_clone": []byte, time.Time and *big.Int cross as Uint8Array,
// Date and BigInt (and are decoded strictly as such), and messaging with an extension of the other
// format fails with bridge.ErrNotSerializable, as in Chromium. Call it before starting contexts.
func (e *Extension) UseStructuredClone() { e.b.mc.SetStructuredClone(e.id, true) }

// Page starts an extension page (a popup, an options or offscreen page) at path, as
// chrome-extension://<id>/<path>.
func (e *Extension) Page(path string) *Context {
	return e.b.start(memchrome.Page, e.id, -1, -1, "chrome-extension://"+e.id+"/"+path)
}

// OffscreenDocument starts the extension's offscreen document at path, as
// chrome.offscreen.createDocument does: an extension page in no tab, whose messages carry the
// sender Chromium 156 gives it, {id, url, origin} with no tab, frame or document (the popup's
// shape: Sender.Page and bridge.AllowExtensionPages tell them apart by path). Chrome allows one
// offscreen document per extension: while the last one has not been stopped (Stop is
// chrome.offscreen.closeDocument), OffscreenDocument panics with Chrome's "Only a single offscreen
// document may be created.".
func (e *Extension) OffscreenDocument(path string) *Context {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.offscreen != nil && !e.offscreen.stopped() {
		panic("bridgetest: Only a single offscreen document may be created.")
	}
	e.offscreen = e.Page(path)
	return e.offscreen
}

// ContentScript starts the extension's content script in frame frameID (0 is the top frame) of tab
// tabID, on a document at url. The tab counts as loaded from then on.
func (e *Extension) ContentScript(tabID, frameID int, url string) *Context {
	return e.b.start(memchrome.ContentScript, e.id, tabID, frameID, url)
}

// UserScript starts a world of the extension's user scripts (chrome.userScripts, with messaging
// enabled) in frame frameID of tab tabID, on a document at url. What it sends reaches the
// extension on Chrome's user-script channel with a content script's sender: only routes and port
// names given bridge.AllowUserScripts admit it, and bridge.Sender.UserScript reports it.
func (e *Extension) UserScript(tabID, frameID int, url string) *Context {
	return e.b.start(memchrome.UserScript, e.id, tabID, frameID, url)
}

// Context is one JavaScript context of the browser, running bridge code through Run.
type Context struct {
	url string
	mc  *memchrome.Context
	ep  wire.Endpoint

	mu   sync.Mutex
	dead bool
}

// URL is the context's document or script URL.
func (c *Context) URL() string { return c.url }

// Run runs fn as code of this context. Bridge calls that take a context.Context act from this
// context when given ctx (or one derived from it), and package-level registration — bridge.Handle,
// HandleRaw, OnConnect, Ready — registers here while fn runs. Handlers registered here receive
// contexts that act from here too. Runs are serialised process-wide, so fn must not call another
// Context's Run.
func (c *Context) Run(fn func(ctx context.Context)) {
	c.ep.Run(func() { fn(c.ep.Context(context.Background())) })
}

// Context returns a context.Context that acts from this context, for bridge calls made outside Run.
func (c *Context) Context() context.Context { return c.ep.Context(context.Background()) }

// Stop ends the context, as Chrome does when a worker stops or a tab or page closes: its ports
// disconnect (the other end's Port ends with bridge.ErrDisconnected), replies it still owed fail,
// and messages no longer reach it.
func (c *Context) Stop() {
	c.mu.Lock()
	c.dead = true
	c.mu.Unlock()
	c.mc.Stop()
}

func (c *Context) stopped() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dead
}
