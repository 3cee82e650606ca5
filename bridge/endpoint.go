package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/internal/envelope"
	"github.com/extwasm/extwasm/internal/parked"
)

// endpoint is one JavaScript context's view of messaging: its handlers, its ports and its transport.
// Programs use the package-level functions, which act on the context's single endpoint.
type endpoint struct {
	tr    wire.Transport
	logf  func(format string, args ...any)
	sleep func(ctx context.Context, d time.Duration) error

	mu        sync.Mutex
	routes    map[string]*routeEntry
	raw       *routeEntry
	portNames map[string]*portEntry // exact names, or prefixes ending in "*"
	ports     map[int]*Port
	ready     bool

	// outer caches outerLimits until the next route is added: it is read for every message.
	outer *envelope.Limits
	run   *parked.Runner // runs each message's handler

	// queued is the text held in every Port's queue (MaxPendingBytes bounds it); refusals logs
	// the refusals past a bound.
	queued   atomic.Int64
	refusals limitLog

	// lastSender is the last sender text parsed and its result: a context's messages mostly come
	// from the same few senders, and Chrome's sender carries a whole tab, whose parsing was the
	// largest single cost of a small message.
	senderMu   sync.Mutex
	lastSender struct {
		text string
		s    Sender
	}
}

type routeEntry struct {
	name string
	opts options
	// serve runs the handler on a decoded, validated body and returns the reply's JSON text.
	serve func(ctx context.Context, body json.RawMessage) (json.RawMessage, error)
	raw   bool
}

type portEntry struct {
	pattern string
	opts    options
	fn      func(ctx context.Context, p *Port)
}

func newEndpoint(tr wire.Transport) *endpoint {
	return &endpoint{
		tr:        tr,
		logf:      logStderr,
		sleep:     sleepCtx,
		routes:    map[string]*routeEntry{},
		portNames: map[string]*portEntry{},
		ports:     map[int]*Port{},
		run:       parked.New(),
	}
}

