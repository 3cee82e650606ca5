package bridge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/internal/envelope"
)

// Finer native-messaging errors. Each also matches ErrNative, and the error that carries it keeps
// Chrome's own text (conformance item 91), so errors.Is works on the kind and the message still
// says exactly what Chrome said.
var (
	// ErrNativeNotFound: "Specified native messaging host not found." No manifest for the name in
	// the browser's NativeMessagingHosts folders (or its path does not exist).
	ErrNativeNotFound = wrapSentinel(ErrNative, "host not found")
	// ErrNativeForbidden: the extension is not in the host's allowed_origins, lacks the
	// "nativeMessaging" permission, or policy blocks the host.
	ErrNativeForbidden = wrapSentinel(ErrNative, "access forbidden")
	// ErrNativeStartFailed: "Failed to start native messaging host."
	ErrNativeStartFailed = wrapSentinel(ErrNative, "host could not start")
	// ErrNativeExited: "Native host has exited." The host closed its stdout or died, possibly
	// before replying.
	ErrNativeExited = wrapSentinel(ErrNative, "host exited")
	// ErrNativeProtocol: "Error when communicating with the native messaging host." (an I/O error
	// or a host message over 1 MiB), or a one-shot reply that was not valid JSON.
	ErrNativeProtocol = wrapSentinel(ErrNative, "protocol error")
)

// NativeMaxReplyBytes is Chrome's limit on one message from a native host (kMaximumNativeMessageSize).
const NativeMaxReplyBytes = chromefacts.MaxNativeHostMessageBytes

// ToNative targets the native messaging host app (runtime.sendNativeMessage and
// runtime.connectNative). The extension needs the "nativeMessaging" permission, the host's manifest
// must list the extension in allowed_origins, and the calls do not exist in content scripts.
//
// Route.Send to a native target sends an extwasm envelope, for hosts built with package nativehost;
// SendNativeJSON and SendRaw speak plain JSON to any host. Each one-shot message starts a new host
// process; a port from ConnectNative keeps one running.
func ToNative(app string) Target { return Target{kind: targetNative, ext: app, frame: -1} }

// validNativeName is Chrome's rule for host names: [a-z0-9._], no leading or trailing dot, no "..".
func validNativeName(name string) bool {
	if name == "" || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || strings.Contains(name, "..") {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// isJSONObject reports whether data is a JSON object: Chrome's schema for sendNativeMessage accepts
// nothing else ("Invalid type: expected object").
func isJSONObject(data []byte) bool {
	s := strings.TrimLeft(string(data), " \t\r\n")
	return strings.HasPrefix(s, "{")
}

// SendNativeJSON sends req as plain JSON (an object) to the native host app with
// runtime.sendNativeMessage and decodes the host's first message into Resp strictly (unknown
// fields, depth and Chrome's 1 MiB host-message limit). Use it for hosts that do not speak
// extwasm envelopes; for those that do, use Route.Send with ToNative.
func SendNativeJSON[Req, Resp any](ctx context.Context, app string, req Req) (Resp, error) {
	ep, err := from(ctx)
	if err != nil {
		var zero Resp
		return zero, err
	}
	return sendNativeJSONOn[Req, Resp](ctx, ep, app, req)
}

func sendNativeJSONOn[Req, Resp any](ctx context.Context, ep *endpoint, app string, req Req) (Resp, error) {
	var zero Resp
	reply, err := sendRawOn(ctx, ep, ToNative(app), req)
	if err != nil {
		return zero, err
	}
	var resp Resp
	if err := envelope.Unmarshal(reply, &resp, envelope.Limits{MaxBytes: NativeMaxReplyBytes}); err != nil {
		return zero, fmt.Errorf("bridge: message to native host %s: %w: reply does not match the response type: %v", app, ErrInvalid, err)
	}
	return resp, nil
}

// ConnectNative starts the native host app with runtime.connectNative and returns the port to it.
// The host runs until the port is disconnected (or ctx ends); if it exits first, the port ends
// with an error matching ErrDisconnected, ErrNativeExited and ErrNative. A host that cannot be
// found or started also shows up as the port ending, with the matching sentinel.
func ConnectNative(ctx context.Context, app string, opts ...Option) (*Port, error) {
	ep, err := from(ctx)
	if err != nil {
		return nil, err
	}
	return connectOn(ctx, ep, ToNative(app), app, opts...)
}

// Call sends req as an extwasm envelope on p and waits for the next message on p as its reply. It
// is for peers that answer every request in order, one reply each, such as nativehost's Mux on a
// connectNative port. Messages on p must not be read concurrently with Call.
func (r Route[Req, Resp]) Call(ctx context.Context, p *Port, req Req) (Resp, error) {
	var zero Resp
	what := fmt.Sprintf("bridge: %s on port %q", r.name, p.name)
	if err := envelope.ValidRoute(r.name); err != nil {
		return zero, fmt.Errorf("%s: %w: %v", what, ErrInvalid, err)
	}
	if err := envelope.Validate(&req); err != nil {
		return zero, fmt.Errorf("%s: %w: %w", what, ErrInvalid, err)
	}
	msg, err := envelope.EncodeRequest(r.name, req)
	if err != nil {
		return zero, fmt.Errorf("%s: %w: %w", what, ErrNotSerializable, err)
	}
	if err := p.Send(json.RawMessage(msg)); err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	m, err := p.Receive(ctx)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	return decodeReply[Resp](what, r.name, m.raw)
}

// openReply decodes a reply envelope (nesting up to maxDepth), turning an error envelope into a
// *RemoteError; the body is left for the caller's codec.
func openReply(what, route string, replyText []byte, maxDepth int) (envelope.Reply, error) {
	reply, err := envelope.DecodeReply(replyText, envelope.Limits{MaxBytes: ChromeMaxBytes, MaxDepth: maxDepth})
	if errors.Is(err, envelope.ErrNotEnvelope) {
		return reply, fmt.Errorf("%s: %w: the receiver is not an extwasm handler (reply %.64s)", what, ErrInvalid, replyText)
	}
	if err != nil {
		return reply, fmt.Errorf("%s: %w: malformed reply: %v", what, ErrInvalid, err)
	}
	if !reply.OK {
		return reply, &RemoteError{Route: route, Code: Code(reply.Error.Code), Message: reply.Error.Message, Chain: reply.Error.Chain}
	}
	return reply, nil
}

// decodeReply turns a reply envelope into Resp, or its error envelope into a *RemoteError.
func decodeReply[Resp any](what, route string, replyText []byte) (Resp, error) {
	var zero Resp
	reply, err := openReply(what, route, replyText, envelope.FallbackMaxDepth)
	if err != nil {
		return zero, err
	}
	var resp Resp
	// DecodeReply checked the body within ChromeMaxBytes and FallbackMaxDepth, the limits
	// Unmarshal would check again.
	if err := envelope.UnmarshalChecked(reply.Body, &resp); err != nil {
		return zero, fmt.Errorf("%s: %w: reply does not match the response type: %v", what, ErrInvalid, err)
	}
	return resp, nil
}
