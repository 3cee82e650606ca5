package jsglue

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/extwasm/extwasm/internal/parked"
)

// Error is a JavaScript exception or promise rejection seen from Go. Message is the exact text
// JavaScript reported (Chrome's error strings are matched on it), Name the error's constructor name.
type Error struct {
	Name    string
	Message string
}

// Error returns the JavaScript message unchanged, so Chrome's documented texts compare equal.
func (e *Error) Error() string { return e.Message }

// ErrorFrom converts a thrown or rejected JavaScript value into an *Error. Non-Error values (a
// rejected string, undefined) become an Error whose Message is their string form.
func ErrorFrom(v js.Value) *Error {
	if v.Type() == js.TypeObject {
		msg := v.Get("message")
		name := v.Get("name")
		if msg.Type() == js.TypeString {
			e := &Error{Message: msg.String()}
			if name.Type() == js.TypeString {
				e.Name = name.String()
			}
			return e
		}
	}
	if v.IsUndefined() {
		return &Error{Message: "undefined"}
	}
	return &Error{Message: js.Global().Get("String").Invoke(v).String()}
}

// Try runs fn and turns a JavaScript exception thrown inside it (a js.Error panic) into an error.
// Other panics propagate.
func Try(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			jerr, ok := r.(js.Error)
			if !ok {
				panic(r)
			}
			err = ErrorFrom(jerr.Value)
		}
	}()
	fn()
	return nil
}

// Await waits for promise p to settle and returns its value, or the rejection as an *Error. It
// returns ctx.Err() if ctx ends first; the callbacks then stay registered until p settles, because
// releasing a function JavaScript may still call would crash the program. Call it from a goroutine,
// never from inside a js.FuncOf callback: Go cannot wait there.
func Await(ctx context.Context, p js.Value) (js.Value, error) {
	done := make(chan awaitResult, 1)
	a := takeAwaiter(done, settlesOnce(p))
	if err := Try(func() { p.Call("then", a.onOK, a.onErr) }); err != nil {
		a.settle(awaitResult{})
		return js.Undefined(), err
	}
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return js.Undefined(), ctx.Err()
	}
}

// promiseThen is the realm's own Promise.prototype.then when this package was initialised.
var promiseThen = js.Global().Get("Promise").Get("prototype").Get("then")

// settlesOnce reports whether p's then is the realm's own Promise.prototype.then, which calls one
// of the callbacks it is given at most once. Being a Promise is not enough: a subclass, or a
// Promise given a then of its own, may call a callback again, later, when the pair may already
// serve another Await.
func settlesOnce(p js.Value) bool {
	return p.Type() == js.TypeObject && p.Get("then").Equal(promiseThen)
}

type awaitResult struct {
	v   js.Value
	err error
}

// awaiter is a pair of then-callbacks and where the promise they are attached to reports. A
// Promise calls one of its two callbacks once, and no other promise holds them, so once one has
// been called the pair serves the next Await: making two functions per Await was a wrapper in
// JavaScript, an entry in syscall/js's table and a finalised js.Value each. A pair given to any
// other thenable (see settlesOnce), which might call it again, is released after its first call as
// before.
type awaiter struct {
	onOK, onErr js.Func
	done        chan awaitResult // the current Await's; nil while the pair is free
	reuse       bool             // attached to a Promise: back to the free list once called
}

var awaiters struct {
	mu   sync.Mutex
	free []*awaiter
}

// takeAwaiter returns a pair reporting to done, a free one when there is one.
func takeAwaiter(done chan awaitResult, reuse bool) *awaiter {
	awaiters.mu.Lock()
	defer awaiters.mu.Unlock()
	var a *awaiter
	if n := len(awaiters.free); n > 0 {
		a = awaiters.free[n-1]
		awaiters.free = awaiters.free[:n-1]
	} else {
		a = &awaiter{}
		a.onOK = js.FuncOf(func(_ js.Value, args []js.Value) any {
			a.settle(awaitResult{v: arg(args, 0)})
			return nil
		})
		a.onErr = js.FuncOf(func(_ js.Value, args []js.Value) any {
			a.settle(awaitResult{err: ErrorFrom(arg(args, 0))})
			return nil
		})
	}
	a.done, a.reuse = done, reuse
	return a
}

// settle reports r to the Await the pair serves, if it still serves one, and frees or releases
// the pair.
func (a *awaiter) settle(r awaitResult) {
	awaiters.mu.Lock()
	done, reuse := a.done, a.reuse
	a.done = nil
	if done != nil && reuse {
		awaiters.free = append(awaiters.free, a)
	}
	awaiters.mu.Unlock()
	if done == nil {
		return
	}
	if !reuse {
		a.onOK.Release()
		a.onErr.Release()
	}
	done <- r
}

