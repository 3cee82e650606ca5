package chromesim

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/url"
	"os"
	"path"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/chromeclone"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/manifest"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

//go:embed prelude.js
var preludeSrc string

var prelude = goja.MustCompile("chrome-prelude.js", preludeSrc, true)

// preludeErrors are the Chrome error texts the prelude throws or reports itself.
var preludeErrors = map[string]string{
	"contextInvalidated":       chromefacts.ErrContextInvalidated,
	"invocationPrefix":         chromefacts.InvocationErrorPrefix,
	"disconnectedPort":         chromefacts.ErrDisconnectedPort,
	"messageTooLarge":          chromefacts.ErrMessageTooLarge,
	"portClosedBeforeResponse": chromefacts.ErrPortClosedBeforeResponse,
}

// Kind says what a JavaScript context is.
type Kind int

// The kinds of context the browser runs.
const (
	// Worker is an extension's service worker.
	Worker Kind = iota
	// ContentScript is an extension's isolated world in a frame.
	ContentScript
	// ExtensionPage is a chrome-extension:// document in a frame.
	ExtensionPage
	// WebPage is a web page's main world.
	WebPage
	// UserScript is a USER_SCRIPT world of chrome.userScripts in a frame: like an isolated world,
	// but its chrome object has only chrome.runtime, with messaging only when the world's
	// configuration enables it.
	UserScript
)

func (k Kind) String() string {
	return [...]string{"worker", "content", "extension page", "page", "user script"}[k]
}

// ConsoleLine is one console call of a context.
type ConsoleLine struct {
	Level, Text string
}

// Context is one JavaScript context: a realm plus what Chrome knows about it.
type Context struct {
	// modules is the realm's module map: ES modules by URL (modules.go).
	modules map[string]*goja.Object
	// installed are the namespaces whose JavaScript half ran in the context (api.go).
	installed map[*api]bool
	b         *Browser
	id        int
	kind      Kind
	ext       *Extension // nil for web pages
	frame     *Frame     // nil for workers
	url       string
	origin    string
	name      string
	realm     *jsrt.Realm
	clone     *chromeclone.Realm
	wasm      *wasmjs.Host
	js        *goja.Object
	fns       map[string]goja.Callable
	console   []ConsoleLine
	dead      bool
	invalid   bool
	// stopped says why a worker was stopped ("idle", "request timeout", "stopped by test"), for the
	// error of an evaluation it cuts short.
	stopped string
	// lane keeps this context's outgoing hops in order.
	lane int64
	// contextID is runtime.getContexts' contextId, made on first use.
	contextID string
	// windowOf is how this realm sees a frame's window (installFrameWindows): its global object
	// for its own frame, a stand-in for another.
	windowOf func(*Frame) goja.Value
	// userWorldID is a UserScript world's id ("" for the default world); userMessaging is
	// whether its configuration gave it runtime messaging when it was made.
	userWorldID   string
	userMessaging bool
}

// Kind is what the context is.
func (c *Context) Kind() Kind { return c.kind }

// Name names the context in transcripts and errors, e.g. "tab 1 frame 0 content[Demo]".
func (c *Context) Name() string { return c.name }

// URL is the context's document or script URL.
func (c *Context) URL() string { return c.url }

// Extension is the extension the context belongs to (nil for web pages).
func (c *Context) Extension() *Extension { return c.ext }

// Frame is the frame the context lives in (nil for a worker).
func (c *Context) Frame() *Frame { return c.frame }

// Realm is the context's JavaScript realm.
func (c *Context) Realm() *jsrt.Realm { return c.realm }

// GoValues reports how many JavaScript values the context's Go modules hold references to; ok is
// false when it cannot tell (see wasmjs.Host.GoValues).
func (c *Context) GoValues() (n int, ok bool) {
	if c.wasm == nil {
		return 0, true
	}
	return c.wasm.GoValues()
}

// Alive reports whether the context still runs (not stopped, navigated away or closed).
func (c *Context) Alive() bool { return !c.dead }

