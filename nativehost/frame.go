package nativehost

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"unicode/utf8"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// HeaderSize is the size of the length prefix in front of every message.
const HeaderSize = 4

// MaxHostMessageSize is Chrome's limit on one message from the host to the browser
// (kMaximumNativeMessageSize, 1 MiB). A longer message makes Chrome close the channel with
// "Error when communicating with the native messaging host.", so a [Writer] refuses it before
// writing anything.
const MaxHostMessageSize = chromefacts.MaxNativeHostMessageBytes

// MaxBrowserMessageSize is Chrome's limit on one message from the browser to the host (64 MiB, the
// general extension-message limit). It is the default limit of a [Reader].
const MaxBrowserMessageSize = chromefacts.MaxMessageBytes

// Sentinel errors for malformed frames. A [*FrameError] wraps exactly one of them, so callers can
// use errors.Is.
var (
	// ErrShortHeader means the stream ended inside the 4-byte length prefix.
	ErrShortHeader = errors.New("stream ended inside the length header")
	// ErrShortBody means the stream ended before the announced number of bytes arrived.
	ErrShortBody = errors.New("stream ended inside the message body")
	// ErrTooLarge means a message is longer than the limit in force.
	ErrTooLarge = errors.New("message too large")
	// ErrInvalidUTF8 means the message is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("message is not valid UTF-8")
	// ErrInvalidJSON means the message is not exactly one valid JSON value.
	ErrInvalidJSON = errors.New("message is not valid JSON")
)

// FrameError describes a malformed or oversized frame.
type FrameError struct {
	// Kind is one of ErrShortHeader, ErrShortBody, ErrTooLarge, ErrInvalidUTF8, ErrInvalidJSON.
	Kind error
	// Length is the length announced by the header (reading) or the message length (writing);
	// -1 when no complete header was read.
	Length int64
	// Limit is the size limit in force.
	Limit int
	// Got is how many bytes of the header or body arrived before the stream ended.
	Got int
	// Err is the underlying cause, such as a *json.SyntaxError, or nil.
	Err error
}

