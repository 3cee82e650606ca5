package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"runtime/debug"
	"sync"

	"github.com/extwasm/extwasm/internal/envelope"
)

// Port is a long-lived channel (runtime.connect, tabs.connect, onConnect). Messages are delivered in
// order. A port ends when either side disconnects, when its context ends, or when the other side's
// context goes away (a stopped service worker, a closed or navigated tab); Done and Err tell when and
// why. Chrome does not say whether the other side disconnected on purpose or was stopped.
type Port struct {
	ep     *endpoint
	id     int
	name   string
	sender *Sender
	lim    envelope.Limits
	// clone is set when the port's messages cross in the clone form (structured clone).
	clone bool

	mu     sync.Mutex
	queue  []queued
	bytes  int           // text held in queue, counted in ep.queued while the port is open
	wake   chan struct{} // signalled (non-blocking) when queue grows or the port closes
	closed bool
	err    error
	done   chan struct{}
}

var (
	errClosedLocally  = wrapSentinel(ErrDisconnected, "closed by this side")
	errClosedRemotely = wrapSentinel(ErrDisconnected, "closed by the other side")
)

func newPort(ep *endpoint, id int, name string, sender *Sender, lim envelope.Limits) *Port {
	return &Port{ep: ep, id: id, name: name, sender: sender, lim: lim,
		wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// Name returns the name the port was opened with.
func (p *Port) Name() string { return p.name }

// Sender returns who opened the port; ok is false on the opening side.
func (p *Port) Sender() (s Sender, ok bool) {
	if p.sender == nil {
		return Sender{}, false
	}
	return *p.sender, true
}

// Done is closed when the port has ended.
func (p *Port) Done() <-chan struct{} { return p.done }

// Err is nil while the port is open. Afterwards it says why it ended; it always matches
// ErrDisconnected, and also ErrNoReceiver when nobody was listening, or the context's error.
func (p *Port) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// Send posts v, marshalled to JSON, on the port. After the port ended it returns Err().
func (p *Port) Send(v any) error {
	data, err := json.Marshal(v)
	if err == nil && p.clone {
		data, err = envelope.RaiseClone(data, reflect.TypeOf(v))
	}
	if err != nil {
		return fmt.Errorf("bridge: port %q: %w: %w", p.name, ErrNotSerializable, err)
	}
	if len(data) > ChromeMaxBytes {
		return fmt.Errorf("bridge: port %q: %w: %d bytes", p.name, ErrTooLarge, len(data))
	}
	if err := p.Err(); err != nil {
		return err
	}
	if err := p.ep.tr.Post(p.id, data); err != nil {
		return fmt.Errorf("bridge: port %q: %w", p.name, classify(err))
	}
	return nil
}

// Disconnect closes the port. The other side sees onDisconnect; this side's Err becomes
// "closed by this side". Calling it again does nothing.
func (p *Port) Disconnect() {
	if p.close(errClosedLocally) {
		p.ep.tr.Disconnect(p.id)
	}
}

// close records why the port ended; it reports whether this call ended it.
func (p *Port) close(reason error) bool {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return false
	}
	p.closed = true
	p.err = reason
	p.ep.queued.Add(-int64(p.bytes)) // what is left can still be received, but no longer grows
	p.bytes = 0
	p.mu.Unlock()
	close(p.done)
	p.ep.mu.Lock()
	delete(p.ep.ports, p.id)
	p.ep.mu.Unlock()
	return true
}

// queued is one message waiting for Receive: its text, or only its size when it is over the
// port's MaxBytes (Receive reports ErrTooLarge for it, and its text is not kept).
type queued struct {
	raw  json.RawMessage
	size int
	over bool
}

func (p *Port) deliver(msg []byte) {
	p.enqueue(queued{raw: msg, size: len(msg), over: len(msg) > p.lim.MaxBytes})
}

// enqueue adds m to the queue within the bounds of limits.go; past them the other side gets a busy
// error message and the port is disconnected (what was queued before can still be received).
func (p *Port) enqueue(m queued) {
	if m.over {
		m.raw = nil
	}
	held := len(m.raw)
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	why := ""
	total := p.ep.queued.Load()
	switch {
	case len(p.queue) >= MaxPortQueue:
		why = fmt.Sprintf("%d messages are waiting to be received", len(p.queue))
	case len(p.queue) > 0 && p.bytes+held > MaxPortQueueBytes:
		why = fmt.Sprintf("%d bytes are waiting to be received, limit %d", p.bytes, MaxPortQueueBytes)
	case total > 0 && total+int64(held) > MaxPendingBytes:
		why = fmt.Sprintf("this context's ports hold %d bytes waiting to be received, limit %d", total, MaxPendingBytes)
	default:
		p.queue = append(p.queue, m)
		p.bytes += held
		p.ep.queued.Add(int64(held))
	}
	p.mu.Unlock()
	if why != "" {
		p.ep.refusals.note(p.ep.logf, "bridge: port %q disconnected: %s", p.name, why)
		_ = p.ep.tr.Post(p.id, errorReply(CodeBusy, "port %q: %s", p.name, why))
		if p.close(fmt.Errorf("%w: %w: %s", ErrDisconnected, ErrBusy, why)) {
			p.ep.tr.Disconnect(p.id)
		}
	}
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// Message is one message received on a port.
type Message struct {
	raw json.RawMessage
	// clone is the message as received in the clone form (structured clone), nil for JSON.
	clone json.RawMessage
	lim   envelope.Limits
}

// Raw returns the message's JSON text; under structured clone, with the JavaScript types in their
// documented JSON forms (Uint8Array as base64, Date as RFC 3339, BigInt as a number).
func (m Message) Raw() json.RawMessage { return m.raw }

// Decode unmarshals the message into v strictly (unknown fields, depth and size limits), and runs
// v's Validate method if it has one.
func (m Message) Decode(v any) error {
	raw := m.raw
	if m.clone != nil {
		lowered, err := envelope.LowerClone(m.clone, reflect.TypeOf(v), m.lim)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrInvalid, err)
		}
		raw = lowered
	}
	if err := envelope.Unmarshal(raw, v, m.lim); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	if val, ok := v.(Validator); ok {
		if err := val.Validate(); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalid, err)
		}
	}
	return nil
}

