package bridge

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/internal/envelope"
)

// Errors for errors.Is. Errors from the other side of a route arrive as *RemoteError, which also
// matches the sentinel for its code.
var (
	ErrNoReceiver      = errors.New("bridge: no receiver")
	ErrDisconnected    = errors.New("bridge: disconnected")
	ErrDenied          = errors.New("bridge: sender denied")
	ErrInvalid         = errors.New("bridge: invalid message")
	ErrTooLarge        = errors.New("bridge: message too large")
	ErrTimeout         = errors.New("bridge: timed out")
	ErrNotFound        = errors.New("bridge: no handler for route")
	ErrInternal        = errors.New("bridge: handler failed internally")
	ErrNotSerializable = errors.New("bridge: value not serialisable")
	ErrNative          = errors.New("bridge: native messaging failed")
	ErrUnsupported     = errors.New("bridge: no browser here (GOOS=js only)")
	// ErrBusy reports that the receiver already holds as many unanswered messages (or open ports,
	// or unreceived port messages) as its limits allow (see MaxPendingMessages): the message was
	// refused without being read. Retrying later can succeed.
	ErrBusy = errors.New("bridge: receiver busy")
	// ErrUnavailable reports that the receiver's Go module cannot answer: it failed to load (a
	// missing or corrupt .wasm), exited or panicked, or did not call Ready in time. The message
	// says which. It comes at once, not at the sender's deadline; retrying does not help until the
	// context starts again (a worker: when Chrome restarts it).
	ErrUnavailable = errors.New("bridge: receiver unavailable")
)

// Code classifies a RemoteError. The values are those of the wire format.
type Code string

// The codes an error reply can carry.
const (
	CodeNoReceiver      Code = Code(envelope.CodeNoReceiver)
	CodeDisconnected    Code = Code(envelope.CodeDisconnected)
	CodeDenied          Code = Code(envelope.CodeDenied)
	CodeInvalid         Code = Code(envelope.CodeInvalid)
	CodeTooLarge        Code = Code(envelope.CodeTooLarge)
	CodeTimeout         Code = Code(envelope.CodeTimeout)
	CodeCanceled        Code = Code(envelope.CodeCanceled)
	CodeNotFound        Code = Code(envelope.CodeNotFound)
	CodeInternal        Code = Code(envelope.CodeInternal)
	CodeRemote          Code = Code(envelope.CodeRemote)
	CodeNotSerializable Code = Code(envelope.CodeNotSerializable)
	CodeNative          Code = Code(envelope.CodeNative)
	CodeBusy            Code = Code(envelope.CodeBusy)
	CodeUnavailable     Code = Code(envelope.CodeUnavailable)
)

var codeSentinel = map[Code]error{
	CodeNoReceiver: ErrNoReceiver, CodeDisconnected: ErrDisconnected, CodeDenied: ErrDenied,
	CodeInvalid: ErrInvalid, CodeTooLarge: ErrTooLarge, CodeTimeout: ErrTimeout,
	CodeCanceled: context.Canceled, CodeNotFound: ErrNotFound, CodeInternal: ErrInternal,
	CodeNotSerializable: ErrNotSerializable, CodeNative: ErrNative, CodeBusy: ErrBusy,
	CodeUnavailable: ErrUnavailable,
}

// RemoteError is an error reported by the receiver of a route: its code, message and the text of each
// error in the receiver's Go error chain (outermost first). errors.Is(err, ErrDenied) and the like
// match on the code.
type RemoteError struct {
	Route   string
	Code    Code
	Message string
	Chain   []string
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("bridge: %s: %s: %s", e.Route, e.Code, e.Message)
}

// Is matches the sentinel error for e's code.
func (e *RemoteError) Is(target error) bool {
	s, ok := codeSentinel[e.Code]
	return ok && s == target
}

// PublicError is a handler error whose caller learns Code and Message only, whoever the caller is;
// Err, the detail (a file path, a host name, another user's data), stays on this side: it is
// logged, and errors.Is and errors.As reach it. A handler returns one, or wraps one, when the text
// of its error must not cross:
//
//	return Resp{}, &bridge.PublicError{Code: bridge.CodeNotFound, Message: "no such entry", Err: err}
//
// The outermost PublicError in the chain decides the reply; what wraps it does not cross either.
type PublicError struct {
	Code    Code   // the reply's code; "" or a code the wire format lacks is CodeRemote
	Message string // all the caller learns
	Err     error  // the detail, kept here
}

func (e *PublicError) Error() string {
	if e.Err == nil {
		return e.Message
	}
	return e.Message + ": " + e.Err.Error()
}

