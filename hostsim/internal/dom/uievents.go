package dom

import (
	"math"

	"github.com/dop251/goja"
)

// UI event kinds: UIEvent and the interfaces built on it, each an event kind so that every realm
// wraps the event as its own interface.
const (
	kindUI eventKind = iota + 100
	kindMouse
	kindPointer
	kindWheel
	kindKeyboard
	kindFocus
)

// uiMember is one member of a UI event interface's init dictionary, which the event keeps.
type uiMember struct {
	name string
	kind byte // 'd' double, 'l' integer, 'b' boolean, 's' string, 't' event target or null
	def  any
}

func members(kind byte, def any, names ...string) []uiMember {
	out := make([]uiMember, len(names))
	for i, n := range names {
		out[i] = uiMember{n, kind, def}
	}
	return out
}

// uiInterfaces are UIEvent's subclasses as Chromium 156 has them (scenario dom-ui-events): each
// one's parent and own init members.
var uiInterfaces = []struct {
	name, parent string
	kind         eventKind
	own          []uiMember
}{
	{"UIEvent", "Event", kindUI, members('l', 0.0, "detail")},
	{"MouseEvent", "UIEvent", kindMouse, concat(
		members('d', 0.0, "screenX", "screenY", "clientX", "clientY", "movementX", "movementY"),
		members('b', false, "ctrlKey", "shiftKey", "altKey", "metaKey"),
		members('l', 0.0, "button", "buttons"),
		members('t', nil, "relatedTarget"))},
	{"PointerEvent", "MouseEvent", kindPointer, concat(
		members('l', 0.0, "pointerId", "tiltX", "tiltY", "twist"),
		members('d', 1.0, "width", "height"),
		members('d', 0.0, "pressure", "tangentialPressure"),
		members('s', "", "pointerType"),
		members('b', false, "isPrimary"))},
	{"WheelEvent", "MouseEvent", kindWheel, concat(members('d', 0.0, "deltaX", "deltaY", "deltaZ"), members('l', 0.0, "deltaMode"))},
	{"KeyboardEvent", "UIEvent", kindKeyboard, concat(
		members('s', "", "key", "code"),
		members('l', 0.0, "location", "charCode", "keyCode"),
		members('b', false, "ctrlKey", "shiftKey", "altKey", "metaKey", "repeat", "isComposing"))},
	{"FocusEvent", "UIEvent", kindFocus, members('t', nil, "relatedTarget")},
}

func concat(lists ...[]uiMember) []uiMember {
	var out []uiMember
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// uiKindNames are the interface names of the UI event kinds, for wrapping.
var uiKindNames = map[eventKind]string{}

// uiMembers are each UI interface's init members, its ancestors' first, collected once.
var uiMembers = map[string][]uiMember{}

func init() {
	for _, u := range uiInterfaces {
		uiKindNames[u.kind] = u.name
		// uiInterfaces lists every parent before its children.
		uiMembers[u.name] = append(append([]uiMember(nil), uiMembers[u.parent]...), u.own...)
	}
}

// uiValue reads the init member m from get, as WebIDL converts it.
func (b *Binding) uiValue(m uiMember, v goja.Value, name string) any {
	if v == nil || goja.IsUndefined(v) {
		return m.def
	}
	switch m.kind {
	case 'd':
		return v.ToFloat()
	case 'l':
		f := v.ToFloat()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0.0
		}
		return math.Trunc(f)
	case 'b':
		return v.ToBoolean()
	case 's':
		return v.String()
	case 't':
		if goja.IsNull(v) {
			return nil
		}
		x, ok := b.Unwrap(v)
		t, isTarget := x.(EventTarget)
		if !ok || !isTarget {
			panic(b.vm.NewTypeError("Failed to construct '" + name + "': Failed to read the '" + m.name + "' property from '" + name + "Init': Failed to convert value to 'EventTarget'."))
		}
		return t
	}
	return m.def
}

