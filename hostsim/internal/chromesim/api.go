package chromesim

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

// An api is one chrome.* namespace beyond messaging (storage, tabs, alarms, …): a JavaScript half,
// run in each context the namespace exists in, and the Go natives behind it. Each namespace lives
// in its own pair of files and registers itself from init, so the prelude stays the messaging core.
//
// The JavaScript half is a function expression
//
//	(function (native, global, cfg, kit) { … })
//
// where native holds the api's natives, cfg is the prelude's configuration and kit the prelude's
// shared pieces (Event, event(name), request, alive, invocation, serialize, withLastError, chrome).
// It adds its namespace to kit.chrome.
type api struct {
	name    string
	program *goja.Program
	// enabled reports whether the namespace exists in c (by context kind and permissions).
	enabled func(c *Context) bool
	// natives adds the api's Go functions to its native object.
	natives func(c *Context, set func(name string, fn any))
}

var apis []*api

// registerAPI adds a namespace; apis install in registration order, which is init order.
func registerAPI(name, src string, enabled func(*Context) bool, natives func(*Context, func(string, any))) {
	apis = append(apis, &api{
		name:    name,
		program: goja.MustCompile("chrome-"+name+".js", src, true),
		enabled: enabled,
		natives: natives,
	})
}

// installAPIs runs the JavaScript half of every namespace enabled in c.
func (c *Context) installAPIs() error {
	vm := c.realm.VM
	kit := c.js.Get("kit")
	cfg := kit.ToObject(vm).Get("cfg")
	for _, a := range append(slices.Clip(apis), finalAPI) {
		// Measured in Chromium 156: a USER_SCRIPT world's chrome has runtime and no namespace, so
		// only the stand-ins (runtime's enums) are installed there.
		if !a.enabled(c) || c.kind == UserScript && a != finalAPI {
			continue
		}
		if err := c.installAPI(a, cfg, kit); err != nil {
			return err
		}
	}
	if c.isOffscreenDocument() {
		return c.restrictOffscreen()
	}
	return nil
}

// installAPI runs the JavaScript half of a in c.
func (c *Context) installAPI(a *api, cfg, kit goja.Value) error {
	vm := c.realm.VM
	n := vm.NewObject()
	a.natives(c, func(name string, fn any) { _ = n.Set(name, fn) })
	v, err := vm.RunProgram(a.program)
	if err != nil {
		return fmt.Errorf("%s: %w", a.name, err)
	}
	fn, ok := goja.AssertFunction(v)
	if !ok {
		return fmt.Errorf("%s: the api's script is not a function", a.name)
	}
	if _, err := fn(goja.Undefined(), n, vm.GlobalObject(), cfg, kit); err != nil {
		return fmt.Errorf("%s: %w", a.name, err)
	}
	if c.installed == nil {
		c.installed = map[*api]bool{}
	}
	c.installed[a] = true
	return nil
}

// updateAPIs brings c's chrome object up to its extension's permissions after they changed, as
// Chrome updates the bindings of every live context: namespaces now granted appear (their model,
// or the stand-ins of Chrome's schema), namespaces no longer granted go.
func (c *Context) updateAPIs() {
	if c.dead || c.invalid {
		return
	}
	vm := c.realm.VM
	kit := c.js.Get("kit")
	cfg := kit.ToObject(vm).Get("cfg")
	chrome, _ := kit.ToObject(vm).Get("chrome").(*goja.Object)
	keep := map[string]bool{}
	if c.kind == Worker || c.kind == ExtensionPage {
		for _, ns := range c.ext.grantedNamespaces(c.kind == Worker) {
			keep[strings.SplitN(ns, ".", 2)[0]] = true
		}
	}
	for _, a := range apis {
		switch on := a.enabled(c); {
		case on && !c.installed[a]:
			if err := c.installAPI(a, cfg, kit); err != nil {
				c.realm.ReportError(err)
			}
		case !on && c.installed[a]:
			delete(c.installed, a)
			if chrome != nil && !keep[a.name] {
				_ = chrome.Delete(a.name)
			}
		}
	}
	if chrome != nil && (c.kind == Worker || c.kind == ExtensionPage) {
		loadShapes()
		for _, k := range chrome.Keys() {
			if _, known := shapes[k]; known && !keep[k] && !slices.ContainsFunc(apis, func(a *api) bool { return a.name == k && c.installed[a] }) {
				_ = chrome.Delete(k)
			}
		}
	}
	if err := c.installAPI(finalAPI, cfg, kit); err != nil {
		c.realm.ReportError(err)
	}
}

// newRequest allocates the id of a non-messaging request (tabs.get, storage.set, …), which
// settleLater ends.
func (b *Browser) newRequest() int {
	b.nextChan++
	return b.nextChan
}

// settleLater ends request id in c in a later task, with result as its value (marshalled to JSON;
// a nil result resolves undefined) or with errText as its error (a rejection, or lastError in
// callback form). Events posted to c before it are delivered first, as Chrome delivers an API's
// events before the call's own reply.
func (b *Browser) settleLater(c *Context, id int, result any, errText string) {
	out := ""
	if errText == "" {
		raw, err := json.Marshal(result)
		if err != nil { // only the model's own values reach here
			panic(fmt.Sprintf("chrome: result of request %d: %v", id, err))
		}
		out = string(raw)
	}
	b.hop(nil, c.realm, func() {
		if c.dead {
			return
		}
		_, _ = c.call("settleValue", id, out, errText)
	})
}

