package jsglue

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"sync"
	"syscall/js"
)

// ErrNoDocument reports that the JavaScript context has no DOM (a service worker).
var ErrNoDocument = errors.New("jsglue: no document in this context")

// ErrTooManyElements reports, in frame mode, that a query would make the module hold more elements
// of the page at once than the content script keeps for it (10,000): drop Elements no longer needed
// (they are released once garbage-collected) and query again.
var ErrTooManyElements = errors.New("jsglue: too many elements held in the extension frame")

// Element is a DOM element. Its methods read and write text only: nothing here parses HTML.
//
// When the page's Content-Security-Policy keeps a content script's module from compiling, the glue
// runs it in a hidden extension frame instead (see extwasm-frame.js), and an Element stands for an
// element of the page: each method is then a round trip to the content script, which blocks the
// calling goroutine until the page answered. Call them from goroutines (main included), never inside
// a JavaScript callback, as for every call that waits.
//
// In frame mode the content script keeps each element the module reached for it under a handle, until
// the garbage collector finds every copy of the Element unreachable: then the handle is released, in
// batches and without waiting for the page.
type Element struct {
	v      js.Value
	remote *remoteElement // the content script's handle for the element, in frame mode; nil is the document element
	framed bool
}

// remoteElement is one handle the content script holds for the module; its cleanup releases it. The
// padding keeps it out of the tiny allocator, where an object shares its block with others and its
// cleanup waits for all of them.
type remoteElement struct {
	id int
	_  [2]int
}

func (e Element) handle() int {
	if e.remote == nil {
		return 0
	}
	return e.remote.id
}

// releases batches the handles whose Elements became unreachable: cleanups only queue them, and one
// goroutine sends each batch as a single one-way message.
var releases struct {
	sync.Mutex
	ids []int
}

func queueRelease(id int) {
	releases.Lock()
	first := len(releases.ids) == 0
	releases.ids = append(releases.ids, id)
	releases.Unlock()
	if first {
		go flushReleases()
	}
}

func flushReleases() {
	runtime.Gosched() // let the cleanups of the same collection join the batch
	releases.Lock()
	ids := releases.ids
	releases.ids = nil
	releases.Unlock()
	in, ok := frameDOM()
	if !ok || len(ids) == 0 || in.Get("_release").Type() != js.TypeFunction {
		return
	}
	text, err := json.Marshal(ids)
	if err != nil {
		return
	}
	_ = Try(func() { in.Call("_release", string(text)) })
}

// frameDOM reports whether this module runs in the extension frame, for a page, and returns the glue's
// DOM relay.
func frameDOM() (js.Value, bool) {
	in := js.Global().Get("extwasm")
	if in.Type() != js.TypeObject {
		return js.Value{}, false
	}
	in = in.Get("internal")
	if in.Type() != js.TypeObject || in.Get("_dom").Type() != js.TypeFunction {
		return js.Value{}, false
	}
	return in, true
}

// InFrame reports whether this content script's Go runs in the hidden extension frame (the page's CSP
// blocked WebAssembly in the content script), so that each DOM operation is a round trip.
func InFrame() bool {
	_, ok := frameDOM()
	return ok
}

// Document returns document.documentElement: the page's, in frame mode too.
func Document() (Element, error) {
	if InFrame() {
		return Element{framed: true}, nil
	}
	d := js.Global().Get("document")
	if d.Type() != js.TypeObject {
		return Element{}, ErrNoDocument
	}
	return Element{v: d.Get("documentElement")}, nil
}

// Hostname returns location.hostname of the context: of the page, in frame mode.
func Hostname() string {
	if in, ok := frameDOM(); ok {
		return in.Get("_pageHostname").String()
	}
	l := js.Global().Get("location")
	if l.Type() != js.TypeObject {
		return ""
	}
	return l.Get("hostname").String()
}

// call runs one DOM operation on the element in the page and returns its result.
func (e Element) call(op string, args ...any) (js.Value, error) {
	in, ok := frameDOM()
	if !ok {
		return js.Value{}, ErrNoDocument
	}
	text, err := json.Marshal(append([]any{e.handle()}, args...))
	if err != nil {
		return js.Value{}, err
	}
	var p js.Value
	if err := Try(func() { p = in.Call("_dom", op, string(text)) }); err != nil {
		return js.Value{}, err
	}
	runtime.KeepAlive(e.remote) // posted: a release sent from now on arrives after the operation
	v, err := Await(context.Background(), p)
	var jerr *Error
	if errors.As(err, &jerr) && jerr.Name == "ExtwasmHandleLimit" {
		return v, errors.Join(ErrTooManyElements, err)
	}
	return v, err
}

func (e Element) child(v js.Value) Element {
	if e.framed {
		r := &remoteElement{id: v.Int()}
		runtime.AddCleanup(r, queueRelease, r.id)
		return Element{remote: r, framed: true}
	}
	return Element{v: v}
}

// QueryAll returns the descendants of e matching the CSS selector.
func (e Element) QueryAll(selector string) ([]Element, error) {
	var list js.Value
	var err error
	if e.framed {
		list, err = e.call("queryAll", selector)
	} else {
		err = Try(func() { list = e.v.Call("querySelectorAll", selector) })
	}
	if err != nil {
		return nil, err
	}
	out := make([]Element, list.Length())
	for i := range out {
		out[i] = e.child(list.Index(i))
	}
	return out, nil
}

// Query returns the first descendant matching selector; ok is false when there is none.
func (e Element) Query(selector string) (el Element, ok bool, err error) {
	var v js.Value
	if e.framed {
		v, err = e.call("query", selector)
	} else {
		err = Try(func() { v = e.v.Call("querySelector", selector) })
	}
	if err != nil {
		return Element{}, false, err
	}
	if v.IsNull() || v.IsUndefined() {
		return Element{}, false, nil
	}
	return e.child(v), true, nil
}

// Attr returns the value of attribute name; ok is false when it is absent (or, in frame mode, when
// the page could not be asked).
func (e Element) Attr(name string) (value string, ok bool) {
	var v js.Value
	if e.framed {
		var err error
		if v, err = e.call("attr", name); err != nil {
			return "", false
		}
	} else {
		v = e.v.Call("getAttribute", name)
	}
	if v.Type() != js.TypeString {
		return "", false
	}
	return v.String(), true
}

// SetAttr sets attribute name to value (as text).
func (e Element) SetAttr(name, value string) error {
	if e.framed {
		_, err := e.call("setAttr", name, value)
		return err
	}
	return Try(func() { e.v.Call("setAttribute", name, value) })
}

// Value returns the element's value property (for inputs); "" in frame mode when the page could not
// be asked.
func (e Element) Value() string {
	if e.framed {
		v, err := e.call("value")
		if err != nil || v.Type() != js.TypeString {
			return ""
		}
		return v.String()
	}
	return e.v.Get("value").String()
}

// SetValue sets the value property as plain text. In frame mode a failed round trip goes unreported
// (the page went away): read Value back when it matters.
func (e Element) SetValue(text string) {
	if e.framed {
		_, _ = e.call("setValue", text)
		return
	}
	e.v.Set("value", text)
}

// Dispatch fires a bubbling event of the given type (for example "input") on the element, so page
// scripts that listen for user input see the change.
func (e Element) Dispatch(eventType string) error {
	if e.framed {
		_, err := e.call("dispatch", eventType)
		return err
	}
	return Try(func() {
		init := js.Global().Get("Object").New()
		init.Set("bubbles", true)
		ev := js.Global().Get("Event").New(eventType, init)
		e.v.Call("dispatchEvent", ev)
	})
}