// Invalidated reports whether the context's extension was reloaded under it.
func (c *Context) Invalidated() bool { return c.invalid }

// Console returns the console lines so far.
func (c *Context) Console() []ConsoleLine { return append([]ConsoleLine(nil), c.console...) }

func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "null"
	}
	switch u.Scheme {
	case "http", "https", "chrome-extension", "ws", "wss", "ftp":
		return u.Scheme + "://" + u.Host
	}
	return "null"
}

// newContext makes the realm and installs the chrome.* bindings appropriate for kind.
func (b *Browser) newContext(kind Kind, ext *Extension, frame *Frame, rawURL string) (*Context, error) {
	return b.newContextWith(kind, ext, frame, rawURL, nil)
}

// newContextWith is newContext with init run on the context before its realm and bindings are
// made, for what they depend on beyond the kind (a user-script world's configuration).
func (b *Browser) newContextWith(kind Kind, ext *Extension, frame *Frame, rawURL string, init func(*Context)) (*Context, error) {
	b.nextCtx++
	c := &Context{b: b, id: b.nextCtx, kind: kind, ext: ext, frame: frame, url: rawURL, origin: originOf(rawURL)}
	if init != nil {
		init(c)
	}
	c.name = b.contextName(c)
	c.realm = b.sched.NewRealm(jsrt.RealmOptions{Name: c.name, OnConsole: func(level, text string) {
		c.console = append(c.console, ConsoleLine{level, text})
		if b.opts.OnConsole != nil {
			b.opts.OnConsole(c, level, text)
		}
	}})
	host, err := wasmjs.Install(c.realm.VM, b.engine, wasmjs.Options{Fetch: c.fetch, Nudge: b.sched.Nudge, GoJS: b.opts.GoJS})
	if err != nil {
		c.realm.Close()
		return nil, fmt.Errorf("chrome: %s: %w", c.name, err)
	}
	c.wasm = host
	c.realm.OnClose(func() { _ = host.Close(context.Background()) })
	if err := c.installCloner(); err != nil {
		c.realm.Close()
		return nil, fmt.Errorf("chrome: %s: %w", c.name, err)
	}
	if err := c.installStructuredClone(); err != nil {
		c.realm.Close()
		return nil, fmt.Errorf("chrome: %s: %w", c.name, err)
	}
	if !secureOrigin(c.origin) {
		// Chromium has no crypto.subtle outside secure contexts.
		if crypto, ok := c.realm.VM.GlobalObject().Get("crypto").(*goja.Object); ok {
			_ = crypto.Delete("subtle")
		}
	}
	if err := c.installPrelude(); err != nil {
		c.realm.Close()
		return nil, fmt.Errorf("chrome: %s: %w", c.name, err)
	}
	if err := c.installWebGlobals(); err != nil {
		c.realm.Close()
		return nil, fmt.Errorf("chrome: %s: %w", c.name, err)
	}
	c.installFrameWindows()
	return c, nil
}

func (b *Browser) contextName(c *Context) string {
	ext := ""
	if c.ext != nil {
		ext = "[" + c.ext.name + "]"
	}
	switch c.kind {
	case Worker:
		return "worker" + ext
	case ContentScript:
		return fmt.Sprintf("tab %d frame %d content%s", c.frame.tab.id, c.frame.id, ext)
	case UserScript:
		world := "user script"
		if c.userWorldID != "" {
			world += " " + c.userWorldID
		}
		return fmt.Sprintf("tab %d frame %d %s%s", c.frame.tab.id, c.frame.id, world, ext)
	case ExtensionPage:
		if c.frame.tab.offscreen {
			return offscreenName(c)
		}
		if c.frame.tab.sidePanel {
			return fmt.Sprintf("side panel %s%s", path.Base(c.url), ext)
		}
		if c.frame.tab.id == tabIDNone {
			return fmt.Sprintf("popup %s%s", path.Base(c.url), ext)
		}
		return fmt.Sprintf("tab %d frame %d %s%s", c.frame.tab.id, c.frame.id, path.Base(c.url), ext)
	default:
		return fmt.Sprintf("tab %d frame %d page", c.frame.tab.id, c.frame.id)
	}
}