// Unwrap returns Err.
func (e *PublicError) Unwrap() error { return e.Err }

// Chrome's error strings, mapped to sentinels, most specific first. Matching is on substrings because
// Chrome wraps some of them ("Error in invocation of ...: Could not serialize message."); the last
// native entry and "Invalid extension id" catch texts that vary.
var chromeErrors = []struct {
	text string
	err  error
}{
	{chromefacts.ErrReceivingEndDoesNotExist, ErrNoReceiver},
	// The other extension's message_serialization differs: no retry can help.
	{chromefacts.ErrDifferentMessageSerialization, ErrNotSerializable},
	{chromefacts.ErrAsyncResponseChannelClosed, ErrDisconnected},
	{chromefacts.ErrBFCache, ErrDisconnected},
	{chromefacts.ErrContextInvalidated, ErrDisconnected},
	{chromefacts.ErrDisconnectedPort, ErrDisconnected},
	{chromefacts.ErrPortClosedBeforeResponse, ErrDisconnected},
	{chromefacts.ErrMessageTooLarge, ErrTooLarge},
	{"exceeded maximum allowed length", ErrTooLarge},
	{chromefacts.ErrCouldNotSerialize, ErrNotSerializable},
	{chromefacts.ErrNativeHostNotFound, ErrNativeNotFound},
	{chromefacts.ErrNativeHostForbidden, ErrNativeForbidden},
	{chromefacts.ErrNativeMessagingPermission, ErrNativeForbidden},
	{chromefacts.ErrNativeHostDisabledByPolicy, ErrNativeForbidden},
	{chromefacts.ErrNativeHostStartFailed, ErrNativeStartFailed},
	{chromefacts.ErrNativeHostExited, ErrNativeExited},
	{chromefacts.ErrNativeHostCommunication, ErrNativeProtocol},
	{chromefacts.ErrNativeHostInvalidName, ErrNative},
	{"native messaging host", ErrNative},
	{chromefacts.ErrNativeMessagingNotSupported, ErrNative},
	{"Invalid extension id", ErrInvalid},
	{chromefacts.InvocationErrorPrefix, ErrInvalid},
}

// classify wraps an error reported by the browser with the sentinel for its text, keeping the
// original (with Chrome's exact message) in the chain.
func classify(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, c := range chromeErrors {
		if strings.Contains(msg, c.text) {
			return fmt.Errorf("%w: %w", c.err, err)
		}
	}
	return err
}

// ctxError explains why a wait ended because of its context.
func ctxError(what string, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w: %w", what, ErrTimeout, err)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// chainOf lists the texts of err and of every error it wraps, depth first.
func chainOf(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if e == nil || len(out) >= envelope.MaxChainLen {
			return
		}
		out = append(out, e.Error())
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				walk(x)
			}
		}
	}
	walk(err)
	return out
}

// replyCode chooses the wire code for an error returned by a handler.
func replyCode(err error) Code {
	switch {
	case errors.Is(err, ErrInvalid):
		return CodeInvalid
	case errors.Is(err, ErrDenied):
		return CodeDenied
	case errors.Is(err, ErrNotFound):
		return CodeNotFound
	case errors.Is(err, ErrTooLarge):
		return CodeTooLarge
	default:
		return CodeRemote
	}
}

// CodeOf returns the wire code that describes err: the code of a *RemoteError, or the code of the
// first sentinel err matches (context.DeadlineExceeded counts as a timeout). It returns "" for nil
// and CodeRemote for anything else.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var re *RemoteError
	if errors.As(err, &re) {
		return re.Code
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return CodeTimeout
	}
	for _, c := range []Code{CodeNoReceiver, CodeDisconnected, CodeDenied, CodeInvalid, CodeTooLarge,
		CodeTimeout, CodeCanceled, CodeNotFound, CodeInternal, CodeNotSerializable, CodeNative, CodeBusy, CodeUnavailable} {
		if errors.Is(err, codeSentinel[c]) {
			return c
		}
	}
	return CodeRemote
}

// sentinelError is a package-level error that wraps another, as fmt.Errorf("%w: text", err) would
// make it. Those errors are built while the package initialises, before a worker is Ready, and
// fmt there cost the whole of fmt's code on every cold start.
type sentinelError struct {
	text string
	err  error
}

func (e *sentinelError) Error() string { return e.text }
func (e *sentinelError) Unwrap() error { return e.err }

// wrapSentinel is fmt.Errorf("%w: "+text, err) for package-level errors.
func wrapSentinel(err error, text string) error {
	return &sentinelError{text: err.Error() + ": " + text, err: err}
}
