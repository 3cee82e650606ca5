package dom

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/dop251/goja"
)

// Options configure one realm's view of a document.
type Options struct {
	// OnError receives what this realm's event listeners throw. Dispatch
	// goes on with the next listener either way, as in browsers, which
	// report such exceptions to the console.
	OnError func(err error)
	// Now is the realm's clock in milliseconds, for Event.timeStamp
	// (nil: 0), so that the simulator's virtual clock shows through.
	Now func() float64
	// Clone and Revive are the realm's structured clone (a value to its text, and back; an object
	// the message transfers is written as its index in the transfer list, and revived by it), Post
	// queues a task on the realm's event loop and Drain runs its microtasks: with all four set,
	// the realm has window.postMessage, MessageChannel and MessagePort.
	Clone  func(v goja.Value, transferred func(*goja.Object) (int, bool)) (string, error)
	Revive func(text string, transferred func(int) goja.Value) (goja.Value, error)
	Post   func(func())
	Drain  func()
	// ContentWindow is the window of the frame an iframe element shows, as this realm sees it
	// (iframe.contentWindow); nil, or a nil result, is null.
	ContentWindow func(el *Element) goja.Value
}

// Binding is one realm's view of a document: its global `window`,
// `document`, `location`, the DOM interface objects, and one wrapper
// object per node, event and collection, created on first use and then
// kept, so that identity holds within the realm.
type Binding struct {
	vm   *goja.Runtime
	doc  *Document
	opts Options
	// observers are the realm's MutationObservers with registrations, in the order they first
	// observed; deliveryQueued is set while a delivery of their records is scheduled.
	observers      []*mutationObserver
	deliveryQueued bool
	deliver        goja.Value    // calls deliverMutations
	microtask      goja.Callable // queues a function as a microtask of the realm

	wrappers map[any]*goja.Object // Go object (or collection key) → wrapper
	objs     map[*goja.Object]any // wrapper → Go object

	protos       map[string]*goja.Object
	protoNames   map[string]map[string]bool
	domException goja.Value
	ctorFactory  goja.Value
	location     *goja.Object
	// style is element.style's and getComputedStyle's machinery (style.js), built on first use.
	style *styleAPI
}

// Bind installs the DOM for doc into vm: `window` (the realm's global
// object, which becomes an EventTarget for doc's Window), `document`,
// `location` and the interface objects (Node, Element, HTMLElement,
// HTMLInputElement, Event, ...). A document can be bound to many realms;
// they share the tree and events but not wrappers or globals, like
// Chrome's isolated worlds. A realm can be bound once.
func Bind(vm *goja.Runtime, doc *Document, opts Options) (*Binding, error) {
	if vm == nil || doc == nil {
		return nil, errors.New("dom: Bind needs a runtime and a document")
	}
	if _, dup := doc.realms[vm]; dup {
		return nil, errors.New("dom: this runtime is already bound to the document")
	}
	b := &Binding{
		vm: vm, doc: doc, opts: opts,
		wrappers: map[any]*goja.Object{},
		objs:     map[*goja.Object]any{},
		protos:   map[string]*goja.Object{},

		protoNames: map[string]map[string]bool{},
	}
	var err error
	if ex := vm.Try(func() { err = b.install() }); ex != nil {
		return nil, fmt.Errorf("dom: installing the DOM: %w", ex)
	}
	if err != nil {
		return nil, err
	}
	doc.realms[vm] = b
	return b, nil
}

// Runtime is the realm this binding serves.
func (b *Binding) Runtime() *goja.Runtime { return b.vm }

// Document is the bound document.
func (b *Binding) Document() *Document { return b.doc }

// Wrap returns this realm's wrapper for a Node, *Event or *Window (null
// for nil).
func (b *Binding) Wrap(x any) goja.Value { return b.wrap(x) }

// Unwrap returns the Go object behind one of this realm's wrappers.
func (b *Binding) Unwrap(v goja.Value) (any, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	x, ok := b.objs[o]
	return x, ok
}

const domExceptionSource = `(function () {
	const codes = {IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4,
		InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8,
		NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13,
		NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18,
		NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22,
		TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25};
	class DOMException extends Error {
		constructor(message = "", name = "Error") {
			super(String(message));
			Object.defineProperty(this, "name", {value: String(name), configurable: true, writable: true});
		}
		get code() { return codes[this.name] || 0; }
	}
	Object.defineProperty(globalThis, "DOMException", {value: DOMException, writable: true, configurable: true});
	return DOMException;
})()`