func (c *Context) installPrelude() error {
	vm := c.realm.VM
	v, err := vm.RunProgram(prelude)
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(v)
	cfg := map[string]any{
		"kind":             [...]string{"worker", "content", "page", "web", "userscript"}[c.kind],
		"messaging":        c.kind != UserScript || c.userMessaging,
		"extensionId":      "",
		"promiseListeners": c.b.opts.PromiseListeners && (c.ext == nil || c.ext.man.OnMessagePromiseSupport()),
		"tabs":             c.kind == Worker || c.kind == ExtensionPage,
		"errors":           preludeErrors,
		// runtime.sendNativeMessage and connectNative exist only with the nativeMessaging
		// permission (measured in Chromium 156: Object.keys(chrome.runtime) lacks them).
		"nativeMessaging": c.ext != nil && c.ext.hasPermission("nativeMessaging"),
	}
	if c.ext != nil {
		cfg["extensionId"] = c.ext.id
		if c.kind == Worker || c.kind == ExtensionPage || c.kind == UserScript {
			cfg["dynamicId"] = c.ext.dynamicID
		}
	}
	if c.kind == WebPage {
		cfg["externallyConnectable"] = c.b.externallyConnectable(c.url)
	}
	res, err := fn(goja.Undefined(), c.natives(), vm.GlobalObject(), vm.ToValue(cfg))
	if err != nil {
		return err
	}
	c.js = res.ToObject(vm)
	c.fns = map[string]goja.Callable{}
	for _, k := range c.js.Keys() {
		if f, ok := goja.AssertFunction(c.js.Get(k)); ok {
			c.fns[k] = f
		}
	}
	return c.installAPIs()
}

// webGlobalsProgram defines navigator and the worker global scope's EventTarget methods.
//
//go:embed webglobals.js
var webGlobalsSrc string

var webGlobalsProgram = goja.MustCompile("chrome-webglobals.js", webGlobalsSrc, true)

// deviceMemory is navigator.deviceMemory: the machine's memory in GiB rounded down to a power of
// two, from 0.25 to 32 (measured: 16 on a 24 GiB machine), or 8 where /proc/meminfo is missing.
var deviceMemory = sync.OnceValue(func() float64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 8
	}
	var kb float64
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, _ = strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
		}
	}
	if kb <= 0 {
		return 8
	}
	gib := kb / (1 << 20)
	return math.Max(0.25, math.Min(32, math.Exp2(math.Floor(math.Log2(gib)))))
})

// secureOrigin reports whether a context of origin is a secure context, as Chromium decides it for
// the origins hostsim has: https, the extension's own, and http on loopback hosts.
func secureOrigin(origin string) bool {
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "https", "chrome-extension":
		return true
	case "http":
		h := u.Hostname()
		return h == "localhost" || strings.HasSuffix(h, ".localhost") || h == "::1" || strings.HasPrefix(h, "127.")
	}
	return false
}