// Receive waits for the next message. It returns Err() once the port has ended and every message
// that arrived before has been received, or ctx's error.
func (p *Port) Receive(ctx context.Context) (Message, error) {
	for {
		p.mu.Lock()
		if len(p.queue) > 0 {
			m := p.queue[0]
			p.queue[0] = queued{}
			p.queue = p.queue[1:]
			if !p.closed {
				p.bytes -= len(m.raw)
				p.ep.queued.Add(-int64(len(m.raw)))
			}
			p.mu.Unlock()
			if m.over {
				return Message{}, fmt.Errorf("bridge: port %q: %w: message of %d bytes, limit %d", p.name, ErrTooLarge, m.size, p.lim.MaxBytes)
			}
			raw := m.raw
			if p.clone {
				lowered, err := envelope.LowerClone(raw, nil, p.lim)
				if err != nil {
					return Message{}, fmt.Errorf("bridge: port %q: %w: %w", p.name, ErrInvalid, err)
				}
				return Message{raw: lowered, clone: raw, lim: p.lim}, nil
			}
			return Message{raw: raw, lim: p.lim}, nil
		}
		if p.closed {
			err := p.err
			p.mu.Unlock()
			return Message{}, err
		}
		p.mu.Unlock()
		select {
		case <-p.wake:
		case <-p.done:
		case <-ctx.Done():
			return Message{}, ctxError("bridge: port "+p.name, ctx.Err())
		}
	}
}

// Messages iterates over received messages until the port ends. A message over the size limit
// yields an ErrTooLarge error and iteration goes on. When the port ends for any reason but a
// deliberate disconnect (by either side), the last pair carries that reason; check Err afterwards.
func (p *Port) Messages() iter.Seq2[Message, error] {
	return func(yield func(Message, error) bool) {
		for {
			m, err := p.Receive(context.Background())
			if err == nil {
				if !yield(m, nil) {
					return
				}
				continue
			}
			if errors.Is(err, ErrTooLarge) {
				if !yield(Message{}, err) {
					return
				}
				continue
			}
			if err != errClosedLocally && err != errClosedRemotely {
				yield(Message{}, err)
			}
			return
		}
	}
}

// Connect opens a port to target with the given name. Chrome returns ports synchronously and reports
// a missing receiver later, so a failure shows up as the port ending with ErrNoReceiver. The port
// is disconnected when ctx ends. When receivers listen but none handles the name, Chrome keeps the
// port open with nobody at the other end, and a Receive waits: give the first exchange a deadline
// (Receive's ctx) to fail fast with ErrTimeout.
func Connect(ctx context.Context, target Target, name string, opts ...Option) (*Port, error) {
	ep, err := from(ctx)
	if err != nil {
		return nil, err
	}
	return connectOn(ctx, ep, target, name, opts...)
}