func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// Stringify is JSON.stringify(v). ok is false when the result is undefined (v is undefined, a
// function or a Symbol), mirroring how Chrome drops such values.
func Stringify(v js.Value) (text string, ok bool, err error) {
	var out js.Value
	if err := Try(func() { out = js.Global().Get("JSON").Call("stringify", v) }); err != nil {
		return "", false, err
	}
	if out.Type() != js.TypeString {
		return "", false, nil
	}
	return out.String(), true, nil
}

// Parse is JSON.parse(text).
func Parse(text string) (js.Value, error) {
	var out js.Value
	err := Try(func() { out = js.Global().Get("JSON").Call("parse", text) })
	return out, err
}

// ValueOf marshals v with encoding/json and parses it in JavaScript: one crossing for any value.
func ValueOf(v any) (js.Value, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return js.Undefined(), fmt.Errorf("jsglue: value is not JSON-serialisable: %w", err)
	}
	return Parse(string(b))
}

// Decode stringifies v in JavaScript and unmarshals it into out with encoding/json.
func Decode(v js.Value, out any) error {
	text, ok, err := Stringify(v)
	if err != nil {
		return err
	}
	if !ok {
		text = "null"
	}
	return json.Unmarshal([]byte(text), out)
}

// AddListener adds fn to a chrome-style event (an object with addListener/removeListener) and
// returns a function that removes it and releases the callback. fn runs inside a JavaScript callback:
// it must not block.
func AddListener(event js.Value, fn func(args []js.Value) any) (remove func(), err error) {
	if event.Type() != js.TypeObject || event.Get("addListener").Type() != js.TypeFunction {
		return nil, fmt.Errorf("jsglue: not an event object")
	}
	f := js.FuncOf(func(_ js.Value, args []js.Value) any { return fn(args) })
	if err := Try(func() { event.Call("addListener", f) }); err != nil {
		f.Release()
		return nil, err
	}
	removed := false
	return func() {
		if removed {
			return
		}
		removed = true
		_ = Try(func() { event.Call("removeListener", f) })
		f.Release()
	}, nil
}

// LastError returns chrome.runtime.lastError as an error, or nil. It is only meaningful inside a
// callback-style chrome API callback or an onDisconnect listener.
func LastError() error {
	le := js.Global().Get("chrome")
	if le.Type() != js.TypeObject {
		return nil
	}
	le = le.Get("runtime")
	if le.Type() != js.TypeObject {
		return nil
	}
	le = le.Get("lastError")
	if le.Type() != js.TypeObject {
		return nil
	}
	return ErrorFrom(le)
}

// exportRunner runs the calls of every exported function: a call on a new goroutine grew its
// stack again on every call.
var exportRunner = parked.New()

// ExportPromise sets obj[name] to a JavaScript function that returns a Promise. Each call's
// arguments cross to Go as one JSON array (so Go code needs no syscall/js), fn runs on a goroutine
// of its own (one parked after an earlier call when there is one), and its result is marshalled
// with encoding/json and resolved as the parsed value; an error rejects with an Error carrying its
// text. The returned function removes the export and
// releases the callback.
func ExportPromise(obj js.Value, name string, fn func(ctx context.Context, args []json.RawMessage) (any, error)) (release func()) {
	promiseCtor := js.Global().Get("Promise")
	arrayCtor := js.Global().Get("Array")
	// One executor serves every call: new Promise runs it synchronously, before anything else can
	// call it, so the call reads what it left at once. A function made per call cost a wrapper in
	// JavaScript and an entry in syscall/js's table each time.
	var resolved, rejected js.Value
	executor := js.FuncOf(func(_ js.Value, a []js.Value) any {
		resolved, rejected = a[0], a[1]
		return nil
	})
	f := js.FuncOf(func(_ js.Value, args []js.Value) any {
		p := promiseCtor.New(executor)
		resolve, reject := resolved, rejected
		resolved, rejected = js.Value{}, js.Value{}
		argv := arrayCtor.New(len(args))
		for i, a := range args {
			argv.SetIndex(i, a)
		}
		text, _, serr := Stringify(argv)
		exportRunner.Go(func() {
			var v any
			var err error
			var raw []json.RawMessage
			if err = serr; err == nil {
				if err = json.Unmarshal([]byte(text), &raw); err == nil {
					v, err = fn(context.Background(), raw)
				}
			}
			if err == nil {
				var jv js.Value
				if jv, err = ValueOf(v); err == nil {
					resolve.Invoke(jv)
					return
				}
			}
			reject.Invoke(js.Global().Get("Error").New(err.Error()))
		})
		return p
	})
	obj.Set(name, f)
	return func() {
		obj.Delete(name)
		f.Release()
		executor.Release()
	}
}

// Global returns the JavaScript global object property name, or creates it as an empty object.
func Global(name string) js.Value {
	v := js.Global().Get(name)
	if v.Type() != js.TypeObject {
		v = js.Global().Get("Object").New()
		js.Global().Set(name, v)
	}
	return v
}
