// Package wptalt runs web-platform-tests pages on a DOM written in JavaScript (domino, linkedom, …)
// inside a bare goja realm, so that hostsim's own DOM can be compared, on the same tests, with a
// well-kept one that would run in the same engine. It is a measuring tool (make wpt-alt), not
// part of the simulator.
package wptalt

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/nodejs"
	"github.com/extwasm/extwasm/internal/wpt"
)

// Runner runs test pages on the DOM library at Lib, a package folder (…/node_modules/domino) that
// require() can load and that exports what the adapter of its Kind calls.
type Runner struct {
	root string
	lib  string
	kind string
	h    http.Handler
}

// Kinds are the libraries an adapter exists for: how each makes a window from a page's HTML.
var Kinds = map[string]string{
	// domino's CSS parser reads RegExp.lastMatch, a legacy static goja does not have: the adapter
	// keeps it for exec and test.
	"domino": `(() => {
		const exec = RegExp.prototype.exec, test = RegExp.prototype.test;
		RegExp.prototype.exec = function (s) { const m = exec.call(this, s); if (m) RegExp.lastMatch = m[0]; return m; };
		RegExp.prototype.test = function (s) { return this.exec(s) !== null; };
		return (lib, html, url) => lib.createWindow(html, url);
	})()`,
	"linkedom": `(lib, html, url) => { const w = lib.parseHTML(html); try { w.location.href = url; } catch (e) {} return w; }`,
}

// New returns a runner for the checkout at root and the library folder lib, whose adapter is
// the folder's base name (a key of Kinds).
func New(root, lib string) (*Runner, error) {
	kind := filepath.Base(lib)
	if _, ok := Kinds[kind]; !ok {
		return nil, fmt.Errorf("wptalt: no adapter for %q (have domino, linkedom)", kind)
	}
	abs, err := filepath.Abs(lib)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(abs, "package.json")); err != nil {
		return nil, fmt.Errorf("wptalt: %s is not a package folder: %w", lib, err)
	}
	return &Runner{root: root, lib: abs, kind: kind, h: wpt.Handler(root)}, nil
}

// Name is "goja+<library>".
func (r *Runner) Name() string { return "goja+" + r.kind }

// Close releases nothing: every page has its own realm.
func (r *Runner) Close() error { return nil }

// get serves path as the checkout's server would.
func (r *Runner) get(path string) (string, error) {
	rec := httptest.NewRecorder()
	r.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		return "", fmt.Errorf("GET %s: %d", path, rec.Code)
	}
	b, err := io.ReadAll(rec.Result().Body)
	return string(b), err
}

// bootstrap makes the page's window, copies its members onto the realm's global object (page
// scripts address window members as globals), runs the page's scripts in document order and
// fires DOMContentLoaded and load, as a browser would; an error in a script is reported and the
// next one runs.
const bootstrap = `(function (adapter, lib, html, url, fetchText, report) {
	"use strict";
	const w = adapter(require(lib), html, url);
	const skip = new Set(["window", "self", "globalThis", "top", "parent", "frames"]);
	for (let o = w; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
		for (const k of Object.getOwnPropertyNames(o)) {
			if (skip.has(k) || k in globalThis && !(k in {document: 1, location: 1, navigator: 1, Event: 1, EventTarget: 1, Node: 1, DOMException: 1, URL: 1, URLSearchParams: 1})) continue;
			try {
				const v = w[k];
				globalThis[k] = typeof v === "function" && !/^[A-Z]/.test(k) ? v.bind(w) : v;
			} catch (e) {}
		}
	}
	globalThis.window = globalThis.self = w;
	const doc = w.document;
	for (const s of Array.from(doc.querySelectorAll("script"))) {
		let src = s.getAttribute("src"), code;
		try {
			code = src === null ? s.textContent : fetchText(new URL(src, url).pathname);
			// The window is not the realm's global object, so names resolve through it first,
			// as they would on a real window; declarations still land on the global object.
			(0, eval)("with (window) {\n" + code + "\n}");
		} catch (e) {
			report(String(src || "inline") + ": " + (e && e.stack || e));
		}
	}
	const fire = (target, type) => {
		const ev = doc.createEvent("Event");
		ev.initEvent(type, type === "DOMContentLoaded", false);
		target.dispatchEvent(ev);
	};
	setTimeout(() => { fire(doc, "DOMContentLoaded"); setTimeout(() => fire(w, "load"), 0); }, 0);
})`

