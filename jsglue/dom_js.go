package jsglue

import (
	"errors"
	"syscall/js"
)

// ErrNoDocument reports that the JavaScript context has no DOM (a service worker).
var ErrNoDocument = errors.New("jsglue: no document in this context")

// Element is a DOM element. Its methods read and write text only: nothing here parses HTML.
type Element struct{ v js.Value }

// Document returns document.documentElement.
func Document() (Element, error) {
	d := js.Global().Get("document")
	if d.Type() != js.TypeObject {
		return Element{}, ErrNoDocument
	}
	return Element{d.Get("documentElement")}, nil
}

// Hostname returns location.hostname of the context.
func Hostname() string {
	l := js.Global().Get("location")
	if l.Type() != js.TypeObject {
		return ""
	}
	return l.Get("hostname").String()
}

// QueryAll returns the descendants of e matching the CSS selector.
func (e Element) QueryAll(selector string) ([]Element, error) {
	var list js.Value
	if err := Try(func() { list = e.v.Call("querySelectorAll", selector) }); err != nil {
		return nil, err
	}
	out := make([]Element, list.Length())
	for i := range out {
		out[i] = Element{list.Index(i)}
	}
	return out, nil
}

// Query returns the first descendant matching selector; ok is false when there is none.
func (e Element) Query(selector string) (el Element, ok bool, err error) {
	var v js.Value
	if err := Try(func() { v = e.v.Call("querySelector", selector) }); err != nil {
		return Element{}, false, err
	}
	if v.IsNull() || v.IsUndefined() {
		return Element{}, false, nil
	}
	return Element{v}, true, nil
}

// Attr returns the value of attribute name; ok is false when it is absent.
func (e Element) Attr(name string) (value string, ok bool) {
	v := e.v.Call("getAttribute", name)
	if v.Type() != js.TypeString {
		return "", false
	}
	return v.String(), true
}

// SetAttr sets attribute name to value (as text).
func (e Element) SetAttr(name, value string) error {
	return Try(func() { e.v.Call("setAttribute", name, value) })
}

// Value returns the element's value property (for inputs).
func (e Element) Value() string { return e.v.Get("value").String() }

// SetValue sets the value property as plain text.
func (e Element) SetValue(text string) { e.v.Set("value", text) }

// Dispatch fires a bubbling event of the given type (for example "input") on the element, so page
// scripts that listen for user input see the change.
func (e Element) Dispatch(eventType string) error {
	return Try(func() {
		init := js.Global().Get("Object").New()
		init.Set("bubbles", true)
		ev := js.Global().Get("Event").New(eventType, init)
		e.v.Call("dispatchEvent", ev)
	})
}
