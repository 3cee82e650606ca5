package dom

import "github.com/dop251/goja"

// EventTarget is anything events are dispatched to: nodes and the Window.
type EventTarget interface {
	// Listen adds a Go listener for the bubbling/target phase and returns
	// the function that removes it. Go listeners run in registration order
	// among the JS listeners of every realm.
	Listen(typ string, fn func(*Event)) (remove func())
	// Dispatch fires ev at the target and reports whether the default
	// action may go ahead (false when a listener called preventDefault on a
	// cancelable event). It fails when ev is already being dispatched.
	Dispatch(ev *Event) (bool, error)

	et() *eventTarget
}

// eventTarget is the listener list shared by every realm: registration
// order here is the call order, whichever realm registered.
type eventTarget struct {
	self      EventTarget
	listeners []*listener
	// handlers are the event handler attributes set (onclick, onload, …), one per world and event
	// type as in Chromium: each is a listener registered where the handler was first set, as
	// HTML's event handlers are (handlers.go).
	handlers map[handlerKey]*listener
}

func (t *eventTarget) et() *eventTarget { return t }

type listener struct {
	typ     string
	capture bool
	once    bool
	passive bool
	removed bool
	goFn    func(*Event)
	js      *Binding     // realm of a JS listener
	fn      *goja.Object // the JS callback (function or object with handleEvent)
	// handler marks an event handler attribute, whose false return cancels the event; src is a
	// content attribute's code, compiled on first use (fn nil until then, and if refused).
	handler bool
	src     string
	el      *Element // the element whose content attribute src is
}

// Listen adds a Go listener; see EventTarget.
func (t *eventTarget) Listen(typ string, fn func(*Event)) func() {
	l := &listener{typ: typ, goFn: fn}
	t.listeners = append(t.listeners, l)
	return func() { t.remove(l) }
}

func (t *eventTarget) remove(l *listener) {
	l.removed = true
	for i, x := range t.listeners {
		if x == l {
			t.listeners = append(t.listeners[:i], t.listeners[i+1:]...)
			return
		}
	}
}

// addJS adds a JS listener unless the same callback from the same realm
// is already registered for this type and capture flag (the DOM ignores
// such duplicates).
func (t *eventTarget) addJS(l *listener) {
	for _, x := range t.listeners {
		if x.js == l.js && x.fn == l.fn && x.typ == l.typ && x.capture == l.capture {
			return
		}
	}
	t.listeners = append(t.listeners, l)
}

func (t *eventTarget) removeJS(b *Binding, fn *goja.Object, typ string, capture bool) {
	for _, x := range t.listeners {
		if x.js == b && x.fn == fn && x.typ == typ && x.capture == capture {
			t.remove(x)
			return
		}
	}
}

// Window is the event target above a document: what `window` is in every
// realm bound to the document.
type Window struct {
	eventTarget
	doc *Document
}

// Document is the window's document.
func (w *Window) Document() *Document { return w.doc }

// Event phases, as Event.eventPhase reports them.
const (
	PhaseNone      = 0
	PhaseCapturing = 1
	PhaseAtTarget  = 2
	PhaseBubbling  = 3
)

type eventKind int

const (
	kindEvent eventKind = iota
	kindInput
	kindCustom
	kindPageTransition
	kindMessage
)

// Event is one event object, shared by every realm that sees it (each
// realm has its own wrapper).
type Event struct {
	typ        string
	bubbles    bool
	cancelable bool
	composed   bool
	trusted    bool
	timeStamp  float64
	kind       eventKind

	target        EventTarget
	currentTarget EventTarget
	phase         int
	canceled      bool
	stop          bool
	stopNow       bool
	dispatching   bool
	inPassive     bool
	// uninitialized: made by document.createEvent and not yet given a type by initEvent, which
	// dispatchEvent refuses.
	uninitialized bool

	// PageTransitionEvent
	persisted bool

	// InputEvent
	data        *string
	inputType   string
	isComposing bool

	// CustomEvent: the detail value, the realm it belongs to, and its
	// copies for other realms.
	detail      goja.Value
	detailRealm *Binding
	detailCopy  map[*Binding]goja.Value

	// UIEvent and its subclasses: the init dictionary's members (uievents.go), and the view.
	ui   map[string]any
	view *Window

	// MessageEvent
	msg *messageFields
	// drainAfter runs each JS listener's realm's microtasks when it returns, as a task that
	// dispatches the event from an empty stack does (postMessage's delivery).
	drainAfter bool

	path []EventTarget // during dispatch, for composedPath()
}

// EventInit carries the options of the Event constructor.
type EventInit struct {
	Bubbles    bool
	Cancelable bool
	Composed   bool
}

// NewEvent makes a trusted event, as the browser itself fires
// (isTrusted is true).
func NewEvent(typ string, init EventInit) *Event {
	return &Event{typ: typ, bubbles: init.Bubbles, cancelable: init.Cancelable, composed: init.Composed, trusted: true}
}

// NewInputEvent makes a trusted InputEvent such as typing produces, with
// its data and inputType ("insertText", ...).
func NewInputEvent(typ string, init EventInit, data, inputType string) *Event {
	ev := NewEvent(typ, init)
	ev.kind = kindInput
	ev.data = &data
	ev.inputType = inputType
	return ev
}

