package dom

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/chromeclone"
)

// messageChannel is one `new MessageChannel()`: a realm's object over two entangled ports.
type messageChannel struct{ port1, port2 *MessagePort }

// installMessaging defines MessageEvent in every realm, and window.postMessage, MessageChannel and
// MessagePort in a realm whose Options bring a structured clone and an event loop. What they do is
// what Chromium 156 does, measured by the scenario "window-postmessage-basics": a message is
// delivered in a task, to the window's listeners of every world of the frame (the page's and every
// isolated world's), with the data cloned into each, origin the sender's, source the window, and the
// transferred ports, which are the same ports in every world.
func (b *Binding) installMessaging() {
	vm := b.vm
	me := b.defineInterface("MessageEvent", "Event", func(c goja.ConstructorCall) *goja.Object {
		b.newMessageEventFromScript(c)
		return nil
	})
	attr(me, "data", func(e *Event) goja.Value { return b.messageData(e) }, nil)
	attr(me, "origin", func(e *Event) goja.Value { return vm.ToValue(e.message().origin) }, nil)
	attr(me, "lastEventId", func(e *Event) goja.Value { return vm.ToValue(e.message().lastID) }, nil)
	attr(me, "source", func(e *Event) goja.Value { return b.messageSource(e) }, nil)
	attr(me, "ports", func(e *Event) goja.Value { return b.messagePorts(e) }, nil)

	o := b.opts
	if o.Clone == nil || o.Revive == nil || o.Post == nil {
		return
	}
	mc := b.defineInterface("MessageChannel", "", func(c goja.ConstructorCall) *goja.Object {
		p1, p2 := newChannel(o.Post)
		b.register(&messageChannel{p1, p2}, c.This)
		return nil
	})
	attr(mc, "port1", func(ch *messageChannel) goja.Value { return b.wrap(ch.port1) }, nil)
	attr(mc, "port2", func(ch *messageChannel) goja.Value { return b.wrap(ch.port2) }, nil)

	mp := b.defineInterface("MessagePort", "EventTarget", func(goja.ConstructorCall) *goja.Object {
		panic(vm.NewTypeError("Failed to construct 'MessagePort': Illegal constructor"))
	})
	method(mp, "postMessage", 1, func(p *MessagePort, c goja.FunctionCall) goja.Value {
		text, ports := b.clonePost(c, "MessagePort", p)
		target := p.other
		if target == nil || p.closed {
			return nil
		}
		ev := newMessageEvent(text, "", nil, ports)
		ev.drainAfter = true
		target.enqueue(ev)
		return nil
	})
	method(mp, "start", 0, func(p *MessagePort, _ goja.FunctionCall) goja.Value { p.start(); return nil })
	method(mp, "close", 0, func(p *MessagePort, _ goja.FunctionCall) goja.Value { p.close(); return nil })
	for _, typ := range []string{"message", "messageerror"} {
		attr(mp, "on"+typ, func(p *MessagePort) goja.Value {
			if l := p.handlers[handlerKey{b, typ}]; l != nil {
				return l.fn
			}
			return goja.Null()
		}, func(p *MessagePort, v goja.Value) { b.setPortHandler(p, typ, v) })
	}

	win := &iface{b: b, name: "Window", proto: b.protos["Window"]}
	method(win, "postMessage", 1, func(w *Window, c goja.FunctionCall) goja.Value {
		b.windowPost(w, c, w, nil)
		return nil
	})
}

// setPortHandler sets this realm's on<typ> of p: Chromium keeps an event handler per world, so the
// page's onmessage and the content script's are two listeners. Setting onmessage starts the port.
func (b *Binding) setPortHandler(p *MessagePort, typ string, v goja.Value) {
	t := p.et()
	key := handlerKey{b, typ}
	fn, ok := v.(*goja.Object)
	if ok {
		_, ok = goja.AssertFunction(fn)
	}
	l := p.handlers[key]
	if !ok {
		if l != nil {
			t.remove(l)
			delete(p.handlers, key)
		}
		return
	}
	if l != nil {
		l.fn = fn
	} else {
		if p.handlers == nil {
			p.handlers = map[handlerKey]*listener{}
		}
		l = &listener{typ: typ, js: b, fn: fn}
		p.handlers[key] = l
		t.listeners = append(t.listeners, l)
	}
	if typ == "message" {
		p.start()
	}
}