// Error describes the frame problem with its sizes.
func (e *FrameError) Error() string {
	var b bytes.Buffer
	b.WriteString("nativehost: ")
	b.WriteString(e.Kind.Error())
	switch e.Kind {
	case ErrShortHeader:
		fmt.Fprintf(&b, " (%d of %d bytes)", e.Got, HeaderSize)
	case ErrShortBody:
		fmt.Fprintf(&b, " (%d of %d bytes)", e.Got, e.Length)
	case ErrTooLarge:
		fmt.Fprintf(&b, ": %d bytes, limit %d", e.Length, e.Limit)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the Kind and the underlying cause.
func (e *FrameError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// StreamIntact reports whether the whole frame was consumed, so the next read starts at a frame
// boundary and the connection can keep going. It is true for invalid UTF-8 and invalid JSON, false
// when the stream ended early or announced an oversized frame whose body was never read.
func (e *FrameError) StreamIntact() bool {
	return e.Kind == ErrInvalidUTF8 || e.Kind == ErrInvalidJSON
}

// readChunk is the first allocation for a body: the announced length is attacker-controlled, so
// memory grows with the bytes that actually arrive, never with the claim.
const readChunk = 64 << 10

// Reader reads length-prefixed JSON messages. The host uses it on stdin; a simulator of the
// browser uses [NewReaderSize] with [MaxHostMessageSize] on the host's stdout.
//
// A Reader is not safe for concurrent use.
type Reader struct {
	r     io.Reader
	limit int
	hdr   [HeaderSize]byte
}

// NewReader returns a Reader that accepts messages up to [MaxBrowserMessageSize] bytes.
func NewReader(r io.Reader) *Reader {
	return NewReaderSize(r, MaxBrowserMessageSize)
}

// NewReaderSize returns a Reader that rejects messages longer than limit bytes. A limit below 1
// means [MaxBrowserMessageSize].
func NewReaderSize(r io.Reader, limit int) *Reader {
	if limit < 1 {
		limit = MaxBrowserMessageSize
	}
	return &Reader{r: r, limit: limit}
}

// Limit returns the largest message the Reader accepts.
func (r *Reader) Limit() int { return r.limit }

// ReadFrame reads one message. It returns io.EOF, unwrapped, when the stream ends cleanly between
// messages, a [*FrameError] for a malformed frame, and other read errors wrapped. The returned
// slice is owned by the caller.
func (r *Reader) ReadFrame() (json.RawMessage, error) {
	n, err := io.ReadFull(r.r, r.hdr[:])
	switch {
	case err == io.EOF:
		return nil, io.EOF
	case err == io.ErrUnexpectedEOF:
		return nil, &FrameError{Kind: ErrShortHeader, Length: -1, Limit: r.limit, Got: n}
	case err != nil:
		return nil, fmt.Errorf("nativehost: read header: %w", err)
	}
	length := int64(binary.NativeEndian.Uint32(r.hdr[:]))
	if length > int64(r.limit) {
		return nil, &FrameError{Kind: ErrTooLarge, Length: length, Limit: r.limit}
	}
	body := make([]byte, 0, min(length, readChunk))
	for int64(len(body)) < length {
		if len(body) == cap(body) {
			grown := make([]byte, len(body), min(int64(2*cap(body)), length))
			copy(grown, body)
			body = grown
		}
		m, err := r.r.Read(body[len(body):cap(body)])
		body = body[:len(body)+m]
		if err == nil || int64(len(body)) == length {
			continue
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, &FrameError{Kind: ErrShortBody, Length: length, Limit: r.limit, Got: len(body)}
		}
		return nil, fmt.Errorf("nativehost: read body: %w", err)
	}
	if err := checkJSON(body); err != nil {
		err.Length, err.Limit = length, r.limit
		return nil, err
	}
	return body, nil
}

// checkJSON reports whether msg is what Chrome's JSON parser accepts: valid UTF-8 holding exactly
// one JSON value.
func checkJSON(msg []byte) *FrameError {
	if !utf8.Valid(msg) {
		return &FrameError{Kind: ErrInvalidUTF8}
	}
	if !json.Valid(msg) {
		// Only the failure path pays for the detailed syntax error.
		var v json.RawMessage
		cause := json.Unmarshal(msg, &v)
		if cause == nil {
			cause = errors.New("empty message")
		}
		return &FrameError{Kind: ErrInvalidJSON, Err: cause}
	}
	return nil
}

// Writer writes length-prefixed JSON messages. The host uses it on stdout; a simulator of the
// browser uses [NewWriterSize] with [MaxBrowserMessageSize] on the host's stdin.
//
// A Writer is safe for concurrent use: each message goes out in a single Write call under a lock,
// so messages never interleave. After a failed Write the stream may hold half a frame, so every
// later write returns the same error.
type Writer struct {
	mu    sync.Mutex
	w     io.Writer
	limit int
	buf   []byte
	err   error
}

// NewWriter returns a Writer that refuses messages longer than [MaxHostMessageSize] bytes.
func NewWriter(w io.Writer) *Writer {
	return NewWriterSize(w, MaxHostMessageSize)
}

// NewWriterSize returns a Writer that refuses messages longer than limit bytes. A limit below 1
// means [MaxHostMessageSize].
func NewWriterSize(w io.Writer, limit int) *Writer {
	if limit < 1 {
		limit = MaxHostMessageSize
	}
	return &Writer{w: w, limit: limit}
}

// Limit returns the largest message the Writer accepts.
func (w *Writer) Limit() int { return w.limit }

// WriteFrame writes msg as one frame. It checks the size, UTF-8 and JSON validity first and writes
// nothing when a check fails ([*FrameError]), because Chrome would close the channel on an
// oversized message and silently drop a malformed one.
func (w *Writer) WriteFrame(msg []byte) error {
	if len(msg) > w.limit {
		return &FrameError{Kind: ErrTooLarge, Length: int64(len(msg)), Limit: w.limit}
	}
	if err := checkJSON(msg); err != nil {
		err.Length, err.Limit = int64(len(msg)), w.limit
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	w.buf = binary.NativeEndian.AppendUint32(w.buf[:0], uint32(len(msg)))
	w.buf = append(w.buf, msg...)
	if _, err := w.w.Write(w.buf); err != nil {
		w.err = fmt.Errorf("nativehost: write: %w", err)
		return w.err
	}
	if cap(w.buf) > readChunk {
		// Don't pin a 1 MiB buffer because of one large reply.
		w.buf = nil
	}
	return nil
}

// Encode writes v as one JSON message, without HTML escaping.
func (w *Writer) Encode(v any) error {
	msg, err := marshal(v)
	if err != nil {
		return fmt.Errorf("nativehost: encode: %w", err)
	}
	return w.WriteFrame(msg)
}

// marshal encodes v as compact JSON without escaping <, > and &, which Chrome does not need.
func marshal(v any) ([]byte, error) {
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}
