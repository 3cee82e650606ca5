//go:build !js

// Package chrometest is a fake browser for the chrome/ packages in native tests, the way
// net/http/httptest is for handlers: a test says how each Chrome API it expects answers, fires
// events, and reads back the calls made, with plain `go test` and no wasm.
//
//	fake := chrometest.New(t)
//	fake.Handle("action.setBadgeText", chrometest.Reply(nil))
//	updateBadge(ctx)                     // code under test: action.SetBadgeText(ctx, …)
//	fake.Fire("contextMenus.onClicked", map[string]any{"menuItemId": "add-note"}, tab)
//
// Arguments and results cross as JSON, as they do between Go and Chrome, so a fake sees what
// Chrome would see. A call with no fake fails with an error naming the API and how to fake it.
// The fake is installed for the whole process until the test ends: tests that use it must not
// run in parallel with each other.
package chrometest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/extwasm/extwasm/chrome"
	"github.com/extwasm/extwasm/chrome/internal/api"
)

// Handler answers one call: args are its arguments as JSON, in order, with absent optional
// arguments at the end left off; result is encoded as JSON (nil: undefined). Return Error for
// Chrome's error.
type Handler func(args []json.RawMessage) (result any, err error)

// Reply is a Handler that answers every call with v.
func Reply(v any) Handler {
	return func([]json.RawMessage) (any, error) { return v, nil }
}

// Error is Chrome's error with Chrome's text ("No tab with id: 7."): the caller gets a
// *chrome.Error naming the call.
func Error(message string) error { return &chrome.Error{Message: message} }

// Call is one call the code under test made.
type Call struct {
	// API is the call's path under chrome ("action.setBadgeText").
	API string
	// Args are its arguments as JSON.
	Args []json.RawMessage
}

// Fake is the fake browser. Its methods are safe for concurrent use.
type Fake struct {
	t         testing.TB
	mu        sync.Mutex
	handlers  map[string]Handler
	values    map[string]json.RawMessage
	listeners map[string][]*listener
	calls     []Call
}

type listener struct{ fn func([]json.RawMessage) }

// New installs a fake browser for the length of t.
func New(t testing.TB) *Fake {
	t.Helper()
	f, stop := start(t)
	t.Cleanup(stop)
	return f
}

// Start installs a fake browser until stop is called, for code that has no testing.TB (an
// Example, a benchmark's setup). Misuse that New reports with t.Fatal panics here.
func Start() (f *Fake, stop func()) { return start(nil) }

func start(t testing.TB) (*Fake, func()) {
	f := &Fake{t: t, handlers: map[string]Handler{}, values: map[string]json.RawMessage{}, listeners: map[string][]*listener{}}
	previous := api.SetBackend(f)
	return f, func() { api.SetBackend(previous) }
}

func (f *Fake) fatalf(format string, args ...any) {
	if f.t != nil {
		f.t.Helper()
		f.t.Fatalf(format, args...)
	}
	panic(fmt.Sprintf(format, args...))
}

// Handle makes h answer calls of api ("storage.local.get", "action.setBadgeText").
func (f *Fake) Handle(api string, h Handler) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handlers[api] = h
}

// Set makes the property path ("runtime.id") hold v.
func (f *Fake) Set(path string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		f.fatalf("chrometest: Set(%q): %v", path, err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.values[path] = data
}

// Fire delivers the event name ("contextMenus.onClicked") with args to every listener, in the
// order they were added, and returns when each has returned. It returns how many listened.
func (f *Fake) Fire(name string, args ...any) int {
	raw := make([]json.RawMessage, len(args))
	for i, a := range args {
		data, err := json.Marshal(a)
		if err != nil {
			f.fatalf("chrometest: Fire(%q): argument %d: %v", name, i, err)
		}
		raw[i] = data
	}
	f.mu.Lock()
	ls := slices.Clone(f.listeners[name])
	f.mu.Unlock()
	for _, l := range ls {
		l.fn(slices.Clone(raw))
	}
	return len(ls)
}

// Calls returns the calls made so far, in order.
func (f *Fake) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// CallsTo returns the arguments of each call made to api so far, in order.
func (f *Fake) CallsTo(api string) [][]json.RawMessage {
	var out [][]json.RawMessage
	for _, c := range f.Calls() {
		if c.API == api {
			out = append(out, c.Args)
		}
	}
	return out
}

// Call implements the fake side of a chrome call.
func (f *Fake) Call(ctx context.Context, path string, args []json.RawMessage) (json.RawMessage, error) {
	f.mu.Lock()
	f.calls = append(f.calls, Call{API: path, Args: args})
	h := f.handlers[path]
	f.mu.Unlock()
	if h == nil {
		return nil, fmt.Errorf("chrometest: no fake for chrome.%s: add fake.Handle(%q, …)", path, path)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v, err := h(args)
	if err != nil || v == nil {
		return nil, err
	}
	return json.Marshal(v)
}

// Get implements the fake side of a chrome property read.
func (f *Fake) Get(path string) (json.RawMessage, error) {
	f.mu.Lock()
	v, ok := f.values[path]
	h := f.handlers[path]
	f.mu.Unlock()
	if ok {
		return v, nil
	}
	if h != nil {
		return f.Call(context.Background(), path, nil)
	}
	return nil, fmt.Errorf("chrometest: no fake for chrome.%s: add fake.Set(%q, …)", path, path)
}

// Listen implements the fake side of an event subscription.
func (f *Fake) Listen(name string, fn func([]json.RawMessage)) (func(), error) {
	l := &listener{fn: fn}
	f.mu.Lock()
	f.listeners[name] = append(f.listeners[name], l)
	f.mu.Unlock()
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.listeners[name] = slices.DeleteFunc(f.listeners[name], func(x *listener) bool { return x == l })
	}, nil
}