// installUIEvents defines UIEvent and its subclasses, with their constructors, members,
// getModifierState and the legacy init methods Chromium keeps.
func (b *Binding) installUIEvents() {
	vm := b.vm
	for _, u := range uiInterfaces {
		name, kind := u.name, u.kind
		i := b.defineInterface(name, u.parent, func(c goja.ConstructorCall) *goja.Object {
			b.newEvent(c, name, kind)
			ev, _ := b.objs[c.This].(*Event)
			init, _ := c.Argument(1).(*goja.Object)
			ev.ui = map[string]any{}
			for _, m := range uiMembers[name] {
				var v goja.Value
				if init != nil {
					v = init.Get(m.name)
				}
				ev.ui[m.name] = b.uiValue(m, v, name)
			}
			if init != nil {
				if w, ok := b.Unwrap(init.Get("view")); ok {
					ev.view, _ = w.(*Window)
				}
				// Chromium's UIEventInit also takes which, outside the standard.
				if w := init.Get("which"); w != nil && !goja.IsUndefined(w) {
					ev.ui["which"] = math.Trunc(w.ToFloat())
				}
			}
			return nil
		})
		for _, m := range u.own {
			attr(i, m.name, func(e *Event) goja.Value { return b.uiGet(e, m) }, nil)
		}
		switch name {
		case "UIEvent":
			attr(i, "view", func(e *Event) goja.Value { return b.wrapTarget(e.viewTarget()) }, nil)
			attr(i, "which", func(e *Event) goja.Value {
				switch e.kind {
				case kindMouse, kindPointer, kindWheel:
					return vm.ToValue(num(e, "button") + 1)
				case kindKeyboard:
					if w := num(e, "which"); w != 0 {
						return vm.ToValue(w)
					}
					return vm.ToValue(num(e, "keyCode"))
				}
				return vm.ToValue(0)
			}, nil)
			method(i, "initUIEvent", 1, func(e *Event, c goja.FunctionCall) goja.Value {
				if !e.dispatching {
					e.initEvent(b.str(c.Argument(0)), c.Argument(1).ToBoolean(), c.Argument(2).ToBoolean())
					e.setView(b, c.Argument(3))
					e.setUI("detail", math.Trunc(c.Argument(4).ToFloat()))
				}
				return nil
			})
		case "MouseEvent":
			// Without layout, a point's page and offset coordinates are its client ones.
			for _, alias := range []string{"pageX", "x", "offsetX"} {
				attr(i, alias, func(e *Event) goja.Value { return vm.ToValue(num(e, "clientX")) }, nil)
			}
			for _, alias := range []string{"pageY", "y", "offsetY"} {
				attr(i, alias, func(e *Event) goja.Value { return vm.ToValue(num(e, "clientY")) }, nil)
			}
			b.modifierState(i)
			method(i, "initMouseEvent", 1, func(e *Event, c goja.FunctionCall) goja.Value {
				if e.dispatching {
					return nil
				}
				e.initEvent(b.str(c.Argument(0)), c.Argument(1).ToBoolean(), c.Argument(2).ToBoolean())
				e.setView(b, c.Argument(3))
				for k, name := range []string{"detail", "screenX", "screenY", "clientX", "clientY"} {
					e.setUI(name, math.Trunc(c.Argument(4+k).ToFloat()))
				}
				for k, name := range []string{"ctrlKey", "altKey", "shiftKey", "metaKey"} {
					e.setUI(name, c.Argument(9+k).ToBoolean())
				}
				e.setUI("button", math.Trunc(c.Argument(13).ToFloat()))
				if x, ok := b.Unwrap(c.Argument(14)); ok {
					if t, ok := x.(EventTarget); ok {
						e.setUI("relatedTarget", t)
					}
				}
				return nil
			})
		case "KeyboardEvent":
			b.modifierState(i)
			for n, v := range map[string]int{"DOM_KEY_LOCATION_STANDARD": 0, "DOM_KEY_LOCATION_LEFT": 1, "DOM_KEY_LOCATION_RIGHT": 2, "DOM_KEY_LOCATION_NUMPAD": 3} {
				i.constant(n, v)
			}
		case "WheelEvent":
			for n, v := range map[string]int{"DOM_DELTA_PIXEL": 0, "DOM_DELTA_LINE": 1, "DOM_DELTA_PAGE": 2} {
				i.constant(n, v)
			}
		}
	}
}

// modifierState defines getModifierState over the event's modifier keys.
func (b *Binding) modifierState(i *iface) {
	method(i, "getModifierState", 1, func(e *Event, c goja.FunctionCall) goja.Value {
		key := map[string]string{"Control": "ctrlKey", "Shift": "shiftKey", "Alt": "altKey", "Meta": "metaKey"}[b.str(c.Argument(0))]
		v, _ := e.ui[key].(bool)
		return b.vm.ToValue(v)
	})
}

// uiGet is member m of e as its realm sees it.
func (b *Binding) uiGet(e *Event, m uiMember) goja.Value {
	v, ok := e.ui[m.name]
	if !ok {
		v = m.def
	}
	if m.kind == 't' {
		t, _ := v.(EventTarget)
		return b.wrapTarget(t)
	}
	return b.vm.ToValue(v)
}

// num is a numeric member of e (0 when unset).
func num(e *Event, name string) float64 {
	f, _ := e.ui[name].(float64)
	return f
}

func (e *Event) setUI(name string, v any) {
	if e.ui == nil {
		e.ui = map[string]any{}
	}
	e.ui[name] = v
}

// setView sets the event's view from a legacy init method's argument: a window, else none.
func (e *Event) setView(b *Binding, v goja.Value) {
	e.view = nil
	if x, ok := b.Unwrap(v); ok {
		e.view, _ = x.(*Window)
	}
}

// viewTarget is the event's view, or nil.
func (e *Event) viewTarget() EventTarget {
	if e.view == nil {
		return nil
	}
	return e.view
}
