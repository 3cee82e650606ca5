package nativehost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"unicode/utf8"

	"github.com/extwasm/extwasm/internal/envelope"
)

// Handler answers the messages of one connection. HandleMessage gets each message in the order it
// arrived and returns the reply to send. Returning [ErrNoReply] sends nothing; returning any other
// error sends an error reply (see [Error]), and the connection keeps going.
type Handler interface {
	HandleMessage(ctx context.Context, msg json.RawMessage) (json.RawMessage, error)
}

// HandlerFunc adapts a function on raw JSON to a [Handler].
type HandlerFunc func(ctx context.Context, msg json.RawMessage) (json.RawMessage, error)

// HandleMessage calls f.
func (f HandlerFunc) HandleMessage(ctx context.Context, msg json.RawMessage) (json.RawMessage, error) {
	return f(ctx, msg)
}

// Validator is implemented by request types that check themselves after decoding. A failure is
// answered with an error reply of code [CodeInvalid].
type Validator interface {
	Validate() error
}

// Func builds a [Handler] from a typed function. Each message is decoded strictly into Req —
// well-formed UTF-8 JSON within Chrome's browser-to-host size limit, no duplicate keys, every key
// naming a field of Req exactly (not case-insensitively, as encoding/json would), no null where the
// Go type cannot hold it — validated when Req implements [Validator], and the Resp is encoded as
// the reply. A message that does not decode is answered with an error reply of code [CodeInvalid].
// [HandleRoute] uses the same adapter for a route's body.
func Func[Req, Resp any](f func(ctx context.Context, req Req) (Resp, error)) Handler {
	typed := envelope.Typed(f, envelope.Limits{MaxBytes: MaxBrowserMessageSize})
	return HandlerFunc(func(ctx context.Context, msg json.RawMessage) (json.RawMessage, error) {
		out, err := typed(ctx, msg)
		var reqErr *envelope.RequestError
		var replyErr *envelope.ReplyError
		switch {
		case errors.As(err, &reqErr):
			return nil, &Error{Code: CodeInvalid, Message: reqErr.Error()}
		case errors.As(err, &replyErr):
			return nil, &Error{Code: CodeInternal, Message: "encode reply: " + replyErr.Error()}
		}
		return out, err
	})
}

// Error codes of error replies. They are the codes of the project's typed envelope, so both reply
// forms classify failures the same way.
const (
	CodeInvalid  = "invalid"   // the message failed framing, decoding or validation
	CodeInternal = "internal"  // the handler panicked or its reply could not be encoded
	CodeTooLarge = "too_large" // the reply exceeded Chrome's 1 MiB host-to-browser limit
	CodeRemote   = "remote"    // the handler returned an error that is not an *Error
	CodeNotFound = "not_found" // no handler for the route
)

// Error is the error a handler returns to choose the code of the error reply. On the wire a plain
// JSON error reply is
//
//	{"error":{"code":"<code>","message":"<message>"}}
//
// An error that is not an *Error is sent with code [CodeRemote] and its Error() text as message.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error returns "<code>: <message>".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ReplyError returns the error carried by a plain JSON error reply, or nil when msg is not one.
// Clients (and tests) use it to tell error replies from ordinary ones.
func ReplyError(msg []byte) *Error {
	var r struct {
		Error *Error `json:"error"`
	}
	if json.Unmarshal(msg, &r) != nil || r.Error == nil || r.Error.Code == "" {
		return nil
	}
	return r.Error
}

// ErrNoReply, returned by a handler, means "this message gets no reply". It suits notifications on
// long-lived connections; a one-shot sendNativeMessage caller waits for a reply, so use it there
// with care.
var ErrNoReply = errors.New("nativehost: no reply")

// Option configures [Serve] and [Main].
type Option func(*config)

type config struct {
	caller     Caller
	haveCaller bool
	allowed    []string
	restricted bool
	logger     *slog.Logger
	maxIn      int
}

// WithCaller makes c available to handlers through [CallerFrom]. [Main] sets it from the command
// line.
func WithCaller(c Caller) Option {
	return func(cfg *config) { cfg.caller, cfg.haveCaller = c, true }
}

// AllowOrigins restricts the host to callers whose origin matches one of origins (written as in a
// manifest's allowed_origins). Any other caller, or none, makes [Serve] return an error wrapping
// [ErrOriginNotAllowed] before reading a single message; Chrome then reports
// "Native host has exited." to the extension.
//
// The origin is always an extension's own (chrome-extension://<id>/): Chrome gives content scripts
// no runtime.connectNative or sendNativeMessage (measured in e2e/external_test.go), so unlike
// bridge's policies there is no content-script caller to tell apart. Whatever a content script
// asks the extension to forward arrives as the extension's request, under the extension's own
// route policy.
func AllowOrigins(origins ...string) Option {
	return func(cfg *config) { cfg.allowed, cfg.restricted = append(cfg.allowed, origins...), true }
}

// WithLogger sets where diagnostics go. The default logs to stderr: stdout carries the protocol.
func WithLogger(l *slog.Logger) Option {
	return func(cfg *config) { cfg.logger = l }
}

// WithMaxMessageSize sets the largest browser-to-host message accepted (default
// [MaxBrowserMessageSize], Chrome's own limit). A larger frame stops the connection.
func WithMaxMessageSize(n int) Option {
	return func(cfg *config) { cfg.maxIn = n }
}

type connKey struct{}

type loggerKey struct{}