func connectOn(ctx context.Context, ep *endpoint, target Target, name string, opts ...Option) (*Port, error) {
	if err := target.check(); err != nil {
		return nil, err
	}
	if target.kind == targetPageWorld {
		return nil, fmt.Errorf("bridge: connect %q to %s: %w: the page-world channel carries one-time requests only", name, target, ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError("bridge: connect "+name, err)
	}
	o := buildOptions(opts)
	// Registering under the lock: the transport reports events for the id asynchronously, and
	// they must find the port.
	ep.mu.Lock()
	id, err := ep.tr.Connect(target.wire(), name)
	if err != nil {
		ep.mu.Unlock()
		return nil, fmt.Errorf("bridge: connect %q to %s: %w", name, target, classify(err))
	}
	p := newPort(ep, id, name, nil, o.limits())
	p.clone = ep.structuredClone() && target.kind != targetNative
	ep.ports[id] = p
	ep.mu.Unlock()
	go func() {
		select {
		case <-ctx.Done():
			if p.close(fmt.Errorf("%w: %w", ErrDisconnected, ctx.Err())) {
				ep.tr.Disconnect(id)
			}
		case <-p.done:
		}
	}()
	return p, nil
}

// PortHandler serves one port. SenderFrom(ctx) tells who opened it; ctx ends when the port does.
// The port is disconnected when the handler returns.
type PortHandler func(ctx context.Context, p *Port)

// OnConnect registers fn for ports opened to this context with the given name. A name ending in
// "*" matches every name with that prefix (the longest pattern wins over shorter ones, an exact
// name over patterns). A port whose name has no handler here is left alone (no message, no
// disconnect), so another context of the extension can take it; a port from a denied sender
// receives one error envelope and is disconnected.
func OnConnect(name string, fn PortHandler, opts ...Option) error {
	ep, err := own()
	if err != nil {
		return err
	}
	return onConnectOn(ep, name, fn, opts...)
}

func onConnectOn(ep *endpoint, name string, fn PortHandler, opts ...Option) error {
	if fn == nil {
		return fmt.Errorf("%w: nil port handler for %q", ErrInvalid, name)
	}
	return ep.addPortName(&portEntry{pattern: name, opts: buildOptions(opts), fn: fn})
}

func (ep *endpoint) handleConnect(id int, external bool, name string, senderText []byte) {
	refuse := func(code Code, format string, args ...any) {
		_ = ep.tr.Post(id, errorReply(code, format, args...))
		ep.tr.Disconnect(id)
	}
	sender, err := parseSender(senderText)
	if err != nil {
		refuse(CodeInvalid, "malformed sender")
		return
	}
	ep.connectFrom(id, external, name, sender)
}

// connectFrom is handleConnect with the sender already known.
func (ep *endpoint) connectFrom(id int, external bool, name string, sender Sender) {
	refuse := func(code Code, format string, args ...any) {
		_ = ep.tr.Post(id, errorReply(code, format, args...))
		ep.tr.Disconnect(id)
	}
	e := ep.lookupPort(name, external)
	if e == nil {
		// Not ours: left alone, so that another context listening for the name keeps the channel
		// (a disconnect here would end it for every receiver).
		ep.tr.Release(id)
		return
	}
	if !e.opts.policy.allows(sender, ep.tr.SelfID(), external) {
		refuse(CodeDenied, "sender not allowed on port %q", name)
		return
	}
	p := newPort(ep, id, name, &sender, e.opts.limits())
	p.clone = ep.structuredClone()
	ep.mu.Lock()
	ep.ports[id] = p
	ep.mu.Unlock()
	go ep.servePort(e, p, sender)
}

func (ep *endpoint) servePort(e *portEntry, p *Port, sender Sender) {
	ctx, cancel := context.WithCancel(ep.Context(context.WithValue(context.Background(), senderKey{}, sender)))
	defer cancel()
	go func() {
		select {
		case <-p.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	defer func() {
		if r := recover(); r != nil {
			ep.logf("bridge: handler for port %q panicked: %v\n%s", p.name, r, debug.Stack())
			_ = p.Send(json.RawMessage(errorReply(CodeInternal, "internal error in the handler for port %q", p.name)))
		}
		p.Disconnect()
	}()
	e.fn(ctx, p)
}

func (ep *endpoint) portFor(id int) *Port {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	return ep.ports[id]
}

func (ep *endpoint) handlePortMessage(id int, msg []byte) {
	if p := ep.portFor(id); p != nil {
		p.deliver(msg)
	}
}

// handlePortOversize queues the size of a message the glue did not hand over: it was over the
// largest MaxBytes of any port name, so over this port's.
func (ep *endpoint) handlePortOversize(id int, size int) {
	if p := ep.portFor(id); p != nil {
		p.enqueue(queued{size: size, over: true})
	}
}

func (ep *endpoint) handlePortClosed(id int, lastError string) {
	p := ep.portFor(id)
	if p == nil {
		return
	}
	reason := errClosedRemotely
	if lastError != "" {
		reason = fmt.Errorf("%w: %w", ErrDisconnected, classify(errors.New(lastError)))
	}
	p.close(reason)
}
