package nativesim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/nativehost"
)

// Event is something a host did, as the browser sees it.
type Event struct {
	// Message is a message from the host, as valid JSON; nil for a malformed message and for a
	// final event with Err set.
	Message json.RawMessage
	// Malformed means the host sent a frame that is not valid UTF-8 JSON. Chrome drops it and
	// writes chromefacts.ErrMalformedJSONMessage to the console of the receiving context; for
	// sendNativeMessage it is still the reply, which then reads undefined.
	Malformed bool
	// Final marks the conn's last event: the reply (or error) of sendNativeMessage, the
	// disconnect of a connectNative port.
	Final bool
	// Err, on a final event, is an [*Error] with Chrome's text ("Native host has exited.",
	// "Error when communicating with the native messaging host."); nil for a reply.
	Err error
	// ExitCode, on a final event with Err set, is the host's exit status, or -1 when it is not
	// known or the host was killed by a signal.
	ExitCode int
}

// Conn is one launch of a host: one sendNativeMessage call or one connectNative port.
type Conn struct {
	r       *Registry
	host    string
	origin  string
	oneShot bool
	deliver func(Event)
	stderr  *tail

	proc *proc // a process, or
	fn   *Host // a Go host

	// Guarded by r.mu.
	closed bool // by the browser (or Registry.Close): no more events
	final  bool // the final event is queued
}

// HostName is the name of the host this conn talks to.
func (c *Conn) HostName() string { return c.host }

// Origin is the caller origin the host was started with.
func (c *Conn) Origin() string { return c.origin }

// PID is the host process's ID, or 0 for a Go host.
func (c *Conn) PID() int {
	if c.proc == nil {
		return 0
	}
	return c.proc.pid
}

// Stderr returns what the host wrote to stderr so far (the last 64 KiB); for a Go host, what it
// wrote with [Host.Logf] and the text of a panic.
func (c *Conn) Stderr() string { return c.stderr.String() }

// Send posts msg (one JSON value) to the host of a connectNative port. A message over 64 MiB is
// refused with an [*Error] carrying chromefacts.ErrMessageTooLarge, as Chrome refuses it. Once the
// host has gone (the final event is queued but not yet dispatched) messages are dropped silently,
// as Chrome loses messages posted before it learns the host is gone. Sending on a conn the browser
// closed returns [ErrClosed]. A Go host handles msg before Send returns.
func (c *Conn) Send(msg json.RawMessage) error {
	if c.oneShot {
		return errors.New("nativesim: Send on a sendNativeMessage conn (its message was given at launch)")
	}
	frame, err := encodeFrame(msg)
	if err != nil {
		return err
	}
	c.r.mu.Lock()
	closed, final := c.closed, c.final
	c.r.mu.Unlock()
	switch {
	case closed:
		return ErrClosed
	case final:
		return nil
	case c.fn != nil:
		c.fn.call(msg)
		return nil
	}
	c.proc.enqueue(frame)
	return nil
}

// Close is the browser's side of the conn going away: port.disconnect(), the port's context
// closing, or a one-shot call being abandoned. The host's stdin is closed and the host killed if
// it has not exited within KillGrace; no further events are delivered, queued ones included.
// Close does not wait for the process (Registry.Close does). It is idempotent.
func (c *Conn) Close() {
	c.r.mu.Lock()
	if c.closed {
		c.r.mu.Unlock()
		return
	}
	c.closed = true
	if c.proc != nil && !c.final {
		c.r.inflight--
	}
	c.r.mu.Unlock()
	if c.proc != nil {
		c.proc.terminate()
	}
}

// encodeFrame frames a browser-to-host message with nativehost's Writer and Chrome's 64 MiB limit,
// so that the checks happen while the browser still waits on the call.
func encodeFrame(msg json.RawMessage) ([]byte, error) {
	var buf bytes.Buffer
	err := nativehost.NewWriterSize(&buf, chromefacts.MaxMessageBytes).WriteFrame(msg)
	var fe *nativehost.FrameError
	switch {
	case err == nil:
		return buf.Bytes(), nil
	case errors.As(err, &fe) && fe.Kind == nativehost.ErrTooLarge:
		return nil, chromeError(chromefacts.ErrMessageTooLarge, err, "message of %d bytes to a native host", len(msg))
	default:
		return nil, fmt.Errorf("nativesim: the browser's message is not one JSON value: %w", err)
	}
}

// onFrame applies Chrome's rules to one read from the host's stdout (msg, err as returned by
// nativehost.Reader.ReadFrame). It reports whether the conn is over, and the error to report
// when the host is to blame; the caller queues that with the exit status once it is known.
func (c *Conn) onFrame(msg json.RawMessage, err error) (done bool, fatal *Error) {
	var fe *nativehost.FrameError
	switch {
	case err == nil:
		c.r.push(c, Event{Message: msg, Final: c.oneShot})
		return c.oneShot, nil
	case errors.As(err, &fe) && fe.StreamIntact():
		c.r.push(c, Event{Malformed: true, Final: c.oneShot})
		return c.oneShot, nil
	case errors.As(err, &fe) && fe.Kind == nativehost.ErrTooLarge:
		return true, chromeError(chromefacts.ErrNativeHostCommunication, err, "%s",
			apiargs.NativeHostMessageTooLarge(int(fe.Length)))
	case err == io.EOF || errors.As(err, &fe):
		// The stream ended, between or inside frames: Chrome reads 0 bytes and says the host
		// exited, whatever was buffered.
		return true, chromeError(chromefacts.ErrNativeHostExited, err, "end of the host's stdout")
	default:
		return true, chromeError(chromefacts.ErrNativeHostCommunication, err, "reading the host's stdout: %v", err)
	}
}

// stderrLimit bounds the stderr kept per conn: a chatty host must not grow the simulator.
const stderrLimit = 64 << 10

// tail keeps the last limit bytes written to it, and copies everything to also.
type tail struct {
	mu    sync.Mutex
	limit int
	buf   []byte
	also  io.Writer
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.limit; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	if t.also != nil {
		// The copy is for the user's eyes; its failure must not break the host.
		_, _ = t.also.Write(p)
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}