// installWebGlobals adds location, navigator, importScripts and addEventListener (workers) and
// the CSP rule for wasm, and the network (fetch, XMLHttpRequest in documents: network.go).
func (c *Context) installWebGlobals() error {
	vm := c.realm.VM
	g := vm.GlobalObject()
	u, _ := url.Parse(c.url)
	loc := vm.NewObject()
	if u != nil {
		_ = loc.Set("href", c.url)
		_ = loc.Set("origin", c.origin)
		_ = loc.Set("protocol", u.Scheme+":")
		_ = loc.Set("host", u.Host)
		_ = loc.Set("hostname", u.Hostname())
		_ = loc.Set("port", u.Port())
		_ = loc.Set("pathname", u.EscapedPath())
		_ = loc.Set("search", queryOf(u))
		_ = loc.Set("hash", fragmentOf(u))
		_ = loc.Set("toString", func() string { return c.url })
	}
	if c.frame == nil || c.b.opts.DOM == nil {
		// With a DOM, location comes with the document binding.
		_ = g.Set("location", loc)
	}
	// URL and URLSearchParams, which every extension context has, from goja_nodejs (its URL
	// normalises paths with path.Clean: "https://x/a/" becomes "https://x/a", see the README).
	urlModule := vm.NewObject()
	urlExports := vm.NewObject()
	_ = urlModule.Set("exports", urlExports)
	jsrt.RequireURL(vm, urlModule)
	_ = g.Set("URL", urlExports.Get("URL"))
	_ = g.Set("URLSearchParams", urlExports.Get("URLSearchParams"))
	if c.kind == Worker {
		_ = g.Set("importScripts", func(call goja.FunctionCall) goja.Value {
			if c.ext.man.ServiceWorkerModule {
				panic(vm.NewTypeError("Failed to execute 'importScripts' on 'WorkerGlobalScope': Module scripts don't support importScripts()."))
			}
			for _, a := range call.Arguments {
				c.importScript(a.String())
			}
			return goja.Undefined()
		})
	}
	if err := c.installWebStorage(); err != nil {
		return err
	}
	install, err := vm.RunProgram(webGlobalsProgram)
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(install)
	if _, err := fn(goja.Undefined(), g, vm.ToValue(map[string]any{"worker": c.kind == Worker, "secure": secureOrigin(c.origin), "cores": runtime.NumCPU(), "memory": deviceMemory()})); err != nil {
		return err
	}
	if err := c.installNetwork(); err != nil {
		return err
	}
	if msg, blocked := c.wasmBlocked(); blocked {
		_ = g.Set("__chromeWasmBlocked", msg)
		_, err = vm.RunString(`(function(g){ const W = g.WebAssembly, msg = g.__chromeWasmBlocked; delete g.__chromeWasmBlocked;
			const fail = (name) => new W.CompileError(msg(name));
			for (const name of ["compile", "instantiate", "instantiateStreaming", "compileStreaming"]) {
				if (typeof W[name] === "function") W[name] = function() { return Promise.reject(fail(name)); };
			}
			const M = W.Module; W.Module = function Module() { throw fail("Module"); }; W.Module.prototype = M.prototype;
		})(globalThis)`)
	}
	return err
}