// PostMessageTo is window.postMessage called in this realm on another frame's window, whose
// document is doc: sourceFor gives each realm that receives the message the sender's window as that
// realm sees it (the simulator's stand-in for another frame). The arguments are read, cloned and
// checked here, as on the own window; what they get wrong throws in this realm.
func (b *Binding) PostMessageTo(doc *Document, c goja.FunctionCall, sourceFor func(vm *goja.Runtime) goja.Value) {
	if b.opts.Clone == nil || b.opts.Post == nil || doc == nil {
		panic(b.vm.NewTypeError("postMessage is not available here"))
	}
	b.windowPost(doc.window, c, nil, func(r *Binding) goja.Value { return sourceFor(r.vm) })
}

// windowPost is window.postMessage(message, targetOrigin, transfer) or (message, {targetOrigin,
// transfer}) on w, from this realm's document: source is what the receivers see as event.source (a
// DOM object of theirs), or sourceFn says it per receiving realm.
func (b *Binding) windowPost(w *Window, c goja.FunctionCall, source any, sourceFn func(*Binding) goja.Value) {
	target := "/"
	var transfer goja.Value = goja.Undefined()
	switch a := c.Argument(1).(type) {
	case *goja.Object:
		if len(c.Arguments) >= 3 || isStringish(a) {
			target = b.str(a)
			transfer = c.Argument(2)
		} else {
			if v := a.Get("targetOrigin"); v != nil && !goja.IsUndefined(v) {
				target = b.str(v)
			}
			if v := a.Get("transfer"); v != nil {
				transfer = v
			}
		}
	default:
		if !goja.IsUndefined(a) {
			target = b.str(a)
			transfer = c.Argument(2)
		}
	}
	d := w.doc
	own := splitURL(b.doc.url).origin
	want := ""
	switch target {
	case "*":
	case "/":
		want = own
	default:
		u, err := url.Parse(target)
		if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "") {
			b.throwDOM("SyntaxError", fmt.Sprintf("Failed to execute 'postMessage' on 'Window': Invalid target origin '%s' in a call to 'postMessage'.", target))
		}
		want = splitURL(normalizeURL(u)).origin
	}
	text, ports := b.cloneArgs(c.Argument(0), transfer, "Window", nil)
	b.opts.Post(func() {
		if want != "" && splitURL(d.url).origin != want {
			return // Chromium drops it without a word
		}
		ev := newMessageEvent(text, own, source, ports)
		ev.msg.sourceFn = sourceFn
		ev.drainAfter = true
		_, _ = w.Dispatch(ev)
	})
}

// isStringish reports a String object, which the (message, targetOrigin) overload takes.
func isStringish(o *goja.Object) bool { return o.ClassName() == "String" }

// clonePost reads MessagePort.postMessage's (message, transfer) or (message, {transfer}).
func (b *Binding) clonePost(c goja.FunctionCall, ifaceName string, source *MessagePort) (string, []*MessagePort) {
	var transfer goja.Value = goja.Undefined()
	second := c.Argument(1)
	if _, ok := second.(*goja.Object); !ok && !goja.IsUndefined(second) && !goja.IsNull(second) {
		panic(b.vm.NewTypeError("Failed to execute 'postMessage' on '" + ifaceName + "': Overload resolution failed."))
	}
	if a, ok := second.(*goja.Object); ok {
		if a.ClassName() == "Array" {
			transfer = a
		} else if v := a.Get("transfer"); v != nil {
			transfer = v
		}
	}
	return b.cloneArgs(c.Argument(0), transfer, ifaceName, source)
}

