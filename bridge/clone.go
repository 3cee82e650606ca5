package bridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/internal/envelope"
)

// Structured clone (the manifest's "message_serialization": "structured_clone", Chrome 148+): a
// context's messages, replies and port messages keep JavaScript types, and the Go types that mean
// them travel as those types: []byte as Uint8Array, time.Time as Date (millisecond precision, as a
// Date holds), *big.Int as BigInt. Incoming values are decoded strictly against the Go type. In the
// default JSON mode the same Go types take encoding/json's forms: a base64 string, an RFC 3339
// string and a number. Native messaging is always JSON.

// structuredClone reports whether this endpoint's messages cross in the clone form.
func (ep *endpoint) structuredClone() bool {
	sc, ok := ep.tr.(wire.StructuredCloner)
	return ok && sc.StructuredClone()
}

// raise turns encoding/json's text for a value of type t into the clone form when the endpoint
// uses structured clone; target says whether the message goes to a native host, which stays JSON.
func (ep *endpoint) raise(data []byte, t reflect.Type, target Target) ([]byte, error) {
	if !ep.structuredClone() || target.kind == wire.ToNative {
		return data, nil
	}
	return envelope.RaiseClone(data, t)
}

// lower turns a received text in the clone form into encoding/json's forms for t (nil: any).
func (ep *endpoint) lower(data []byte, t reflect.Type, lim envelope.Limits) ([]byte, error) {
	if !ep.structuredClone() {
		return data, nil
	}
	return envelope.LowerClone(data, t, lim)
}

// encodeRequest is envelope.EncodeRequest with the body in the endpoint's form.
func encodeRequest[Req any](ep *endpoint, route string, req Req, target Target) ([]byte, error) {
	if !ep.structuredClone() || target.kind == wire.ToNative {
		return envelope.EncodeRequest(route, req)
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	raised, err := envelope.RaiseClone(body, reflect.TypeFor[Req]())
	if err != nil {
		return nil, err
	}
	return envelope.EncodeRequest(route, json.RawMessage(raised))
}

// decodeCloneReply is decodeReply for a reply in the clone form.
func decodeCloneReply[Resp any](what, route string, replyText []byte) (Resp, error) {
	var zero Resp
	reply, err := envelope.DecodeReply(replyText, envelope.Limits{MaxBytes: ChromeMaxBytes, MaxDepth: 3*envelope.FallbackMaxDepth + 3})
	if errors.Is(err, envelope.ErrNotEnvelope) {
		return zero, fmt.Errorf("%s: %w: the receiver is not an extwasm handler (reply %.64s)", what, ErrInvalid, replyText)
	}
	if err != nil {
		return zero, fmt.Errorf("%s: %w: malformed reply: %v", what, ErrInvalid, err)
	}
	if !reply.OK {
		return zero, &RemoteError{Route: route, Code: Code(reply.Error.Code), Message: reply.Error.Message, Chain: reply.Error.Chain}
	}
	body, err := envelope.LowerClone(reply.Body, reflect.TypeFor[Resp](), envelope.Limits{MaxBytes: ChromeMaxBytes})
	if err == nil {
		var resp Resp
		if err = envelope.Unmarshal(body, &resp, envelope.Limits{MaxBytes: ChromeMaxBytes}); err == nil {
			return resp, nil
		}
	}
	return zero, fmt.Errorf("%s: %w: reply does not match the response type: %v", what, ErrInvalid, err)
}