// Timing is what one page cost: real time, and the bytes the Go heap allocated for it.
type Timing struct {
	Elapsed time.Duration
	Alloc   uint64
}

// Run runs one page and waits, in virtual time, for the harness's results.
func (r *Runner) Run(ctx context.Context, page string) wpt.Result {
	res, _ := r.RunTimed(ctx, page)
	return res
}

// RunTimed is Run, also returning the page's Timing.
func (r *Runner) RunTimed(ctx context.Context, page string) (wpt.Result, Timing) {
	var res wpt.Result
	tm := Measure(func() { res = r.run(ctx, page) })
	return res, tm
}

// Measure runs f and returns its Timing.
func Measure(f func()) Timing {
	start := time.Now()
	before := allocated()
	f()
	return Timing{Elapsed: time.Since(start), Alloc: allocated() - before}
}

func (r *Runner) run(ctx context.Context, page string) wpt.Result {
	html, err := r.get("/" + page)
	if err != nil {
		return wpt.Result{LoadError: err.Error()}
	}
	sched := jsrt.NewScheduler(jsrt.Options{})
	realm := sched.NewRealm(jsrt.RealmOptions{Name: r.Name()})
	defer realm.Close()
	// A page has no process to end; a library that calls process.exit fails the page.
	exit := func(code int) { panic(realm.VM.NewGoError(fmt.Errorf("process.exit(%d) called", code))) }
	node, err := nodejs.Install(realm, nodejs.Options{Dir: r.lib, Exit: exit})
	if err != nil {
		return wpt.Result{LoadError: err.Error()}
	}
	defer node.Close()
	var errs []string
	vm := realm.VM
	adapter, err := vm.RunString(Kinds[r.kind])
	if err != nil {
		return wpt.Result{LoadError: err.Error()}
	}
	boot, err := vm.RunString(bootstrap)
	if err != nil {
		return wpt.Result{LoadError: err.Error()}
	}
	fn, _ := goja.AssertFunction(boot)
	fetchText := func(p string) string {
		s, err := r.get(p)
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return s
	}
	report := func(s string) { errs = append(errs, s) }
	url := wpt.HostsimOrigin + "/" + page
	if _, err := fn(goja.Undefined(), adapter, vm.ToValue(r.lib), vm.ToValue(html), vm.ToValue(url), vm.ToValue(fetchText), vm.ToValue(report)); err != nil {
		return wpt.Result{LoadError: "bootstrap: " + err.Error()}
	}
	var out goja.Value
	done := func() bool {
		w := vm.Get("window")
		if w == nil || goja.IsUndefined(w) || goja.IsNull(w) {
			return false
		}
		out = w.ToObject(vm).Get("__wptResult")
		return out != nil && !goja.IsUndefined(out)
	}
	// The harness's own timeouts (10 s, 60 s for "long" tests) pass on virtual time.
	for !done() {
		if ctx.Err() != nil {
			return wpt.Result{LoadError: "timed out"}
		}
		if !sched.Step() {
			msg := "no results: the page went idle"
			if len(errs) > 0 {
				msg += "; " + strings.Join(errs, "; ")
			}
			return wpt.Result{LoadError: msg}
		}
	}
	raw, err := json.Marshal(out.Export())
	if err != nil {
		return wpt.Result{LoadError: err.Error()}
	}
	var res wpt.Result
	if err := json.Unmarshal(raw, &res); err != nil {
		return wpt.Result{LoadError: err.Error()}
	}
	res.Loaded = true
	return res
}