func queryOf(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

func fragmentOf(u *url.URL) string {
	if u.Fragment == "" {
		return ""
	}
	return "#" + u.EscapedFragment()
}

// wasmBlocked reports whether the context's CSP forbids compiling wasm, and the CompileError
// message for each WebAssembly method.
func (c *Context) wasmBlocked() (func(method string) string, bool) {
	switch c.kind {
	case Worker, ExtensionPage:
		csp := c.ext.man.CSP
		return csp.WasmCompileError, !csp.AllowsWasm()
	case ContentScript, UserScript, WebPage:
		// The page's CSP governs both its main world and the isolated worlds (chromium.md §3);
		// Chromium's message is empty there. A page policy without script-src or default-src
		// does not restrict script at all, unlike an extension's default policy.
		raw := strings.ToLower(c.frame.page.CSP)
		if !strings.Contains(raw, "script-src") && !strings.Contains(raw, "default-src") {
			return nil, false
		}
		csp := manifest.CSP{ExtensionPages: c.frame.page.CSP, Present: true}
		return func(method string) string { return "WebAssembly." + method + "(): " }, !csp.AllowsWasm()
	}
	return nil, false
}

// importScript runs an extension file in the worker's global scope, synchronously, as
// importScripts does; a failure throws a NetworkError like Chrome's.
func (c *Context) importScript(ref string) {
	vm := c.realm.VM
	abs := resolveRef(c.url, ref)
	rel, ok := c.ext.pathOf(abs)
	var src []byte
	var err error
	if ok {
		src, err = c.ext.readFile(rel)
	}
	if !ok || err != nil {
		panic(vm.NewGoError(fmt.Errorf("Failed to execute 'importScripts' on 'WorkerGlobalScope': The script at '%s' failed to load.", abs)))
	}
	prg, err := jsrt.CompileCached("goja", abs, string(src), false, goja.Compile)
	if err != nil {
		panic(vm.NewTypeError(err.Error()))
	}
	if _, err := vm.RunProgram(prg); err != nil {
		var ex *goja.Exception
		if errors.As(err, &ex) {
			panic(ex)
		}
		panic(vm.NewGoError(err))
	}
}

func resolveRef(base, ref string) string {
	bu, err := url.Parse(base)
	if err != nil {
		return ref
	}
	ru, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return bu.ResolveReference(ru).String()
}

// pathOf maps a chrome-extension:// URL of this extension to a file path.
func (e *Extension) pathOf(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "chrome-extension" || u.Host != e.id {
		return "", false
	}
	return strings.TrimPrefix(u.Path, "/"), true
}

// fetch serves chrome-extension:// URLs from the extension folders. Content scripts and web pages
// may load only web-accessible resources; everything else is a network error.
func (c *Context) fetch(raw string) ([]byte, string, error) {
	abs := resolveRef(c.url, raw)
	u, err := url.Parse(abs)
	if err != nil || u.Scheme != "chrome-extension" {
		return nil, "", errNetwork
	}
	e := c.b.extByID[u.Host]
	if e == nil {
		return nil, "", errNetwork
	}
	rel := strings.TrimPrefix(u.Path, "/")
	if c.ext != e || c.kind == ContentScript || c.kind == UserScript {
		page := c.url
		if c.frame != nil {
			page = c.frame.url
		}
		if !e.man.WebAccessible(rel, page) && (c.ext == nil || !e.man.WebAccessibleToExtension(rel, c.ext.id)) {
			return nil, "", errNetwork
		}
	}
	body, err := e.readFile(rel)
	if err != nil {
		// Chromium 156 answers no 404 for a file the extension lacks: the fetch fails (scenario
		// "start-missing-wasm").
		return nil, "", errNetwork
	}
	ct := mime.TypeByExtension(path.Ext(rel))
	if path.Ext(rel) == ".wasm" {
		ct = "application/wasm"
	}
	return body, ct, nil
}

// call runs one of the prelude's internal functions with Go values.
func (c *Context) call(name string, args ...any) (goja.Value, error) {
	if c.dead {
		return nil, jsrt.ErrClosed
	}
	vm := c.realm.VM
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		vals[i] = vm.ToValue(a)
	}
	return c.realm.Call(c.fns[name], goja.Undefined(), vals...)
}

func (c *Context) hasListeners(event string) bool {
	v, err := c.call("hasListeners", event)
	return err == nil && v.ToBoolean()
}

// touch is the "extension API call resets the idle timer" rule (Chrome 110+).
func (c *Context) touch() {
	if c.kind == Worker && c.ext.worker == c {
		c.ext.keep.activity(c.b)
	}
}

// invalidate orphans the context: chrome.* throws "Extension context invalidated." and its ports
// and requests are gone.
func (c *Context) invalidate() {
	if c.invalid || c.dead {
		return
	}
	c.invalid = true
	_, _ = c.call("invalidate")
	c.b.contextGone(c)
}

// destroy ends the context for good (document unloaded, worker stopped).
func (c *Context) destroy() {
	if c.dead {
		return
	}
	if !c.invalid {
		c.b.contextGone(c)
	}
	c.dead = true
	c.flushCoverage()
	c.realm.Close()
}

// runScript evaluates a classic script in the context and reports an uncaught error to its console.
func (c *Context) runScript(name, src string) error {
	_, err := c.realm.RunScript(name, src)
	if err != nil {
		c.realm.ReportError(err)
	}
	return err
}
