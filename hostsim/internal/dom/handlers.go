package dom

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

// globalEventHandlers are the on<type> attributes of every HTML element, the document and the
// window (HTML's GlobalEventHandlers and DocumentAndElementEventHandlers, as Chromium 156 has them:
// no onfocusin, for one).
var globalEventHandlers = strings.Fields(`abort animationend animationiteration animationstart
auxclick beforeinput beforetoggle blur cancel canplay canplaythrough change click close
contextlost contextmenu contextrestored copy cuechange cut dblclick drag dragend dragenter
dragleave dragover dragstart drop durationchange emptied ended error focus formdata input invalid
keydown keypress keyup load loadeddata loadedmetadata loadstart mousedown mouseenter mouseleave
mousemove mouseout mouseover mouseup mousewheel paste pause play playing pointercancel pointerdown
pointerenter pointerleave pointermove pointerout pointerover pointerup progress ratechange reset
resize scroll scrollend securitypolicyviolation seeked seeking select selectionchange
selectstart slotchange stalled submit suspend timeupdate toggle touchcancel touchend touchmove
touchstart transitioncancel transitionend transitionrun transitionstart volumechange waiting
webkitanimationend webkitanimationiteration webkitanimationstart webkittransitionend wheel`)

// windowEventHandlers are the window's own (WindowEventHandlers). On <body> and <frameset> these
// and blur, error, focus, load, resize and scroll are the window's handlers, not the element's.
var windowEventHandlers = strings.Fields(`afterprint beforeprint beforeunload hashchange
languagechange message messageerror offline online pagehide pageshow popstate rejectionhandled
storage unhandledrejection unload`)

var (
	isGlobalHandler = set(globalEventHandlers)
	isWindowHandler = set(windowEventHandlers)
	// bodyForwards are the global handlers that <body> and <frameset> forward to the window.
	bodyForwards = set(strings.Fields("blur error focus load resize scroll"))
)

