package nativesim

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"runtime/debug"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/nativehost"
)

// HostFunc is a native messaging host written in Go. It is called once for every message the
// browser sends to one launch of the host (the single message of a sendNativeMessage call, each
// message of a connectNative port), in order, on the goroutine that sends it, before the send
// returns. It answers with [Host.Post] as many times as it likes (for sendNativeMessage only the
// first counts, as in Chrome) and can end the launch with [Host.Exit]. A panic is a crash: the
// browser sees "Native host has exited." with exit status 2, and the panic goes to stderr.
//
// A sendNativeMessage whose HostFunc neither posts nor exits stays unanswered until the browser
// closes the conn, as a real host that never answers keeps Chrome waiting.
type HostFunc func(h *Host, msg json.RawMessage)

// Host is one launch of a [HostFunc]: what a process would be for an executable host.
type Host struct {
	c *Conn
	f HostFunc
}

// panicStatus is the exit status of a Go program that panics.
const panicStatus = 2

func (h *Host) call(msg json.RawMessage) {
	defer func() {
		if p := recover(); p != nil {
			h.Logf("panic: %v\n\n%s", p, debug.Stack())
			h.Exit(panicStatus)
		}
	}()
	h.f(h, msg)
}

// Origin is the caller origin, the argv[1] of an executable host.
func (h *Host) Origin() string { return h.c.origin }

// Post sends v, encoded as JSON, to the browser. It returns [ErrClosed] when the launch is over
// (after Exit, after the reply of a sendNativeMessage, or once the browser closed the port),
// where a process would get a broken pipe.
func (h *Host) Post(v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("nativesim: encode host message: %w", err)
	}
	return h.PostRaw(bytes.TrimSuffix(b.Bytes(), []byte{'\n'}))
}

// PostRaw sends msg as one frame, unchecked, as a buggy host could: a frame that is not valid
// UTF-8 JSON is dropped by the browser (Event.Malformed), one over 1 MiB makes the browser close
// the channel with "Error when communicating with the native messaging host.".
func (h *Host) PostRaw(msg []byte) error {
	if h.over() {
		return ErrClosed
	}
	// The bytes go through nativehost's Reader, as a process's output does, so both kinds of
	// host are judged by the same code.
	var hdr [nativehost.HeaderSize]byte
	binary.NativeEndian.PutUint32(hdr[:], uint32(min(uint64(len(msg)), math.MaxUint32)))
	rd := nativehost.NewReaderSize(io.MultiReader(bytes.NewReader(hdr[:]), bytes.NewReader(msg)),
		chromefacts.MaxNativeHostMessageBytes)
	m, err := rd.ReadFrame()
	if _, fatal := h.c.onFrame(m, err); fatal != nil {
		// Chrome kills the host after such an error; a Go host has no status to report.
		h.c.r.push(h.c, Event{Final: true, Err: fatal, ExitCode: -1})
	}
	return nil
}

// Exit ends the launch as if the process exited with status code: the browser sees
// "Native host has exited." (for sendNativeMessage only if no reply came first).
func (h *Host) Exit(code int) {
	h.c.r.push(h.c, Event{Final: true, ExitCode: code,
		Err: chromeError(chromefacts.ErrNativeHostExited, nil, "Go host %s exited with status %d", h.c.host, code)})
}

// Logf writes a line to the launch's stderr ([Conn.Stderr]).
func (h *Host) Logf(format string, args ...any) {
	fmt.Fprintf(h.c.stderr, format+"\n", args...)
}

func (h *Host) over() bool {
	h.c.r.mu.Lock()
	defer h.c.r.mu.Unlock()
	return h.c.closed || h.c.final
}
