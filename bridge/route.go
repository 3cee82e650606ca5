package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/extwasm/extwasm/internal/envelope"
)

// Validator is implemented by request types that check their own content. Validate runs after
// strict decoding and before the handler; an error becomes an "invalid" reply. Send calls it too,
// so a bad request fails before it leaves.
type Validator interface {
	Validate() error
}

// Route is a named request/response pair. Declare routes once, in a package both sides import.
type Route[Req, Resp any] struct {
	name string
}

// NewRoute names a route. Names are 1–128 characters from [A-Za-z0-9._:/-]; a bad name makes
// Handle and Send fail with ErrInvalid.
func NewRoute[Req, Resp any](name string) Route[Req, Resp] { return Route[Req, Resp]{name: name} }

// Name returns the route's name.
func (r Route[Req, Resp]) Name() string { return r.name }

// HandlerFunc handles one request. SenderFrom(ctx) tells who sent it; ctx ends after HandlerTimeout.
type HandlerFunc[Req, Resp any] func(ctx context.Context, req Req) (Resp, error)

// Handle registers fn for route r in this JavaScript context. Call it before Ready. Without an
// Allow option the route admits nobody.
func Handle[Req, Resp any](r Route[Req, Resp], fn HandlerFunc[Req, Resp], opts ...Option) error {
	ep, err := own()
	if err != nil {
		return err
	}
	return handleOn(ep, r, fn, opts...)
}

func handleOn[Req, Resp any](ep *endpoint, r Route[Req, Resp], fn HandlerFunc[Req, Resp], opts ...Option) error {
	if err := envelope.ValidRoute(r.name); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if fn == nil {
		return fmt.Errorf("%w: nil handler for %q", ErrInvalid, r.name)
	}
	o := buildOptions(opts)
	typed := envelope.Typed(fn, o.limits())
	// dispatch has checked the body at o.limits(); in the JSON form it reaches the handler as it
	// came, so it is not checked again, and the reply is in the form dispatch wraps as it is.
	checked := envelope.TypedChecked(fn)
	return ep.addRoute(&routeEntry{name: r.name, opts: o, serve: func(ctx context.Context, body json.RawMessage) (json.RawMessage, error) {
		var out json.RawMessage
		var err error
		if ep.structuredClone() {
			// The reply names the route already: a refused request's message is only what was wrong.
			if body, err = ep.lower(body, reflect.TypeFor[Req](), o.limits()); err != nil {
				return nil, validationError{err}
			}
			out, err = typed(ctx, body)
		} else {
			out, err = checked(ctx, body)
		}
		var reqErr *envelope.RequestError
		var replyErr *envelope.ReplyError
		switch {
		case errors.As(err, &reqErr):
			return nil, validationError{reqErr.Err}
		case errors.As(err, &replyErr):
			return nil, fmt.Errorf("%w: reply of %q: %v", ErrNotSerializable, r.name, replyErr.Err)
		}
		if err == nil {
			out, err = ep.raise(out, reflect.TypeFor[Resp](), Target{})
		}
		return out, err
	}})
}

// Send sends req on route r to target and waits for the typed reply. Without a deadline on ctx,
// DefaultTimeout applies. A tab that is still loading is retried until the deadline.
func (r Route[Req, Resp]) Send(ctx context.Context, target Target, req Req) (Resp, error) {
	ep, err := from(ctx)
	if err != nil {
		var zero Resp
		return zero, err
	}
	return sendOn(ctx, ep, r, target, req)
}

func sendOn[Req, Resp any](ctx context.Context, ep *endpoint, r Route[Req, Resp], target Target, req Req) (Resp, error) {
	var zero Resp
	what := fmt.Sprintf("bridge: %s to %s", r.name, target)
	if err := envelope.ValidRoute(r.name); err != nil {
		return zero, fmt.Errorf("%s: %w: %v", what, ErrInvalid, err)
	}
	if err := envelope.Validate(&req); err != nil {
		return zero, fmt.Errorf("%s: %w: %w", what, ErrInvalid, err)
	}
	msg, err := encodeRequest(ep, r.name, req, target)
	if err != nil {
		return zero, fmt.Errorf("%s: %w: %w", what, ErrNotSerializable, err)
	}
	replyText, err := ep.call(ctx, target, what, msg)
	if err != nil {
		return zero, err
	}
	if ep.structuredClone() && target.kind != targetNative {
		return decodeCloneReply[Resp](what, r.name, replyText)
	}
	return decodeReply[Resp](what, r.name, replyText)
}

// RawHandlerFunc handles a message that is not an extwasm envelope, such as a plain-JavaScript
// peer's {greeting: "hello"}. Its result is sent back as plain JSON (nil sends null); an error is sent
// as an extwasm error envelope.
type RawHandlerFunc func(ctx context.Context, msg json.RawMessage) (any, error)

// HandleRaw registers the handler for plain JSON messages. There is at most one per context; it
// sees every non-envelope message its options admit, already size-, depth- and UTF-8-checked.
func HandleRaw(fn RawHandlerFunc, opts ...Option) error {
	ep, err := own()
	if err != nil {
		return err
	}
	return handleRawOn(ep, fn, opts...)
}

func handleRawOn(ep *endpoint, fn RawHandlerFunc, opts ...Option) error {
	if fn == nil {
		return fmt.Errorf("%w: nil raw handler", ErrInvalid)
	}
	return ep.addRoute(&routeEntry{name: "(raw)", raw: true, opts: buildOptions(opts),
		serve: func(ctx context.Context, body json.RawMessage) (json.RawMessage, error) {
			body, err := ep.lower(body, nil, envelope.Limits{})
			if err != nil {
				return nil, validationError{fmt.Errorf("raw message: %w", err)}
			}
			v, err := fn(ctx, body)
			if err != nil {
				return nil, err
			}
			out, err := json.Marshal(v)
			if err == nil {
				out, err = ep.raise(out, reflect.TypeOf(v), Target{})
			}
			if err != nil {
				return nil, fmt.Errorf("%w: raw reply: %v", ErrNotSerializable, err)
			}
			return out, nil
		}})
}

// SendRaw sends msg (any JSON value) to target as a plain message, for plain-JavaScript peers, and
// returns the reply's JSON. A reply of undefined (listeners that did not answer) is ErrNoReceiver.
func SendRaw(ctx context.Context, target Target, msg any) (json.RawMessage, error) {
	ep, err := from(ctx)
	if err != nil {
		return nil, err
	}
	return sendRawOn(ctx, ep, target, msg)
}

func sendRawOn(ctx context.Context, ep *endpoint, target Target, msg any) (json.RawMessage, error) {
	what := "bridge: message to " + target.String()
	data, err := json.Marshal(msg)
	if err == nil {
		data, err = ep.raise(data, reflect.TypeOf(msg), target)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", what, ErrNotSerializable, err)
	}
	reply, err := ep.call(ctx, target, what, data)
	if err != nil {
		return nil, err
	}
	if target.kind != targetNative {
		if reply, err = ep.lower(reply, nil, envelope.Limits{}); err != nil {
			return nil, fmt.Errorf("%s: %w: %w", what, ErrInvalid, err)
		}
	}
	return reply, nil
}

// Ready tells the glue that this context's handlers are registered: buffered and future messages are
// delivered to them. Call it once, after every Handle, HandleRaw and OnConnect.
func Ready() error {
	ep, err := own()
	if err != nil {
		return err
	}
	return ep.Ready()
}
