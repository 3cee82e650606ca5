package dom

import "github.com/dop251/goja"

// MessagePort is one end of a MessageChannel. Like the DOM's nodes it is one object shared by every
// realm of a frame that holds it (each has its own wrapper): a port the content script transfers
// to its own window reaches the page's main world as the same port, as in Chromium 156, where both
// worlds' listeners get it in event.ports.
type MessagePort struct {
	eventTarget
	// other is the entangled port; nil once either end closed or this one was transferred.
	other *MessagePort
	// queue holds the messages that arrived while the port was not started (port message queue
	// disabled): start(), or setting onmessage, enables it.
	queue    []*Event
	started  bool
	closed   bool
	neutered bool // transferred: this object no longer owns the port
	// pumping says a task to deliver the next queued message is posted.
	pumping bool
	// post queues a task on the event loop that delivers this port's messages.
	post func(func())
	// handlers holds the onmessage and onmessageerror handler attributes per realm: Chromium
	// keeps one per world.
	handlers map[handlerKey]*listener
}

// newChannel makes two entangled ports delivering on post's event loop.
func newChannel(post func(func())) (*MessagePort, *MessagePort) {
	a, b := &MessagePort{post: post}, &MessagePort{post: post}
	a.self, b.self = a, b
	a.other, b.other = b, a
	return a, b
}

// transfer moves p's ownership to a new port object, as transferring it in postMessage does: the
// old object is neutered and what was queued at it goes with the new one, still not started.
func (p *MessagePort) transfer() *MessagePort {
	n := &MessagePort{post: p.post, other: p.other, queue: p.queue}
	n.self = n
	if p.other != nil {
		p.other.other = n
	}
	p.other, p.queue, p.neutered = nil, nil, true
	return n
}

// enqueue hands a message event to p: delivered in a task of its own once p is started.
func (p *MessagePort) enqueue(ev *Event) {
	if p.closed || p.neutered {
		return
	}
	p.queue = append(p.queue, ev)
	p.pump()
}

// start enables p's message queue (MessagePort.start, or the first onmessage set).
func (p *MessagePort) start() {
	if p.started || p.closed || p.neutered {
		return
	}
	p.started = true
	p.pump()
}

// pump posts the task that delivers the next queued message; one message per task, as Chromium
// dispatches them, so a listener's microtasks run before the next message.
func (p *MessagePort) pump() {
	if !p.started || p.pumping || len(p.queue) == 0 || p.post == nil {
		return
	}
	p.pumping = true
	p.post(func() {
		p.pumping = false
		if p.closed || p.neutered || len(p.queue) == 0 {
			return
		}
		ev := p.queue[0]
		p.queue = p.queue[1:]
		_, _ = p.Dispatch(ev)
		p.pump()
	})
}

// close disentangles p: nothing more is delivered to it, and what either end posts from now on is
// dropped without an error (Chromium 156: postMessage after close() does not throw, and no close
// event fires).
func (p *MessagePort) close() {
	if p.closed {
		return
	}
	p.closed = true
	p.queue = nil
	if p.other != nil {
		p.other.other = nil
		p.other = nil
	}
}

// messageFields are a MessageEvent's: the data as a structured clone every realm revives on its
// own, or a value that belongs to the realm that constructed the event; origin, lastEventId,
// source and ports.
type messageFields struct {
	text    string
	hasText bool
	value   goja.Value
	realm   *Binding
	revived map[*Binding]goja.Value
	origin  string
	lastID  string
	source  any // *Window, *MessagePort or nil
	// sourceFn, when set, is the source as each realm sees it: another frame's window.
	sourceFn func(*Binding) goja.Value
	ports    []*MessagePort
	portsArr map[*Binding]goja.Value
}

// newMessageEvent is a trusted "message" event carrying a clone, as postMessage delivers.
func newMessageEvent(text, origin string, source any, ports []*MessagePort) *Event {
	ev := NewEvent("message", EventInit{})
	ev.kind = kindMessage
	ev.msg = &messageFields{text: text, hasText: true, origin: origin, source: source, ports: ports}
	return ev
}