// Type is the event type.
func (ev *Event) Type() string { return ev.typ }

// Bubbles reports whether the event bubbles.
func (ev *Event) Bubbles() bool { return ev.bubbles }

// DefaultPrevented reports whether a listener canceled the event.
func (ev *Event) DefaultPrevented() bool { return ev.canceled }

// Target is the target of the current or last dispatch.
func (ev *Event) Target() EventTarget { return ev.target }

// CurrentTarget is the target whose listeners are running, nil outside dispatch.
func (ev *Event) CurrentTarget() EventTarget { return ev.currentTarget }

// PreventDefault cancels a cancelable event (ignored inside passive listeners).
func (ev *Event) PreventDefault() {
	if ev.cancelable && !ev.inPassive {
		ev.canceled = true
	}
}

// StopPropagation stops the event after the current target's listeners.
func (ev *Event) StopPropagation() { ev.stop = true }

// StopImmediatePropagation stops the event before the next listener.
func (ev *Event) StopImmediatePropagation() { ev.stop, ev.stopNow = true, true }

// initEvent re-initialises an event that is not being dispatched, as Event.initEvent does: a new
// type and flags, and the stop, cancel and target state of any earlier dispatch cleared.
func (ev *Event) initEvent(typ string, bubbles, cancelable bool) {
	if ev.dispatching {
		return
	}
	ev.uninitialized = false
	ev.typ, ev.bubbles, ev.cancelable = typ, bubbles, cancelable
	ev.stop, ev.stopNow, ev.canceled, ev.trusted = false, false, false, false
	ev.target = nil
}

// parentTarget is the next target up the propagation path: the parent
// node, then the window for a document. A shadow root passes the event to
// its host unless the event is not composed and began in that shadow tree.
func (ev *Event) parentTarget(t, first EventTarget) EventTarget {
	switch x := t.(type) {
	case *Document:
		return x.window
	case *DocumentFragment:
		if x.shadow != nil {
			if fn, ok := first.(Node); ok && !ev.composed && Root(fn) == Node(x) {
				return nil
			}
			return x.shadow.host
		}
		if p := x.Parent(); p != nil {
			return p
		}
	case Node:
		if p := x.Parent(); p != nil {
			return p
		}
	}
	return nil
}

// Dispatch fires ev at t: capture listeners from the window down, then
// the target's, then (if it bubbles) up to the window again. Listeners of
// every realm run in registration order; an exception in one is reported
// to its realm's OnError and does not stop the others.
func (t *eventTarget) Dispatch(ev *Event) (bool, error) {
	if ev.dispatching {
		return false, domErr("InvalidStateError", "The event is already being dispatched.")
	}
	ev.dispatching = true
	var path []EventTarget
	for x := t.self; x != nil; x = ev.parentTarget(x, t.self) {
		path = append(path, x)
	}
	// Each listener sees the target retargeted against its own place: outside a shadow tree, the
	// tree's host stands for what is inside it.
	targets := make([]EventTarget, len(path))
	inShadow := false
	for i, x := range path {
		targets[i] = retarget(t.self, x)
		inShadow = inShadow || targets[i] != t.self
	}
	ev.path = path
	ev.phase = PhaseCapturing
	for i := len(path) - 1; i > 0 && !ev.stop; i-- {
		ev.target = targets[i]
		invoke(path[i], ev, func(l *listener) bool { return l.capture })
	}
	ev.phase = PhaseAtTarget
	ev.target = targets[0]
	if !ev.stop {
		invoke(path[0], ev, func(l *listener) bool { return l.capture })
	}
	if !ev.stop {
		invoke(path[0], ev, func(l *listener) bool { return !l.capture })
	}
	if ev.bubbles {
		ev.phase = PhaseBubbling
		for i := 1; i < len(path) && !ev.stop; i++ {
			ev.target = targets[i]
			invoke(path[i], ev, func(l *listener) bool { return !l.capture })
		}
	}
	ev.phase = PhaseNone
	ev.path = nil
	ev.currentTarget = nil
	ev.target = t.self
	if inShadow {
		// The standard clears a target inside a shadow tree once dispatch ends.
		ev.target = nil
	}
	ev.dispatching = false
	ev.stop, ev.stopNow = false, false
	return !ev.canceled, nil
}

func invoke(t EventTarget, ev *Event, want func(*listener) bool) {
	ev.currentTarget = t
	// A snapshot: listeners added during dispatch wait for the next event,
	// removed ones are skipped through their removed flag.
	ls := append([]*listener(nil), t.et().listeners...)
	for _, l := range ls {
		if l.removed || l.typ != ev.typ || !want(l) {
			continue
		}
		if l.once {
			t.et().remove(l)
		}
		ev.inPassive = l.passive
		if l.goFn != nil {
			l.goFn(ev)
		} else {
			l.js.callListener(l, ev)
			if ev.drainAfter && l.js.opts.Drain != nil {
				l.js.opts.Drain()
			}
		}
		ev.inPassive = false
		if ev.stopNow {
			return
		}
	}
}