// loggerFrom returns the connection's logger, or one writing to stderr.
func loggerFrom(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok {
		return l
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}

// Post sends msg, encoded as JSON, as an extra message on the connection that ctx belongs to,
// outside the reply to the current message: progress or events on a long-lived connectNative port.
// It is safe to call from any goroutine while [Serve] runs.
func Post(ctx context.Context, msg any) error {
	w, ok := ctx.Value(connKey{}).(*Writer)
	if !ok {
		return errors.New("nativehost: Post outside a connection served by Serve")
	}
	return w.Encode(msg)
}

// Serve runs one connection: it reads messages from in (the browser's side of stdin), passes each
// to h in order, and writes the replies to out (stdout). The same code serves a one-shot
// sendNativeMessage (one message, then the browser closes the pipe) and a long-lived connectNative
// port (many messages).
//
// Serve returns nil when in ends cleanly between messages, which is how the browser says goodbye,
// ctx.Err() when ctx is done, and an error for a broken stream: a frame cut short, an oversized
// frame (answered first with an error reply), or a failed write. A message that is not valid JSON
// or UTF-8 is answered with an error reply and the connection continues. A panic in h becomes an
// error reply of code [CodeInternal], logged with its stack.
//
// When ctx is done while Serve waits for input, a goroutine stays blocked reading in until in
// returns; close in to release it.
func Serve(ctx context.Context, in io.Reader, out io.Writer, h Handler, opts ...Option) error {
	cfg := config{maxIn: MaxBrowserMessageSize}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if cfg.restricted {
		if err := CheckOrigin(cfg.caller.Origin, cfg.allowed...); err != nil {
			cfg.logger.Error("refusing caller", "origin", cfg.caller.Origin, "err", err)
			return err
		}
	}
	if cfg.haveCaller {
		ctx = context.WithValue(ctx, callerKey{}, cfg.caller)
	}
	w := NewWriter(out)
	ctx = context.WithValue(ctx, connKey{}, w)
	ctx = context.WithValue(ctx, loggerKey{}, cfg.logger)
	s := &server{cfg: &cfg, h: h, w: w}

	type frame struct {
		msg json.RawMessage
		err error
	}
	frames := make(chan frame)
	next := make(chan struct{})
	done := make(chan struct{})
	defer close(done)
	r := NewReaderSize(in, cfg.maxIn)
	go func() {
		for {
			msg, err := r.ReadFrame()
			select {
			case frames <- frame{msg, err}:
			case <-done:
				return
			}
			var fe *FrameError
			if err != nil && !(errors.As(err, &fe) && fe.StreamIntact()) {
				return
			}
			select {
			case <-next:
			case <-done:
				return
			}
		}
	}()

	for {
		var f frame
		select {
		case <-ctx.Done():
			return ctx.Err()
		case f = <-frames:
		}
		if f.err == io.EOF {
			return nil
		}
		if f.err != nil {
			if err := s.frameError(f.err); err != nil {
				return err
			}
		} else if err := s.handle(ctx, f.msg); err != nil {
			return err
		}
		select {
		case next <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

type server struct {
	cfg *config
	h   Handler
	w   *Writer
}

// frameError answers a malformed frame. It returns nil when the stream is still in step and the
// connection can go on.
func (s *server) frameError(err error) error {
	var fe *FrameError
	if !errors.As(err, &fe) {
		return err
	}
	s.cfg.logger.Warn("malformed message", "err", err)
	switch {
	case fe.StreamIntact():
		return s.reply(encodePlainError(&Error{Code: CodeInvalid, Message: fe.Error()}))
	case fe.Kind == ErrTooLarge:
		// The body was not read, so the stream cannot be resynchronised: explain, then stop.
		_ = s.reply(encodePlainError(&Error{Code: CodeTooLarge, Message: fe.Error()}))
		return err
	default:
		return err
	}
}

func (s *server) handle(ctx context.Context, msg json.RawMessage) error {
	out, err := s.call(ctx, msg)
	if errors.Is(err, ErrNoReply) {
		return nil
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			e = &Error{Code: CodeRemote, Message: err.Error()}
		}
		return s.reply(encodePlainError(e))
	}
	return s.reply(out)
}

// call runs the handler, turning a panic into an error.
func (s *server) call(ctx context.Context, msg json.RawMessage) (out json.RawMessage, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.cfg.logger.Error("handler panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			out, err = nil, &Error{Code: CodeInternal, Message: fmt.Sprintf("handler panicked: %v", p)}
		}
	}()
	return s.h.HandleMessage(ctx, msg)
}

// reply writes one message. A reply the browser would refuse (too large, not JSON) is replaced by
// an error reply, so the extension learns why instead of losing the channel.
func (s *server) reply(msg json.RawMessage) error {
	err := s.w.WriteFrame(msg)
	var fe *FrameError
	if !errors.As(err, &fe) {
		return err
	}
	s.cfg.logger.Error("reply refused", "err", err)
	code := CodeInternal
	if fe.Kind == ErrTooLarge {
		code = CodeTooLarge
	}
	return s.w.WriteFrame(encodePlainError(&Error{Code: code, Message: "reply refused: " + fe.Error()}))
}

// maxErrorMessage bounds the message of an error reply, so that an error cannot grow past the
// browser's size limit or carry a payload a reply could not.
const maxErrorMessage = 4096

func encodePlainError(e *Error) json.RawMessage {
	msg, err := marshal(struct {
		Error *Error `json:"error"`
	}{&Error{Code: e.Code, Message: truncate(e.Message, maxErrorMessage)}})
	if err != nil {
		// Cannot happen for two strings, but an error reply must never fail.
		return json.RawMessage(`{"error":{"code":"internal","message":"unencodable error"}}`)
	}
	return msg
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