// logStderr writes one line of the bridge's log to standard error, which the js/wasm runtime hands
// to the context's console. It is not package log: that would link log's time formatting into every
// module for a line the console already timestamps.
func logStderr(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (ep *endpoint) addRoute(e *routeEntry) error {
	if err := ep.insertRoute(e); err != nil {
		return err
	}
	ep.mu.Lock()
	ready := ep.ready
	ep.mu.Unlock()
	if ready {
		return ep.publishHandles()
	}
	return nil
}

func (ep *endpoint) insertRoute(e *routeEntry) error {
	if e.opts.policy.empty() {
		ep.logf("bridge: route %q admits no sender (add an Allow option)", e.name)
	}
	ep.mu.Lock()
	defer ep.mu.Unlock()
	ep.outer = nil
	if e.raw {
		if ep.raw != nil {
			return errors.New("bridge: a raw handler is already registered")
		}
		ep.raw = e
		return nil
	}
	if _, dup := ep.routes[e.name]; dup {
		return fmt.Errorf("bridge: route %q already has a handler", e.name)
	}
	ep.routes[e.name] = e
	return nil
}

// publishHandles tells the browser side what this context answers, so it stays silent on the rest
// (first reply wins across contexts). Once ready, every new route is published as it is added.
// With it go the size bounds, so that the browser side refuses an oversized message before
// copying it into Go's memory, and the bounds on what it holds (limits.go).
func (ep *endpoint) publishHandles() error {
	t := wire.Table{RouteMaxBytes: map[string]int{}, Limits: glueLimits}
	ep.mu.Lock()
	t.Routes = make([]string, 0, len(ep.routes))
	for name, r := range ep.routes {
		t.Routes = append(t.Routes, name)
		t.RouteMaxBytes[name] = r.opts.maxBytes
		if r.opts.policy.external() {
			t.External = append(t.External, name)
		}
	}
	if ep.raw != nil {
		t.Raw, t.RawMaxBytes = true, ep.raw.opts.maxBytes
		t.ExternalRaw = ep.raw.opts.policy.external()
		t.RawKeys = ep.raw.opts.rawKeys
	}
	for _, e := range ep.portNames {
		t.PortMaxBytes = max(t.PortMaxBytes, e.opts.maxBytes)
	}
	ep.mu.Unlock()
	sort.Strings(t.Routes)
	sort.Strings(t.External)
	return ep.tr.Handles(t)
}

func (ep *endpoint) addPortName(e *portEntry) error {
	name := strings.TrimSuffix(e.pattern, "*")
	if name == "" && e.pattern != "*" {
		return fmt.Errorf("%w: empty port name", ErrInvalid)
	}
	if e.opts.policy.empty() {
		ep.logf("bridge: port name %q admits no sender (add an Allow option)", e.pattern)
	}
	ep.mu.Lock()
	if _, dup := ep.portNames[e.pattern]; dup {
		ep.mu.Unlock()
		return fmt.Errorf("bridge: port name %q already has a handler", e.pattern)
	}
	ep.portNames[e.pattern] = e
	ready := ep.ready
	ep.mu.Unlock()
	if ready {
		return ep.publishHandles() // its MaxBytes may raise the table's
	}
	return nil
}

// lookupPort finds the handler for a port name: an exact match, else the longest matching prefix.
// For an external opener only names that admit some external sender count: the others do not
// exist for it, so it meets the handler it would meet if they were not registered.
func (ep *endpoint) lookupPort(name string, external bool) *portEntry {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	visible := func(e *portEntry) bool { return !external || e.opts.policy.external() }
	if e, ok := ep.portNames[name]; ok && !strings.HasSuffix(e.pattern, "*") && visible(e) {
		return e
	}
	var best *portEntry
	for pat, e := range ep.portNames {
		if p, ok := strings.CutSuffix(pat, "*"); ok && strings.HasPrefix(name, p) && visible(e) {
			if best == nil || len(pat) > len(best.pattern) {
				best = e
			}
		}
	}
	return best
}

// limits covering every registered route, applied before the route is known.
func (ep *endpoint) outerLimits() envelope.Limits {
	ep.mu.Lock()
	defer ep.mu.Unlock()
	if ep.outer != nil {
		return *ep.outer
	}
	l := envelope.Limits{MaxBytes: 1, MaxDepth: 1}
	grow := func(o options) {
		l.MaxBytes = max(l.MaxBytes, o.maxBytes)
		l.MaxDepth = max(l.MaxDepth, o.maxDepth) // DecodeRequest does not count the envelope's own object
	}
	for _, r := range ep.routes {
		grow(r.opts)
	}
	if ep.raw != nil {
		grow(ep.raw.opts)
	}
	if len(ep.routes) == 0 && ep.raw == nil {
		l = envelope.Limits{MaxBytes: DefaultMaxBytes, MaxDepth: DefaultMaxDepth}
	}
	ep.outer = &l
	return l
}

// Ready installs the inbound hooks; buffered messages are delivered from now on.
func (ep *endpoint) Ready() error {
	ep.mu.Lock()
	if ep.ready {
		ep.mu.Unlock()
		return nil
	}
	ep.ready = true
	ep.mu.Unlock()
	if err := ep.publishHandles(); err != nil {
		return err
	}
	return ep.tr.Listen(wire.Inbound{
		Message: func(id int, external bool, msg, sender []byte) {
			ep.run.Go(func() { ep.handleMessage(id, external, msg, sender) })
		},
		Connect:      ep.handleConnect,
		PortMessage:  ep.handlePortMessage,
		PortOversize: ep.handlePortOversize,
		PortClosed:   ep.handlePortClosed,
		PageMessage: func(id int, msg, sender []byte) {
			ep.run.Go(func() { ep.tr.Respond(id, ep.dispatchPage(msg, sender)) })
		},
		UserScriptMessage: func(id int, msg, sender []byte) {
			ep.run.Go(func() { ep.handleUserScriptMessage(id, msg, sender) })
		},
		UserScriptConnect: ep.handleUserScriptConnect,
	})
}

func errorReply(code Code, format string, args ...any) []byte {
	return envelope.EncodeError(envelope.Error{Code: envelope.Code(code), Message: fmt.Sprintf(format, args...)})
}

// handleMessage answers one incoming one-time message. The browser side only delivers messages this
// context handles (publishHandles) and keeps their channel open, so it always replies: Chrome's
// sender would otherwise wait for a reply that never comes. A not_found reply is only reached when a
// message was kept open before Ready on a declaration that Go's routes do not match.
func (ep *endpoint) handleMessage(id int, external bool, msg, senderText []byte) {
	ep.tr.Respond(id, ep.dispatch(external, msg, senderText))
}

// senderOf is parseSender, remembering the last text it parsed.
func (ep *endpoint) senderOf(text []byte) (Sender, error) {
	ep.senderMu.Lock()
	defer ep.senderMu.Unlock()
	if len(text) > 0 && ep.lastSender.text == string(text) {
		return ep.lastSender.s.clone(), nil
	}
	s, err := parseSender(text)
	if err == nil {
		ep.lastSender.text, ep.lastSender.s = string(text), s.clone()
	}
	return s, err
}

// clone copies s so that a handler cannot change what the next message's sender reads as. Sender
// holds strings, numbers and a *Tab of the same: copying the Tab is a deep copy.
func (s Sender) clone() Sender {
	if s.Tab != nil {
		t := *s.Tab
		s.Tab = &t
	}
	return s
}

func (ep *endpoint) dispatch(external bool, msg, senderText []byte) []byte {
	sender, err := ep.senderOf(senderText)
	if err != nil {
		return errorReply(CodeInvalid, "malformed sender")
	}
	return ep.dispatchFrom(external, msg, sender)
}

// dispatchFrom is dispatch with the sender already known.
func (ep *endpoint) dispatchFrom(external bool, msg []byte, sender Sender) []byte {
	outer := ep.outerLimits()
	if len(msg) > outer.MaxBytes {
		return errorReply(CodeTooLarge, "message of %d bytes exceeds the limit of %d", len(msg), outer.MaxBytes)
	}
	req, err := envelope.DecodeRequest(msg, outer)
	if errors.Is(err, envelope.ErrNotEnvelope) && sender.pageWorld {
		return errorReply(CodeInvalid, "the page world sends extwasm envelopes only")
	}
	if errors.Is(err, envelope.ErrNotEnvelope) {
		return ep.dispatchRaw(external, msg, sender)
	}
	if err != nil {
		return errorReply(Code(envelope.CodeOf(err)), "%v", err)
	}
	ep.mu.Lock()
	r := ep.routes[req.Route]
	ep.mu.Unlock()
	if r == nil || (external && !r.opts.policy.external()) || (sender.pageWorld && !r.opts.policy.page) {
		// A route that admits no external sender does not exist for one: the glue stays silent
		// for it as for a route never registered, and this reply (reached only for a message kept
		// while Go started) is the same as for a route never registered. Likewise a route that
		// does not admit the page world does not exist for it.
		return errorReply(CodeNotFound, "no handler for route %q", req.Route)
	}
	// The sender is checked before the body is decoded: a denied sender's payload is not parsed.
	if !r.opts.policy.allows(sender, ep.tr.SelfID(), external) {
		return errorReply(CodeDenied, "sender not allowed on route %q", req.Route)
	}
	if len(msg) > r.opts.maxBytes {
		return errorReply(CodeTooLarge, "message of %d bytes exceeds route %q's limit of %d", len(msg), req.Route, r.opts.maxBytes)
	}
	if err := envelope.Check(req.Body, r.opts.limits()); err != nil {
		return errorReply(Code(envelope.CodeOf(err)), "%v", err)
	}
	body, err := ep.invoke(r, sender, req.Body)
	if err != nil {
		return ep.errorFor(r.name, err, ep.ownContext(sender, external))
	}
	if !ep.structuredClone() {
		return envelope.EncodeReplyJSON(body) // a route's serve wrote body with json.Marshal
	}
	out, err := envelope.EncodeReply(body)
	if err != nil {
		return errorReply(CodeNotSerializable, "reply: %v", err)
	}
	return out
}

func (ep *endpoint) dispatchRaw(external bool, msg []byte, sender Sender) []byte {
	ep.mu.Lock()
	r := ep.raw
	ep.mu.Unlock()
	if r == nil || (external && !r.opts.policy.external()) || !hasRawKey(msg, r.opts.rawKeys) {
		// Reached only for a message kept while Go started, on a declaration Go's table narrows.
		return errorReply(CodeNotFound, "no handler for messages that are not extwasm envelopes")
	}
	if !r.opts.policy.allows(sender, ep.tr.SelfID(), external) {
		return errorReply(CodeDenied, "sender not allowed")
	}
	if len(msg) > r.opts.maxBytes {
		return errorReply(CodeTooLarge, "message of %d bytes exceeds the limit of %d", len(msg), r.opts.maxBytes)
	}
	if err := envelope.Check(msg, r.opts.limits()); err != nil {
		return errorReply(Code(envelope.CodeOf(err)), "%v", err)
	}
	body, err := ep.invoke(r, sender, msg)
	if err != nil {
		return ep.errorFor(r.name, err, ep.ownContext(sender, external))
	}
	return body
}

// hasRawKey reports whether a raw handler narrowed to keys (none: every message) claims msg: a JSON
// object with at least one of them at the top level, as the glue decides.
func hasRawKey(msg []byte, keys []string) bool {
	return len(keys) == 0 || envelope.HasMember(msg, keys...)
}

type internalError struct{ route string }

func (e internalError) Error() string {
	return fmt.Sprintf("internal error in the handler for %q", e.route)
}

// errorFor is the reply for a handler's error: its code and message, and the texts of the errors it
// wraps only when chain is set (the caller is this extension's own page or worker). A PublicError
// in err replaces all of them with its code and message, and err goes to the log instead.
func (ep *endpoint) errorFor(route string, err error, chain bool) []byte {
	var ie internalError
	if errors.As(err, &ie) {
		return errorReply(CodeInternal, "%s", ie.Error())
	}
	var ve validationError
	if errors.As(err, &ve) {
		return envelope.EncodeError(envelope.Error{Code: envelope.CodeInvalid, Message: err.Error()})
	}
	var pe *PublicError
	if errors.As(err, &pe) {
		code := envelope.Code(pe.Code)
		if !code.Valid() {
			code = envelope.CodeRemote
		}
		ep.logf("bridge: handler for %q: %v (the caller sees %s: %s)", route, err, code, pe.Message)
		return envelope.EncodeError(envelope.Error{Code: code, Message: pe.Message})
	}
	e := envelope.Error{Code: envelope.Code(replyCode(err)), Message: err.Error()}
	if chain {
		e.Chain = chainOf(err)
	}
	return envelope.EncodeError(e)
}

// ownContext reports whether sender is this extension's own page or worker, the only callers an
// error's chain crosses to.
func (ep *endpoint) ownContext(sender Sender, external bool) bool {
	return !sender.pageWorld && classifySender(sender, ep.tr.SelfID(), external) == classOwnExtension
}

// invoke runs a handler with the sender in its context, turning a panic into an internal error and
// a log line (the panic value stays in the log: replies carry no more than the route returns).
func (ep *endpoint) invoke(r *routeEntry, sender Sender, body json.RawMessage) (out json.RawMessage, err error) {
	ctx, cancel := newHandlerCtx(context.Background(), HandlerTimeout)
	defer cancel()
	ctx.ep, ctx.sender, ctx.hasSender = ep, sender, true
	defer func() {
		if p := recover(); p != nil {
			ep.logf("bridge: handler for %q panicked: %v\n%s", r.name, p, debug.Stack())
			out, err = nil, internalError{route: r.name}
		}
	}()
	return r.serve(ctx, body)
}

// validationError marks a request that failed strict decoding or its Validate method.
type validationError struct{ err error }

func (e validationError) Error() string { return e.err.Error() }
func (e validationError) Unwrap() error { return e.err }

// call sends one request and waits for its reply, retrying while a tab's receiver is not there yet.
func (ep *endpoint) call(ctx context.Context, t Target, what string, msg []byte) ([]byte, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	if t.kind == targetNative && !isJSONObject(msg) {
		return nil, fmt.Errorf("%s: %w: a native message must be a JSON object", what, ErrInvalid)
	}
	if len(msg) > ChromeMaxBytes {
		return nil, fmt.Errorf("%s: %w: %d bytes, Chrome's limit is %d", what, ErrTooLarge, len(msg), ChromeMaxBytes)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = withTimeout(ctx, defaultTimeout)
		defer cancel()
	}
	backoff := 20 * time.Millisecond
	for {
		if err := ctx.Err(); err != nil {
			return nil, ctxError(what, err)
		}
		reply, ok, err := ep.tr.Send(ctx, t.wire(), msg)
		if err == nil {
			if !ok && t.kind == targetNative {
				// Chrome resolves with undefined when the host's first message is not valid JSON.
				return nil, fmt.Errorf("%s: %w: the host's reply was not valid JSON", what, ErrNativeProtocol)
			}
			if !ok {
				return nil, fmt.Errorf("%s: %w: the receivers listened but none replied", what, ErrNoReceiver)
			}
			return reply, nil
		}
		if ctx.Err() != nil {
			return nil, ctxError(what, ctx.Err())
		}
		err = classify(err)
		if !errors.Is(err, ErrNoReceiver) || t.kind != targetTab || !ep.notReady(ctx, t) {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		// The tab exists and is still loading: its content script is not injected yet.
		if serr := ep.sleep(ctx, backoff); serr != nil {
			return nil, ctxError(what+" (receiver still not ready)", serr)
		}
		backoff = min(backoff*2, 500*time.Millisecond)
	}
}

// notReady tells "receiver not there yet" (the tab is loading) from "receiver gone" (no such tab, or
// a loaded tab without a receiver).
func (ep *endpoint) notReady(ctx context.Context, t Target) bool {
	state, err := ep.tr.TabState(ctx, t.tab)
	return err == nil && state == wire.TabLoading
}