func set(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// handlerKey is one world's event handler attribute of one type.
type handlerKey struct {
	b   *Binding
	typ string
}

// handlerTarget is where element e's on<typ> lives: the window for <body>'s and <frameset>'s
// window handlers.
func handlerTarget(e *Element, typ string) EventTarget {
	if (e.isHTML("body") || e.isHTML("frameset")) && (isWindowHandler[typ] || bodyForwards[typ]) {
		return e.doc.window
	}
	return e
}

// setHandler sets world b's on<typ> of t to l's callback: replacing the world's handler keeps its
// place in the listener list; nil removes it.
func setHandler(t EventTarget, b *Binding, typ string, l *listener) {
	et := t.et()
	key := handlerKey{b, typ}
	old := et.handlers[key]
	switch {
	case l == nil && old != nil:
		et.remove(old)
		delete(et.handlers, key)
	case l != nil && old != nil:
		old.fn, old.src, old.el = l.fn, l.src, l.el
	case l != nil:
		if et.handlers == nil {
			et.handlers = map[handlerKey]*listener{}
		}
		l.typ, l.js, l.handler = typ, b, true
		et.handlers[key] = l
		et.listeners = append(et.listeners, l)
	}
}

// getHandler is world b's on<typ> of t, compiled if it is a content attribute's; null if none.
func (b *Binding) getHandler(t EventTarget, typ string) goja.Value {
	l := t.et().handlers[handlerKey{b, typ}]
	if l == nil || !b.compileHandler(l) {
		return goja.Null()
	}
	return l.fn
}

// handlerAccessors defines, on each prototype given, an on<type> accessor for each of its types,
// all through the two natives get(this, type) and set(this, type, value), with one accessor pair
// per type shared by the prototypes that have it: a realm has some 350 of these attributes, and a
// function pair for each was a third of a realm's memory.
var handlerAccessors = goja.MustCompile("dom-handlers.js", `(function (get, set, protos, names) {
	"use strict";
	// One getter and one setter per type, shared by every prototype that has the attribute.
	// Indexed loops: for…of allocates an iterator result per step, some 350 of them per realm.
	const accessors = new Map();
	for (let i = 0; i < protos.length; i++) {
		const list = names[i];
		for (let j = 0; j < list.length; j++) {
			const typ = list[j];
			let d = accessors.get(typ);
			if (d === undefined) {
				d = {get() { return get(this, typ); }, set(v) { set(this, typ, v); }, enumerable: true, configurable: true};
				accessors.set(typ, d);
			}
			Object.defineProperty(protos[i], "on" + typ, d);
		}
	}
})`, true)

// handlerTargetOf is where the on<typ> of the platform object this lives: an element's own (or
// the window's, for <body>'s window handlers), the document's, the window's.
func (b *Binding) handlerTargetOf(this goja.Value, typ string) EventTarget {
	obj, ok := this.(*goja.Object)
	if this == nil || goja.IsUndefined(this) || goja.IsNull(this) {
		obj, ok = b.vm.GlobalObject(), true
	}
	if ok {
		switch x := b.objs[obj].(type) {
		case *Element:
			return handlerTarget(x, typ)
		case *Document:
			return x
		case *Window:
			return x
		}
	}
	panic(b.vm.NewTypeError("Illegal invocation"))
}

// installEventHandlers defines the event handler attributes of HTML elements, the document and
// the window.
func (b *Binding) installEventHandlers() {
	vm := b.vm
	get := func(this goja.Value, typ string) goja.Value { return b.getHandler(b.handlerTargetOf(this, typ), typ) }
	set := func(this goja.Value, typ string, v goja.Value) {
		t := b.handlerTargetOf(this, typ)
		// EventHandler is a nullable callback: anything but a function or an object sets null.
		fn, ok := v.(*goja.Object)
		if !ok {
			setHandler(t, b, typ, nil)
			return
		}
		setHandler(t, b, typ, &listener{fn: fn})
	}
	both := append(append([]string(nil), globalEventHandlers...), windowEventHandlers...)
	protos := []any{b.protos["HTMLElement"], b.protos["HTMLBodyElement"], b.protos["Document"], b.protos["Window"]}
	names := []any{globalEventHandlers, windowEventHandlers, globalEventHandlers, both}
	v, err := vm.RunProgram(handlerAccessors)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(v)
	if _, err := fn(goja.Undefined(), vm.ToValue(get), vm.ToValue(set), vm.NewArray(protos...), vm.NewArray(names...)); err != nil {
		panic(err)
	}
	if len(b.doc.realms) == 0 {
		// The first world bound to a document is its main world, where content attributes
		// (onclick="…") compile: handlers for the ones already parsed, in tree order.
		b.doc.mainWorld = b
		for _, e := range descendants(b.doc) {
			for _, a := range e.attrs {
				b.contentHandlerChanged(e, a.Name)
			}
		}
	}
}

// contentHandlerChanged follows element e's content attribute name, when it is an event handler,
// into the main world's handler: set, replaced in place, or removed.
func (b *Binding) contentHandlerChanged(e *Element, name string) {
	typ, ok := strings.CutPrefix(name, "on")
	if !ok || e.ns != NamespaceHTML || !(isGlobalHandler[typ] || ((e.isHTML("body") || e.isHTML("frameset")) && isWindowHandler[typ])) {
		return
	}
	t := handlerTarget(e, typ)
	src, present := e.Attr(name)
	if !present {
		setHandler(t, b, typ, nil)
		return
	}
	setHandler(t, b, typ, &listener{src: src, el: e})
}

// compileHandler compiles a content attribute's handler on first use, as HTML's "getting the
// current value of the event handler" does: a function of event (or the window's onerror's five
// arguments) with the document, the element's form and the element in scope, refused when the
// page's policy (Document.SetInlineHandlerCheck) does not allow inline handlers. It reports
// whether l has a callback.
func (b *Binding) compileHandler(l *listener) bool {
	if l.fn != nil {
		return true
	}
	if l.el == nil {
		return false
	}
	if check := b.doc.inlineHandlers; check != nil && !check(l.src) {
		l.el = nil // refused once: the handler stays null
		return false
	}
	params := "event"
	if l.typ == "error" && l.el.doc.window == handlerTarget(l.el, "error") {
		params = "event, source, lineno, colno, error"
	}
	form := goja.Value(goja.Null())
	if f := l.el.Form(); f != nil {
		form = b.wrap(f)
	}
	src := fmt.Sprintf("(function (document, form, element) { with (document) with (form || {}) with (element) return function on%s(%s) {\n%s\n}; })", l.typ, params, l.src)
	var fn *goja.Object
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		v, err := b.vm.RunScript("on"+l.typ, src)
		if err != nil {
			return err
		}
		mk, _ := goja.AssertFunction(v)
		r, err := mk(goja.Undefined(), b.wrap(l.el.doc), form, b.wrap(l.el))
		if err != nil {
			return err
		}
		fn = r.ToObject(b.vm)
		return nil
	}()
	l.el = nil
	if err != nil {
		if b.opts.OnError != nil {
			b.opts.OnError(err)
		}
		return false
	}
	l.fn = fn
	return true
}

// SetInlineHandlerCheck sets the page's policy for content-attribute event handlers: check is
// asked once per handler, before it compiles, and refuses it by returning false (it reports the
// refusal itself). Nil allows every handler.
func (d *Document) SetInlineHandlerCheck(check func(code string) bool) { d.inlineHandlers = check }