// cloneArgs clones message and moves the ports of transfer into new port objects, with Chromium's
// errors: a port listed twice, already transferred, or the one posting.
func (b *Binding) cloneArgs(message, transfer goja.Value, ifaceName string, source *MessagePort) (string, []*MessagePort) {
	prefix := "Failed to execute 'postMessage' on '" + ifaceName + "': "
	var list []*MessagePort
	var buffers []*goja.Object
	if o, ok := transfer.(*goja.Object); ok {
		n := int(o.Get("length").ToInteger())
		for i := range n {
			item := asObject(o.Get(strconv.Itoa(i)))
			if ab, isBuffer := arrayBuffer(item); isBuffer {
				for _, seen := range buffers {
					if seen == item {
						b.throwDOM("DataCloneError", prefix+"ArrayBuffer at index "+strconv.Itoa(i)+" is a duplicate of an earlier ArrayBuffer.")
					}
				}
				if ab.Detached() {
					b.throwDOM("DataCloneError", prefix+"ArrayBuffer at index "+strconv.Itoa(i)+" is already detached.")
				}
				buffers = append(buffers, item)
				continue
			}
			p, ok := b.objs[item].(*MessagePort)
			if !ok {
				b.throwDOM("DataCloneError", prefix+"Value at index "+strconv.Itoa(i)+" does not have a transferable type.")
			}
			if p == source {
				b.throwDOM("DataCloneError", prefix+"Port at index "+strconv.Itoa(i)+" contains the source port.")
			}
			if p.neutered {
				b.throwDOM("DataCloneError", prefix+"Port at index "+strconv.Itoa(i)+" is already neutered.")
			}
			for _, q := range list {
				if q == p {
					b.throwDOM("DataCloneError", prefix+"Message port at index "+strconv.Itoa(i)+" is a duplicate of an earlier port.")
				}
			}
			list = append(list, p)
		}
	} else if !goja.IsUndefined(transfer) && !goja.IsNull(transfer) {
		panic(b.vm.NewTypeError(prefix + "The provided value cannot be converted to a sequence."))
	}
	if hasDetached(message, 0, map[*goja.Object]bool{}) {
		b.throwDOM("DataCloneError", prefix+"An ArrayBuffer is detached and could not be cloned.")
	}
	text, err := b.opts.Clone(message, func(o *goja.Object) (int, bool) {
		p, ok := b.objs[o].(*MessagePort)
		for i, q := range list {
			if ok && q == p {
				return i, true
			}
		}
		return 0, false
	})
	if err != nil {
		b.throwDOM("DataCloneError", prefix+b.culprit(message))
	}
	// A transferred buffer moves: the receivers get its bytes (in the clone), the sender keeps a
	// detached, empty buffer.
	for _, o := range buffers {
		if ab, ok := arrayBuffer(o); ok {
			ab.Detach()
		}
	}
	ports := make([]*MessagePort, len(list))
	for i, p := range list {
		ports[i] = p.transfer()
	}
	return text, ports
}

// arrayBuffer reports whether o is an ArrayBuffer, and returns it.
func arrayBuffer(o *goja.Object) (goja.ArrayBuffer, bool) {
	if o == nil {
		return goja.ArrayBuffer{}, false
	}
	ab, ok := o.Export().(goja.ArrayBuffer)
	return ab, ok
}

// hasDetached reports a detached ArrayBuffer anywhere in v's own enumerable properties, which V8
// refuses to clone.
func hasDetached(v goja.Value, depth int, seen map[*goja.Object]bool) bool {
	o, ok := v.(*goja.Object)
	if !ok || depth > 64 || seen[o] {
		return false
	}
	seen[o] = true
	if ab, ok := arrayBuffer(o); ok {
		return ab.Detached()
	}
	if _, fn := goja.AssertFunction(o); fn {
		return false
	}
	for _, k := range o.Keys() {
		if hasDetached(o.Get(k), depth+1, seen) {
			return true
		}
	}
	return false
}

func asObject(v goja.Value) *goja.Object {
	o, _ := v.(*goja.Object)
	return o
}

// culprit is the DataCloneError message for what V8's serializer stopped at in v
// (chromeclone.Culprit), this realm's DOM objects named by their interface.
func (b *Binding) culprit(v goja.Value) string {
	return chromeclone.Culprit(b.vm, v, func(o *goja.Object) string {
		x, host := b.objs[o]
		if !host {
			return ""
		}
		if _, port := x.(*MessagePort); port {
			return "A MessagePort could not be cloned because it was not transferred."
		}
		name := interfaceFor(x)
		if _, w := x.(*Window); w {
			name = "Window"
		}
		return name + " object could not be cloned."
	})
}

func (e *Event) message() *messageFields {
	if e.msg == nil {
		e.msg = &messageFields{}
	}
	return e.msg
}

