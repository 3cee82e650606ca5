package nativehost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/extwasm/extwasm/internal/envelope"
)

// Mux routes requests in extwasm's typed envelope to typed handlers, so that the extension's Go
// code can call the host with the same routes it uses for extension messaging. A request is
//
//	{"extwasm":1,"route":"vault.lookup","body":{...}}
//
// and the reply is {"extwasm":1,"ok":true,"body":{...}} or
// {"extwasm":1,"ok":false,"error":{"code":"...","message":"...","chain":[...]}}.
//
// Bodies are decoded strictly (unknown fields, duplicate keys and excessive nesting are rejected)
// and validated when the type implements [Validator]. A message that is not an envelope goes to
// the fallback handler set with [Mux.Fallback], or gets an error reply.
//
// A Mux is a [Handler]; register its routes before serving.
type Mux struct {
	routes   map[string]Handler
	fallback Handler
}

// NewMux returns an empty Mux.
func NewMux() *Mux {
	return &Mux{routes: map[string]Handler{}}
}

// Handle registers h for route. The body of each request reaches h as raw JSON, and h's result
// becomes the reply body. It fails for an invalid route name or a route registered twice.
func (m *Mux) Handle(route string, h Handler) error {
	if err := envelope.ValidRoute(route); err != nil {
		return fmt.Errorf("nativehost: %w", err)
	}
	if _, dup := m.routes[route]; dup {
		return fmt.Errorf("nativehost: route %q registered twice", route)
	}
	m.routes[route] = h
	return nil
}

// Fallback sets the handler for messages that are not envelopes (plain JSON from a JavaScript
// peer). Its replies and errors use the plain JSON form.
func (m *Mux) Fallback(h Handler) { m.fallback = h }

// HandleRoute registers a typed function for route on m. See [Mux.Handle].
func HandleRoute[Req, Resp any](m *Mux, route string, f func(ctx context.Context, req Req) (Resp, error)) error {
	return m.Handle(route, Func(f))
}

// HandleMessage implements [Handler].
func (m *Mux) HandleMessage(ctx context.Context, msg json.RawMessage) (json.RawMessage, error) {
	req, err := envelope.DecodeRequest(msg, envelope.Limits{MaxBytes: MaxBrowserMessageSize})
	if errors.Is(err, envelope.ErrNotEnvelope) {
		if m.fallback == nil {
			return nil, Errorf(CodeInvalid, "not an extwasm envelope and no plain JSON handler")
		}
		return m.fallback.HandleMessage(ctx, msg)
	}
	if err != nil {
		return envelopeError(&Error{Code: string(envelope.CodeOf(err)), Message: err.Error()}), nil
	}
	h, ok := m.routes[req.Route]
	if !ok {
		return envelopeError(Errorf(CodeNotFound, "no handler for route %q", req.Route)), nil
	}
	body, err := callRoute(ctx, h, req.Body)
	if errors.Is(err, ErrNoReply) {
		return nil, ErrNoReply
	}
	if err != nil {
		return envelopeError(err), nil
	}
	reply, err := envelope.EncodeReply(body)
	if err != nil {
		return envelopeError(Errorf(CodeInternal, "encode reply: %v", err)), nil
	}
	if len(reply) > MaxHostMessageSize {
		return envelopeError(Errorf(CodeTooLarge, "reply of %d bytes exceeds Chrome's %d-byte limit for native hosts",
			len(reply), MaxHostMessageSize)), nil
	}
	return reply, nil
}

// callRoute runs h, turning a panic into an error so that it is answered in envelope form.
func callRoute(ctx context.Context, h Handler, body json.RawMessage) (out json.RawMessage, err error) {
	defer func() {
		if p := recover(); p != nil {
			loggerFrom(ctx).Error("route handler panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			out, err = nil, Errorf(CodeInternal, "handler panicked: %v", p)
		}
	}()
	return h.HandleMessage(ctx, body)
}

// envelopeError encodes err as an envelope error reply. An *Error keeps its code when the envelope
// knows it; otherwise the code is "remote" and the original code stays visible in the message.
// The chain lists the texts of the wrapped errors, outermost first.
func envelopeError(err error) json.RawMessage {
	e := envelope.Error{Code: envelope.CodeRemote, Message: err.Error()}
	var ne *Error
	if errors.As(err, &ne) {
		if c := envelope.Code(ne.Code); c.Valid() {
			e.Code, e.Message = c, ne.Message
		}
	}
	for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
		e.Chain = append(e.Chain, u.Error())
	}
	return envelope.EncodeError(e)
}