// settleWithArgs ends request id in c in a later task as a failure that still carries a result
// (Chrome's ErrorWithArguments): a callback gets result with lastError errText, a promise resolves
// with result. An empty errText settles as settleLater does.
func (b *Browser) settleWithArgs(c *Context, id int, result any, errText string) {
	if errText == "" {
		b.settleLater(c, id, result, "")
		return
	}
	raw, err := json.Marshal(result)
	if err != nil { // only the model's own values reach here
		panic(fmt.Sprintf("chrome: result of request %d: %v", id, err))
	}
	b.hop(nil, c.realm, func() {
		if c.dead {
			return
		}
		_, _ = c.call("settleWithArgs", id, string(raw), errText)
	})
}

// contexts lists the extension's live contexts: the worker (when running), its extension pages and
// its content scripts, in a stable order (worker first, then by tab and frame).
func (e *Extension) contexts() []*Context {
	var out []*Context
	if e.worker != nil && !e.worker.dead {
		out = append(out, e.worker)
	}
	for _, t := range e.b.Tabs() {
		for _, f := range sortedFrames(t) {
			if f.main != nil && f.main.ext == e && !f.main.dead {
				out = append(out, f.main)
			}
			if c := f.isolated[e.id]; c != nil && !c.dead && !c.invalid {
				out = append(out, c)
			}
		}
	}
	for _, c := range e.b.extraContexts(e) {
		if !c.dead {
			out = append(out, c)
		}
	}
	return out
}

// extraContexts are the extension's contexts that live outside tabs (popups, offscreen documents);
// hooks registered by the namespaces that create them answer it.
func (b *Browser) extraContexts(e *Extension) []*Context {
	var out []*Context
	for _, h := range extraContextHooks {
		out = append(out, h(b, e)...)
	}
	return out
}

var extraContextHooks []func(b *Browser, e *Extension) []*Context

// fireEvent dispatches the chrome.* event name with args to the extension's contexts whose kind
// deliver accepts (nil: all). When wake is set, a stopped worker whose last run registered a listener for
// the event is started first and gets the event after its first task (conformance-apis A9): only
// listeners added synchronously at the top level see the event that woke it.
func (e *Extension) fireEvent(name string, args []any, deliver func(Kind) bool, wake bool) {
	raw, err := json.Marshal(args)
	if err != nil { // only the model's own values reach here
		panic(fmt.Sprintf("chrome: event %s: %v", name, err))
	}
	argsJSON := string(raw)
	e.fireEventWith(name, func(*Context) any { return argsJSON }, deliver, wake)
}

// fireProfileEvent fires event name with args in every extension holding permission perm, as
// Chrome fires the events of what belongs to the profile (bookmarks, history, the idle state) in
// every extension allowed to see it, waking stopped workers that listen.
func (b *Browser) fireProfileEvent(perm, name string, args ...any) {
	for _, e := range b.exts {
		if e.hasPermission(perm) {
			e.fireEvent(name, args, nil, true)
		}
	}
}

// fireEventWith is fireEvent with the arguments built for each receiving context: args returns a
// JavaScript array made in that context's realm (for values JSON cannot carry, such as
// ArrayBuffers) or the arguments' JSON text.
func (e *Extension) fireEventWith(name string, args func(c *Context) any, deliver func(Kind) bool, wake bool) {
	post := func(c *Context) {
		e.b.hop(nil, c.realm, func() {
			if c.dead || !c.hasEventListeners(name) {
				return
			}
			if c.kind == Worker {
				c.ext.keep.activity(c.b) // an event dispatched to the worker resets its idle timer
			}
			_, _ = c.call("dispatchEvent", name, args(c))
		})
	}
	workerTaken := false
	for _, c := range e.contexts() {
		if deliver != nil && !deliver(c.kind) {
			continue
		}
		if c.kind == Worker {
			workerTaken = true
			if e.starting {
				e.waiters = append(e.waiters, func(w *Context) {
					if w != nil {
						post(w)
					}
				})
				continue
			}
		}
		post(c)
	}
	if workerTaken || !wake || !e.enabled || !e.lazy[name] || (deliver != nil && !deliver(Worker)) {
		return
	}
	e.b.Transcript.add(Entry{Kind: "event", From: "browser", To: "worker[" + e.name + "]", Outcome: name + " wakes the worker"})
	e.withWorker(func(w *Context) {
		if w != nil {
			post(w)
		}
	})
}

// hasEventListeners reports whether the context has a listener for the named chrome.* event.
func (c *Context) hasEventListeners(name string) bool {
	v, err := c.call("hasEventListeners", name)
	return err == nil && v.ToBoolean()
}

// listened records that the context added a listener for the named event: a worker's listeners
// are remembered across its stops, as Chrome remembers lazy listeners to know which events wake it.
func (c *Context) listened(name string) {
	if c.kind != Worker || c.ext == nil {
		return
	}
	if c.ext.lazy == nil {
		c.ext.lazy = map[string]bool{}
	}
	c.ext.lazy[name] = true
}

// LazyEvents lists the events the worker has registered listeners for, which wake it when stopped.
func (e *Extension) LazyEvents() []string {
	out := make([]string, 0, len(e.lazy))
	for k := range e.lazy {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// enums makes the object of a namespace's enums (chrome.tabs.TabStatus, …) from apiargs' lists.
func (c *Context) enums(lists map[string][]string) *goja.Object {
	vm := c.realm.VM
	out := vm.NewObject()
	for name, values := range lists {
		o := vm.NewObject()
		keys, byKey := apiargs.EnumObject(values)
		for _, k := range keys {
			_ = o.Set(k, byKey[k])
		}
		_ = out.Set(name, o)
	}
	return out
}
