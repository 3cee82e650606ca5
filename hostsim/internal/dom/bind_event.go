package dom

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

func (b *Binding) installEvents() {
	vm := b.vm

	et := b.defineInterface("EventTarget", "", func(c goja.ConstructorCall) *goja.Object {
		t := &eventTarget{}
		t.self = t
		b.register(t, c.This)
		return nil
	})
	method(et, "addEventListener", 2, func(t EventTarget, c goja.FunctionCall) goja.Value {
		typ := b.str(c.Argument(0))
		cb := c.Argument(1)
		fn, isObj := cb.(*goja.Object)
		if !isObj && !goja.IsNull(cb) && !goja.IsUndefined(cb) {
			panic(vm.NewTypeError("Failed to execute 'addEventListener' on 'EventTarget': The callback provided as parameter 2 is not an object."))
		}
		// The options are read even for a null callback, as Chromium does (their getters run).
		l := &listener{typ: typ, js: b, fn: fn}
		switch opt := c.Argument(2).(type) {
		case *goja.Object:
			l.capture, l.once, l.passive = option(opt, "capture"), option(opt, "once"), option(opt, "passive")
		default:
			l.capture = opt.ToBoolean()
		}
		if !isObj {
			return nil
		}
		t.et().addJS(l)
		return nil
	})
	method(et, "removeEventListener", 2, func(t EventTarget, c goja.FunctionCall) goja.Value {
		capture := false
		switch opt := c.Argument(2).(type) {
		case *goja.Object:
			capture = option(opt, "capture")
		default:
			capture = opt.ToBoolean()
		}
		fn, ok := c.Argument(1).(*goja.Object)
		if !ok {
			return nil
		}
		t.et().removeJS(b, fn, b.str(c.Argument(0)), capture)
		return nil
	})
	method(et, "dispatchEvent", 1, func(t EventTarget, c goja.FunctionCall) goja.Value {
		o, _ := c.Argument(0).(*goja.Object)
		ev, ok := b.objs[o].(*Event)
		if o == nil || !ok {
			panic(vm.NewTypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'."))
		}
		if ev.dispatching {
			b.throwDOM("InvalidStateError", "Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.")
		}
		if ev.uninitialized {
			b.throwDOM("InvalidStateError", "Failed to execute 'dispatchEvent' on 'EventTarget': The event provided is uninitialized.")
		}
		ev.trusted = false
		ok, err := t.Dispatch(ev)
		b.fail(err, "dispatchEvent", "EventTarget")
		return vm.ToValue(ok)
	})

	ev := b.defineInterface("Event", "", func(c goja.ConstructorCall) *goja.Object {
		b.newEvent(c, "Event", kindEvent)
		return nil
	})
	for n, v := range map[string]int{"NONE": PhaseNone, "CAPTURING_PHASE": PhaseCapturing, "AT_TARGET": PhaseAtTarget, "BUBBLING_PHASE": PhaseBubbling} {
		ev.constant(n, v)
	}
	attr(ev, "type", func(e *Event) goja.Value { return vm.ToValue(e.typ) }, nil)
	attr(ev, "target", func(e *Event) goja.Value { return b.wrapTarget(e.target) }, nil)
	attr(ev, "srcElement", func(e *Event) goja.Value { return b.wrapTarget(e.target) }, nil)
	attr(ev, "currentTarget", func(e *Event) goja.Value { return b.wrapTarget(e.currentTarget) }, nil)
	attr(ev, "eventPhase", func(e *Event) goja.Value { return vm.ToValue(e.phase) }, nil)
	attr(ev, "bubbles", func(e *Event) goja.Value { return vm.ToValue(e.bubbles) }, nil)
	attr(ev, "cancelable", func(e *Event) goja.Value { return vm.ToValue(e.cancelable) }, nil)
	attr(ev, "composed", func(e *Event) goja.Value { return vm.ToValue(e.composed) }, nil)
	attr(ev, "defaultPrevented", func(e *Event) goja.Value { return vm.ToValue(e.canceled) }, nil)
	attr(ev, "timeStamp", func(e *Event) goja.Value { return vm.ToValue(e.timeStamp) }, nil)
	attr(ev, "returnValue", func(e *Event) goja.Value { return vm.ToValue(!e.canceled) },
		func(e *Event, v goja.Value) {
			if !v.ToBoolean() {
				e.PreventDefault()
			}
		})
	attr(ev, "cancelBubble", func(e *Event) goja.Value { return vm.ToValue(e.stop) },
		func(e *Event, v goja.Value) {
			if v.ToBoolean() {
				e.stop = true
			}
		})
	method(ev, "initEvent", 1, func(e *Event, c goja.FunctionCall) goja.Value {
		e.initEvent(b.str(c.Argument(0)), c.Argument(1).ToBoolean(), c.Argument(2).ToBoolean())
		return nil
	})
	method(ev, "preventDefault", 0, func(e *Event, _ goja.FunctionCall) goja.Value { e.PreventDefault(); return nil })
	method(ev, "stopPropagation", 0, func(e *Event, _ goja.FunctionCall) goja.Value { e.StopPropagation(); return nil })
	method(ev, "stopImmediatePropagation", 0, func(e *Event, _ goja.FunctionCall) goja.Value {
		e.StopImmediatePropagation()
		return nil
	})
	method(ev, "composedPath", 0, func(e *Event, _ goja.FunctionCall) goja.Value {
		out := make([]any, 0, len(e.path))
		for _, t := range e.path {
			out = append(out, b.wrapTarget(t))
		}
		return vm.NewArray(out...)
	})

	b.installUIEvents()

	in := b.defineInterface("InputEvent", "UIEvent", func(c goja.ConstructorCall) *goja.Object {
		b.newEvent(c, "InputEvent", kindInput)
		return nil
	})
	attr(in, "data", func(e *Event) goja.Value {
		if e.data == nil {
			return goja.Null()
		}
		return vm.ToValue(*e.data)
	}, nil)
	attr(in, "inputType", func(e *Event) goja.Value { return vm.ToValue(e.inputType) }, nil)
	attr(in, "isComposing", func(e *Event) goja.Value { return vm.ToValue(e.isComposing) }, nil)

	ce := b.defineInterface("CustomEvent", "Event", func(c goja.ConstructorCall) *goja.Object {
		b.newEvent(c, "CustomEvent", kindCustom)
		return nil
	})
	attr(ce, "detail", func(e *Event) goja.Value { return b.detail(e) }, nil)
	method(ce, "initCustomEvent", 1, func(e *Event, c goja.FunctionCall) goja.Value {
		if e.dispatching {
			return nil
		}
		e.initEvent(b.str(c.Argument(0)), c.Argument(1).ToBoolean(), c.Argument(2).ToBoolean())
		e.detail, e.detailRealm, e.detailCopy = nil, b, nil
		if d := c.Argument(3); !goja.IsUndefined(d) {
			e.detail = d
		}
		return nil
	})
}

// createEventKinds are the interface names document.createEvent takes (compared in ASCII lower
// case), for the event interfaces this DOM has; Chromium knows a few more (CompositionEvent,
// TextEvent…), which throw NotSupportedError here as unknown names do there, and refuses
// WheelEvent and PointerEvent too.
var createEventKinds = map[string]eventKind{
	"event": kindEvent, "events": kindEvent, "htmlevents": kindEvent, "svgevents": kindEvent,
	"customevent": kindCustom, "uievent": kindUI, "uievents": kindUI, "mouseevent": kindMouse,
	"mouseevents": kindMouse, "keyboardevent": kindKeyboard, "focusevent": kindFocus,
}

// createEvent is document.createEvent: an uninitialized event of the named interface, with no type,
// that initEvent must set up before it can be dispatched.
func (b *Binding) createEvent(name string) goja.Value {
	kind, ok := createEventKinds[strings.ToLower(name)]
	if !ok {
		b.throwDOM("NotSupportedError", "Failed to execute 'createEvent' on 'Document': The provided event type ('"+name+"') is invalid.")
	}
	ev := &Event{kind: kind, uninitialized: true}
	if b.opts.Now != nil {
		ev.timeStamp = b.opts.Now()
	}
	if kind == kindCustom {
		ev.detailRealm = b
	}
	return b.wrap(ev)
}

// option reads a boolean member of a listener options dictionary, calling its getter once.
func option(o *goja.Object, name string) bool {
	v := o.Get(name)
	return v != nil && v.ToBoolean()
}

// newEvent backs a `new Event(type, init)` (or a subclass) with a Go
// event that any realm can see.
func (b *Binding) newEvent(c goja.ConstructorCall, name string, kind eventKind) {
	if len(c.Arguments) < 1 {
		panic(b.vm.NewTypeError(fmt.Sprintf("Failed to construct '%s': 1 argument required, but only 0 present.", name)))
	}
	ev := &Event{typ: b.str(c.Arguments[0]), kind: kind}
	if b.opts.Now != nil {
		ev.timeStamp = b.opts.Now()
	}
	init := c.Argument(1)
	get := func(string) goja.Value { return goja.Undefined() }
	switch o := init.(type) {
	case *goja.Object:
		get = func(k string) goja.Value {
			if v := o.Get(k); v != nil {
				return v
			}
			return goja.Undefined()
		}
	default:
		if !goja.IsUndefined(init) && !goja.IsNull(init) {
			panic(b.vm.NewTypeError(fmt.Sprintf("Failed to construct '%s': The provided value is not of type '%sInit'.", name, name)))
		}
	}
	ev.bubbles = get("bubbles").ToBoolean()
	ev.cancelable = get("cancelable").ToBoolean()
	ev.composed = get("composed").ToBoolean()
	switch kind {
	case kindInput:
		if d := get("data"); !goja.IsUndefined(d) && !goja.IsNull(d) {
			s := b.str(d)
			ev.data = &s
		}
		if t := get("inputType"); !goja.IsUndefined(t) {
			ev.inputType = b.str(t)
		}
		ev.isComposing = get("isComposing").ToBoolean()
	case kindPageTransition:
		ev.persisted = get("persisted").ToBoolean()
	case kindCustom:
		if d := get("detail"); !goja.IsUndefined(d) {
			ev.detail = d
		}
		ev.detailRealm = b
	}
	b.register(ev, c.This)
	b.eventOwnProps(c.This, ev)
}

// eventOwnProps adds isTrusted, which is an own property of every event
// object ([LegacyUnforgeable]).
func (b *Binding) eventOwnProps(o *goja.Object, ev *Event) {
	g := b.vm.ToValue(func(goja.FunctionCall) goja.Value { return b.vm.ToValue(ev.trusted) })
	_ = o.DefineAccessorProperty("isTrusted", g, nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

func (b *Binding) wrapTarget(t EventTarget) goja.Value {
	if t == nil {
		return goja.Null()
	}
	return b.wrap(t)
}

// detail is CustomEvent.detail as this realm sees it: the value itself in
// the realm that made it; elsewhere a JSON copy (null when it has none),
// approximating the structured clone Chrome makes between worlds.
func (b *Binding) detail(e *Event) goja.Value {
	if e.detail == nil {
		return goja.Null()
	}
	if e.detailRealm == b {
		return e.detail
	}
	if v, ok := e.detailCopy[b]; ok {
		return v
	}
	out := goja.Null()
	src := e.detailRealm.vm
	var text goja.Value
	if ex := src.Try(func() {
		stringify, _ := goja.AssertFunction(src.Get("JSON").ToObject(src).Get("stringify"))
		if stringify != nil {
			text, _ = stringify(goja.Undefined(), e.detail)
		}
	}); ex == nil && text != nil && !goja.IsUndefined(text) {
		s := text.String()
		_ = b.vm.Try(func() {
			parse, _ := goja.AssertFunction(b.vm.Get("JSON").ToObject(b.vm).Get("parse"))
			if parse != nil {
				if v, err := parse(goja.Undefined(), b.vm.ToValue(s)); err == nil {
					out = v
				}
			}
		})
	}
	if e.detailCopy == nil {
		e.detailCopy = map[*Binding]goja.Value{}
	}
	e.detailCopy[b] = out
	return out
}