const ctorFactorySource = `(function (name, native, notNew) {
	const f = {[name]: function (...args) {
		if (new.target === undefined) throw new TypeError(notNew);
		return native(new.target, ...args);
	}}[name];
	Object.defineProperty(f, "length", {value: 0, configurable: true});
	return f;
})`

// The two scripts every bind runs, compiled once per process rather than once per realm.
var (
	domExceptionProgram = goja.MustCompile("", domExceptionSource, false)
	ctorFactoryProgram  = goja.MustCompile("", ctorFactorySource, false)
)

func (b *Binding) install() error {
	vm := b.vm
	if c := vm.GlobalObject().Get("DOMException"); c != nil && !goja.IsUndefined(c) {
		b.domException = c
	} else {
		v, err := vm.RunProgram(domExceptionProgram)
		if err != nil {
			return fmt.Errorf("dom: installing DOMException: %w", err)
		}
		b.domException = v
	}
	f, err := vm.RunProgram(ctorFactoryProgram)
	if err != nil {
		return fmt.Errorf("dom: installing interface objects: %w", err)
	}
	b.ctorFactory = f
	b.installEvents()
	b.installNodes()
	b.installCollections()
	b.installWindow()
	b.installLifecycle()
	b.installDOMParser()
	b.installMessaging()
	b.installMutationObserver()
	b.installEventHandlers()
	b.installHistory()
	if err := b.installRendering(); err != nil {
		return err
	}
	return b.installTraversal()
}

// iface is one interface being installed: its prototype and name (for
// error messages).
type iface struct {
	b     *Binding
	name  string
	ctor  *goja.Object
	proto *goja.Object
}

