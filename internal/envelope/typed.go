package envelope

import (
	"bytes"
	"context"
	"encoding/json"
)

// Validator is implemented by request types that check themselves after decoding. bridge.Validator
// and nativehost.Validator are this interface, documented for their users.
type Validator interface {
	Validate() error
}

// Validate runs Validate when v, or the value it points to, implements Validator.
func Validate[T any](v *T) error {
	if x, ok := any(v).(Validator); ok {
		return x.Validate()
	}
	if x, ok := any(*v).(Validator); ok {
		return x.Validate()
	}
	return nil
}

// RequestError is a request that did not decode strictly into a handler's type or that its
// Validate method refused: the sender's fault.
type RequestError struct{ Err error }

func (e *RequestError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *RequestError) Unwrap() error { return e.Err }

// ReplyError is a handler's result that could not be encoded as JSON: the handler's fault.
type ReplyError struct{ Err error }

func (e *ReplyError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *ReplyError) Unwrap() error { return e.Err }

// Typed adapts a typed handler to JSON text, the one adapter bridge's routes and nativehost's
// handlers share: the body is decoded strictly within lim (see Unmarshal) and validated (see
// Validate), a failure being a *RequestError; f's error is returned as it is; f's result is
// encoded as JSON without HTML escaping, a failure being a *ReplyError.
func Typed[Req, Resp any](f func(ctx context.Context, req Req) (Resp, error), lim Limits) func(ctx context.Context, body json.RawMessage) (json.RawMessage, error) {
	return func(ctx context.Context, body json.RawMessage) (json.RawMessage, error) {
		var req Req
		if err := Unmarshal(body, &req, lim); err != nil {
			return nil, &RequestError{Err: err}
		}
		if err := Validate(&req); err != nil {
			return nil, &RequestError{Err: err}
		}
		resp, err := f(ctx, req)
		if err != nil {
			return nil, err
		}
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(resp); err != nil {
			return nil, &ReplyError{Err: err}
		}
		return bytes.TrimSuffix(out.Bytes(), []byte{'\n'}), nil
	}
}

// TypedChecked is Typed for a caller that has already run Check on every body at the limits Typed
// would use: the body is decoded without checking it again, and f's result is encoded as
// json.Marshal writes it (HTML-escaped), the form EncodeReplyJSON takes. The bridge's routes use
// it, so that a request is checked once and its reply marshalled once.
func TypedChecked[Req, Resp any](f func(ctx context.Context, req Req) (Resp, error)) func(ctx context.Context, body json.RawMessage) (json.RawMessage, error) {
	return func(ctx context.Context, body json.RawMessage) (json.RawMessage, error) {
		var req Req
		if err := decodeChecked(body, &req, "body"); err != nil {
			return nil, &RequestError{Err: err}
		}
		if err := Validate(&req); err != nil {
			return nil, &RequestError{Err: err}
		}
		resp, err := f(ctx, req)
		if err != nil {
			return nil, err
		}
		out, err := json.Marshal(resp)
		if err != nil {
			return nil, &ReplyError{Err: err}
		}
		return out, nil
	}
}