// messageData is the event's data in this realm: the clone revived here once (each world gets its
// own copy, as in Chromium), or the value a script of this realm constructed the event with, which
// other realms see as a structured clone (null where it cannot be cloned).
func (b *Binding) messageData(e *Event) goja.Value {
	m := e.message()
	if !m.hasText {
		if m.value == nil {
			return goja.Null()
		}
		if m.realm == b {
			return m.value
		}
	}
	if v, ok := m.revived[b]; ok {
		return v
	}
	v := goja.Null()
	text, ok := m.text, m.hasText
	if !ok && m.realm != nil && m.realm.opts.Clone != nil {
		// Chromium 156 gives another world a copy of a script's data (a page's forged
		// MessageEvent reaches content scripts with its data).
		t, err := m.realm.opts.Clone(m.value, nil)
		text, ok = t, err == nil
	}
	if ok && b.opts.Revive != nil {
		r, err := b.opts.Revive(text, func(i int) goja.Value {
			if i < 0 || i >= len(m.ports) {
				return goja.Null()
			}
			return b.wrap(m.ports[i])
		})
		if err == nil {
			v = r
		}
	}
	if m.revived == nil {
		m.revived = map[*Binding]goja.Value{}
	}
	m.revived[b] = v
	return v
}

func (b *Binding) messageSource(e *Event) goja.Value {
	m := e.message()
	if m.sourceFn != nil {
		return m.sourceFn(b)
	}
	if m.source != nil {
		return b.wrap(m.source)
	}
	return goja.Null()
}

// messagePorts is the event's ports as this realm's frozen array, the same array at every read.
func (b *Binding) messagePorts(e *Event) goja.Value {
	m := e.message()
	if v, ok := m.portsArr[b]; ok {
		return v
	}
	items := make([]any, len(m.ports))
	for i, p := range m.ports {
		items[i] = b.wrap(p)
	}
	arr := b.vm.NewArray(items...)
	if freeze, ok := goja.AssertFunction(b.vm.Get("Object").ToObject(b.vm).Get("freeze")); ok {
		_, _ = freeze(goja.Undefined(), arr)
	}
	if m.portsArr == nil {
		m.portsArr = map[*Binding]goja.Value{}
	}
	m.portsArr[b] = arr
	return arr
}

// newMessageEventFromScript backs `new MessageEvent(type, init)`: untrusted, with init's data,
// origin, lastEventId, source and ports.
func (b *Binding) newMessageEventFromScript(c goja.ConstructorCall) {
	b.newEvent(c, "MessageEvent", kindMessage)
	ev, _ := b.objs[c.This].(*Event)
	if ev == nil {
		return
	}
	m := ev.message()
	m.realm = b
	init, ok := c.Argument(1).(*goja.Object)
	if !ok {
		return
	}
	get := func(k string) goja.Value {
		if v := init.Get(k); v != nil {
			return v
		}
		return goja.Undefined()
	}
	if v := get("data"); !goja.IsUndefined(v) {
		m.value = v
	}
	if v := get("origin"); !goja.IsUndefined(v) {
		m.origin = b.str(v)
	}
	if v := get("lastEventId"); !goja.IsUndefined(v) {
		m.lastID = b.str(v)
	}
	if v := get("source"); !goja.IsUndefined(v) && !goja.IsNull(v) {
		switch x := b.objs[asObject(v)].(type) {
		case *Window, *MessagePort:
			m.source = x
		default:
			panic(b.vm.NewTypeError("Failed to construct 'MessageEvent': Failed to read the 'source' property from 'MessageEventInit': The provided value is not of type '(MessagePort or ServiceWorker or Window)'."))
		}
	}
	if v, ok := get("ports").(*goja.Object); ok {
		n := int(v.Get("length").ToInteger())
		for i := range n {
			p, ok := b.objs[asObject(v.Get(strconv.Itoa(i)))].(*MessagePort)
			if !ok {
				panic(b.vm.NewTypeError("Failed to construct 'MessageEvent': Failed to read the 'ports' property from 'MessageEventInit': Failed to convert value to 'MessagePort'."))
			}
			m.ports = append(m.ports, p)
		}
	}
}

// IsPlatformObject reports whether o is one of this realm's DOM wrappers (a node, an event, the
// window, a port), which structured clone refuses.
func (b *Binding) IsPlatformObject(o *goja.Object) bool {
	_, ok := b.objs[o]
	return ok
}