// defineInterface creates the interface object `name` inheriting from
// parent. construct is nil for interfaces scripts cannot construct.
func (b *Binding) defineInterface(name, parent string, construct func(goja.ConstructorCall) *goja.Object) *iface {
	vm := b.vm
	if construct == nil {
		construct = func(goja.ConstructorCall) *goja.Object {
			panic(vm.NewTypeError("Failed to construct '" + name + "': Illegal constructor"))
		}
	}
	// goja's native constructors cannot tell `new X()` from `X()`, so the
	// interface object is a JS function that checks new.target and hands
	// it to Go, which builds the instance on new.target.prototype (so
	// subclasses work).
	native := vm.ToValue(func(c goja.FunctionCall) goja.Value {
		nt, _ := c.Argument(0).(*goja.Object)
		var proto *goja.Object
		if nt != nil {
			proto, _ = nt.Get("prototype").(*goja.Object)
		}
		if proto == nil {
			proto = b.protos[name]
		}
		this := vm.CreateObject(proto)
		args := c.Arguments
		if len(args) > 0 {
			args = args[1:]
		}
		if r := construct(goja.ConstructorCall{This: this, Arguments: args, NewTarget: nt}); r != nil {
			return r
		}
		return this
	})
	mk, _ := goja.AssertFunction(b.ctorFactory)
	cv, err := mk(goja.Undefined(), vm.ToValue(name), native,
		vm.ToValue(fmt.Sprintf("Failed to construct '%s': Please use the 'new' operator, this DOM object constructor cannot be called as a function.", name)))
	if err != nil {
		panic(err)
	}
	ctor := cv.(*goja.Object)
	proto := ctor.Get("prototype").(*goja.Object)
	if parent != "" {
		pp := b.protos[parent]
		_ = proto.SetPrototype(pp)
		_ = ctor.SetPrototype(pp.Get("constructor").(*goja.Object))
	}
	_ = proto.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	b.protos[name] = proto
	_ = vm.GlobalObject().DefineDataProperty(name, ctor, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	return &iface{b: b, name: name, ctor: ctor, proto: proto}
}

// constant defines a constant on the interface object and its prototype.
func (i *iface) constant(name string, v int) {
	val := i.b.vm.ToValue(v)
	_ = i.ctor.DefineDataProperty(name, val, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = i.proto.DefineDataProperty(name, val, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// thisAs resolves a receiver to the Go object of type T it wraps; an
// undefined receiver means the window, as for the global object's
// operations. Anything else is an "Illegal invocation", as in Chrome.
func thisAs[T any](b *Binding, this goja.Value) T {
	obj, ok := this.(*goja.Object)
	if this == nil || goja.IsUndefined(this) || goja.IsNull(this) {
		obj, ok = b.vm.GlobalObject(), true
	}
	if !ok {
		panic(b.vm.NewTypeError("Illegal invocation"))
	}
	v, ok := b.objs[obj].(T)
	if !ok {
		panic(b.vm.NewTypeError("Illegal invocation"))
	}
	return v
}

// attr defines a WebIDL attribute (an accessor on the prototype).
func attr[T any](i *iface, name string, get func(T) goja.Value, set func(T, goja.Value)) {
	b := i.b
	g := b.vm.ToValue(func(c goja.FunctionCall) goja.Value { return get(thisAs[T](b, c.This)) })
	var s goja.Value
	if set != nil {
		s = b.vm.ToValue(func(c goja.FunctionCall) goja.Value {
			set(thisAs[T](b, c.This), c.Argument(0))
			return goja.Undefined()
		})
	}
	_ = i.proto.DefineAccessorProperty(name, g, s, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// method defines a WebIDL operation that needs at least nargs arguments.
func method[T any](i *iface, name string, nargs int, f func(T, goja.FunctionCall) goja.Value) {
	b := i.b
	fn := b.vm.ToValue(func(c goja.FunctionCall) goja.Value {
		this := thisAs[T](b, c.This)
		if len(c.Arguments) < nargs {
			plural := "s"
			if nargs == 1 {
				plural = ""
			}
			panic(b.vm.NewTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': %d argument%s required, but only %d present.",
				name, i.name, nargs, plural, len(c.Arguments))))
		}
		r := f(this, c)
		if r == nil {
			return goja.Undefined()
		}
		return r
	}).(*goja.Object)
	_ = fn.DefineDataProperty("name", b.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = fn.DefineDataProperty("length", b.vm.ToValue(nargs), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	_ = i.proto.DefineDataProperty(name, fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// fail throws err into JS: a DOMError as a DOMException (or TypeError)
// with Chrome's "Failed to execute" prefix.
func (b *Binding) fail(err error, op, ifaceName string) {
	if err == nil {
		return
	}
	msg := fmt.Sprintf("Failed to execute '%s' on '%s': ", op, ifaceName)
	var de *DOMError
	if !errors.As(err, &de) {
		panic(b.vm.NewTypeError(msg + err.Error()))
	}
	if de.Name == "TypeError" {
		panic(b.vm.NewTypeError(msg + de.Message))
	}
	b.throwDOM(de.Name, msg+de.Message)
}

func (b *Binding) throwDOM(name, msg string) {
	ex, err := b.vm.New(b.domException, b.vm.ToValue(msg), b.vm.ToValue(name))
	if err != nil {
		panic(b.vm.NewTypeError(msg))
	}
	panic(ex)
}

// str converts a JS value to a DOMString (ToString: undefined becomes
// "undefined", objects their toString(); Symbols throw).
func (b *Binding) str(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	return v.ToString().String()
}

// strNull is str for [LegacyNullToEmptyString] and nullable-string
// setters: null becomes "".
func (b *Binding) strNull(v goja.Value) string {
	if v == nil || goja.IsNull(v) {
		return ""
	}
	return b.str(v)
}

func (b *Binding) val(v any) goja.Value { return b.vm.ToValue(v) }

// wrap returns the realm's wrapper for a Go DOM object, creating it on
// first use.
func (b *Binding) wrap(x any) goja.Value {
	switch v := x.(type) {
	case nil:
		return goja.Null()
	case *Element:
		if v == nil {
			return goja.Null()
		}
	case *Document:
		if v == nil {
			return goja.Null()
		}
	case *Text:
		if v == nil {
			return goja.Null()
		}
	case *DocumentFragment:
		if v == nil {
			return goja.Null()
		}
	case *Event:
		if v == nil {
			return goja.Null()
		}
	case *Window:
		if v == nil {
			return goja.Null()
		}
	case *MessagePort:
		if v == nil {
			return goja.Null()
		}
	}
	if o, ok := b.wrappers[x]; ok {
		return o
	}
	proto := b.protoFor(x)
	if proto == nil {
		return goja.Null()
	}
	o := b.vm.CreateObject(proto)
	b.register(x, o)
	if ev, ok := x.(*Event); ok {
		b.eventOwnProps(o, ev)
	}
	return o
}

func (b *Binding) register(x any, o *goja.Object) {
	b.wrappers[x] = o
	b.objs[o] = x
}

// interfaceFor names the most derived interface of a node or event.
func interfaceFor(x any) string {
	switch v := x.(type) {
	case *Document:
		return "HTMLDocument"
	case *Element:
		if v.ns != NamespaceHTML {
			return "Element"
		}
		switch v.local {
		case "input":
			return "HTMLInputElement"
		case "form":
			return "HTMLFormElement"
		case "iframe":
			return "HTMLIFrameElement"
		case "textarea":
			return "HTMLTextAreaElement"
		case "select":
			return "HTMLSelectElement"
		case "option":
			return "HTMLOptionElement"
		case "button":
			return "HTMLButtonElement"
		case "a":
			return "HTMLAnchorElement"
		case "link":
			return "HTMLLinkElement"
		case "img":
			return "HTMLImageElement"
		case "script":
			return "HTMLScriptElement"
		case "canvas":
			return "HTMLCanvasElement"
		case "dialog":
			return "HTMLDialogElement"
		case "template":
			return "HTMLTemplateElement"
		}
		if n, ok := plainHTMLInterfaces[v.local]; ok {
			return n
		}
		return "HTMLElement"
	case *Text:
		return "Text"
	case *Comment:
		return "Comment"
	case *DocumentType:
		return "DocumentType"
	case *DocumentFragment:
		if v.shadow != nil {
			return "ShadowRoot"
		}
		return "DocumentFragment"
	case *Event:
		switch v.kind {
		case kindInput:
			return "InputEvent"
		case kindCustom:
			return "CustomEvent"
		case kindPageTransition:
			return "PageTransitionEvent"
		case kindMessage:
			return "MessageEvent"
		}
		if n, ok := uiKindNames[v.kind]; ok {
			return n
		}
		return "Event"
	case *eventTarget:
		return "EventTarget"
	case *MessagePort:
		return "MessagePort"
	case *messageChannel:
		return "MessageChannel"
	case *mutationObserver:
		return "MutationObserver"
	case *domImplementation:
		return "DOMImplementation"
	case *nodeIterator:
		return "NodeIterator"
	case *Mutation:
		return "MutationRecord"
	}
	return ""
}

func (b *Binding) protoFor(x any) *goja.Object {
	if _, ok := x.(*Window); ok {
		return nil // the window's wrapper is the global object
	}
	return b.protos[interfaceFor(x)]
}

// nodeArg converts an argument to a Node of this realm or throws the
// WebIDL TypeError.
func (b *Binding) nodeArg(v goja.Value, op, ifaceName string, pos int) Node {
	if o, ok := v.(*goja.Object); ok {
		if n, ok := b.objs[o].(Node); ok {
			return n
		}
	}
	panic(b.vm.NewTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': parameter %d is not of type 'Node'.", op, ifaceName, pos)))
}

// nodesOrStrings converts the arguments of append()/prepend()/... : nodes
// stay, anything else becomes a text node of its string value.
func (b *Binding) nodesOrStrings(args []goja.Value) []Node {
	out := make([]Node, 0, len(args))
	for _, a := range args {
		if o, ok := a.(*goja.Object); ok {
			if n, ok := b.objs[o].(Node); ok {
				out = append(out, n)
				continue
			}
		}
		out = append(out, b.doc.CreateTextNode(b.str(a)))
	}
	return out
}

// arrayIndex parses a canonical array index ("0", "17"; not "01", "-1").
func arrayIndex(key string) (int, bool) {
	if key == "" || len(key) > 10 || (len(key) > 1 && key[0] == '0') {
		return 0, false
	}
	n, err := strconv.Atoi(key)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// callListener runs a JS listener in this realm with this realm's
// wrappers for the event and the current target.
func (b *Binding) callListener(l *listener, ev *Event) {
	if l.handler && !b.compileHandler(l) {
		return
	}
	evw := b.wrap(ev)
	this := b.wrap(ev.currentTarget)
	var err error
	if ex := b.vm.Try(func() {
		if f, ok := goja.AssertFunction(l.fn); ok {
			var r goja.Value
			r, err = f(this, evw)
			// An event handler that returns false cancels the event.
			if l.handler && err == nil && r != nil && r.ExportType() != nil && r.StrictEquals(b.vm.ToValue(false)) {
				ev.PreventDefault()
			}
			return
		}
		if l.handler {
			return // an event handler object is not called: only functions are
		}
		h := l.fn.Get("handleEvent")
		f, ok := goja.AssertFunction(h)
		if !ok {
			panic(b.vm.NewTypeError("The 'handleEvent' property of the event listener is not callable."))
		}
		_, err = f(l.fn, evw)
	}); ex != nil {
		err = ex
	}
	if err != nil && b.opts.OnError != nil {
		b.opts.OnError(err)
	}
}
