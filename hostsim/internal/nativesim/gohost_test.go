package nativesim

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// scripted is a Go host that acts on {"op":...} like testdata/testhost.
func scripted(h *Host, msg json.RawMessage) {
	var req struct {
		Op   string          `json:"op"`
		V    json.RawMessage `json:"v"`
		N    int             `json:"n"`
		Code int             `json:"code"`
	}
	if err := json.Unmarshal(msg, &req); err != nil {
		h.Logf("bad request: %v", err)
		return
	}
	switch req.Op {
	case "echo":
		_ = h.Post(map[string]any{"echo": req.V, "origin": h.Origin()})
	case "many":
		for i := range req.N {
			_ = h.Post(map[string]int{"i": i})
		}
	case "exit":
		h.Logf("exiting with status %d", req.Code)
		h.Exit(req.Code)
	case "oversize":
		_ = h.PostRaw([]byte(`"` + strings.Repeat("x", chromefacts.MaxNativeHostMessageBytes-1) + `"`))
	case "malformed":
		_ = h.PostRaw([]byte("{not json"))
		_ = h.Post(map[string]string{"after": "malformed"})
	case "html":
		_ = h.Post(map[string]string{"s": "<a&b>"})
	case "panic":
		panic("host bug")
	}
}

func goRegistry(t *testing.T) *Registry {
	t.Helper()
	r := New(Options{})
	t.Cleanup(func() { require.NoError(t, r.Close()) })
	require.NoError(t, r.RegisterFunc("go.host", []string{originA}, scripted))
	return r
}

func TestGoHostOneShot(t *testing.T) {
	tests := []struct {
		name      string
		msg       string
		reply     string // "" means no message
		malformed bool
		err       string
		exit      int
		stderr    string
	}{
		{name: "reply", msg: `{"op":"echo","v":[1,"two"]}`,
			reply: `{"echo":[1,"two"],"origin":"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}`},
		{name: "first message wins", msg: `{"op":"many","n":3}`, reply: `{"i":0}`},
		{name: "no HTML escaping", msg: `{"op":"html"}`, reply: `{"s":"<a&b>"}`},
		{name: "exit before replying", msg: `{"op":"exit","code":3}`, err: chromefacts.ErrNativeHostExited, exit: 3,
			stderr: "exiting with status 3"},
		{name: "malformed reply is undefined", msg: `{"op":"malformed"}`, malformed: true},
		{name: "oversized reply", msg: `{"op":"oversize"}`, err: chromefacts.ErrNativeHostCommunication, exit: -1},
		{name: "panic is a crash", msg: `{"op":"panic"}`, err: chromefacts.ErrNativeHostExited, exit: 2,
			stderr: "panic: host bug"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := goRegistry(t)
			rc := &recorder{}
			c, err := r.SendNativeMessage(req("go.host"), json.RawMessage(tc.msg), rc.deliver)
			require.NoError(t, err)
			assert.Empty(t, rc.events, "nothing is delivered outside Dispatch")
			assert.Zero(t, r.InFlight(), "a Go host has no process in flight")
			require.NoError(t, r.Wait(context.Background()), "the host's events are queued already")

			assert.Equal(t, 1, r.Dispatch())
			require.Len(t, rc.events, 1)
			ev := rc.events[0]
			assert.True(t, ev.Final)
			assert.Equal(t, tc.malformed, ev.Malformed)
			if tc.reply != "" {
				assert.JSONEq(t, tc.reply, string(ev.Message))
				assert.Equal(t, tc.reply, string(ev.Message), "the bytes are the host's")
			} else {
				assert.Nil(t, ev.Message)
			}
			if tc.err != "" {
				assert.Equal(t, tc.err, chromeText(t, ev.Err))
				assert.Equal(t, tc.exit, ev.ExitCode)
			} else {
				assert.NoError(t, ev.Err)
			}
			assert.Contains(t, c.Stderr(), tc.stderr)

			assert.ErrorIs(t, r.Wait(context.Background()), ErrIdle)
			assert.Zero(t, r.Dispatch(), "later messages are ignored")
		})
	}
}

func TestGoHostOversizeReason(t *testing.T) {
	r := goRegistry(t)
	rc := &recorder{}
	_, err := r.SendNativeMessage(req("go.host"), json.RawMessage(`{"op":"oversize"}`), rc.deliver)
	require.NoError(t, err)
	r.Dispatch()
	require.Len(t, rc.events, 1)
	var e *Error
	require.ErrorAs(t, rc.events[0].Err, &e)
	assert.Equal(t, apiargs.NativeHostMessageTooLarge(chromefacts.MaxNativeHostMessageBytes+1), e.Reason)
}

// TestGoHostUnanswered checks that a one-shot call the host never answers stays pending, and that
// nothing waits for it.
func TestGoHostUnanswered(t *testing.T) {
	r := goRegistry(t)
	rc := &recorder{}
	c, err := r.SendNativeMessage(req("go.host"), json.RawMessage(`{"op":"silent"}`), rc.deliver)
	require.NoError(t, err)
	assert.Zero(t, r.Dispatch())
	assert.ErrorIs(t, r.Wait(context.Background()), ErrIdle)
	c.Close()
	assert.Empty(t, rc.events)
}

func TestGoHostPort(t *testing.T) {
	r := goRegistry(t)
	rc := &recorder{}
	c, err := r.ConnectNative(req("go.host"), rc.deliver)
	require.NoError(t, err)
	assert.Equal(t, "go.host", c.HostName())
	assert.Equal(t, originA, c.Origin())

	require.NoError(t, c.Send(json.RawMessage(`{"op":"echo","v":1}`)))
	require.NoError(t, c.Send(json.RawMessage(`{"op":"malformed"}`)))
	require.NoError(t, c.Send(json.RawMessage(`{"op":"many","n":2}`)))
	assert.Empty(t, rc.events)
	assert.Equal(t, 5, r.Dispatch())
	require.Len(t, rc.events, 5)
	assert.True(t, rc.events[1].Malformed, "the malformed message is reported, not delivered")
	assert.Equal(t, []string{
		`{"echo":1,"origin":"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}`,
		`{"after":"malformed"}`, `{"i":0}`, `{"i":1}`,
	}, rc.messages())
	for _, ev := range rc.events {
		assert.False(t, ev.Final)
	}

	// The host exits mid-port: the port's disconnect error, with the status.
	require.NoError(t, c.Send(json.RawMessage(`{"op":"exit","code":7}`)))
	require.NoError(t, c.Send(json.RawMessage(`{"op":"echo","v":"lost"}`)), "a message after the exit is dropped")
	assert.Equal(t, 1, r.Dispatch())
	last := rc.events[len(rc.events)-1]
	assert.True(t, last.Final)
	assert.Equal(t, chromefacts.ErrNativeHostExited, chromeText(t, last.Err))
	assert.Equal(t, 7, last.ExitCode)
	assert.Len(t, rc.events, 6)
}

func TestGoHostPortOversizeCloses(t *testing.T) {
	r := goRegistry(t)
	rc := &recorder{}
	c, err := r.ConnectNative(req("go.host"), rc.deliver)
	require.NoError(t, err)
	require.NoError(t, c.Send(json.RawMessage(`{"op":"oversize"}`)))
	require.NoError(t, c.Send(json.RawMessage(`{"op":"echo"}`)))
	r.Dispatch()
	require.Len(t, rc.events, 1)
	assert.True(t, rc.events[0].Final)
	assert.Equal(t, chromefacts.ErrNativeHostCommunication, chromeText(t, rc.events[0].Err))
}

// TestGoHostBrowserCloses checks the browser's disconnect: queued events are dropped, the host's
// writes fail, sending is a misuse.
func TestGoHostBrowserCloses(t *testing.T) {
	r := New(Options{})
	t.Cleanup(func() { require.NoError(t, r.Close()) })
	var host *Host
	require.NoError(t, r.RegisterFunc("go.host", []string{originA}, func(h *Host, msg json.RawMessage) {
		host = h
		require.NoError(t, h.Post(msg))
	}))
	rc := &recorder{}
	c, err := r.ConnectNative(req("go.host"), rc.deliver)
	require.NoError(t, err)
	require.NoError(t, c.Send(json.RawMessage(`{"a":1}`)))
	c.Close()
	c.Close()
	assert.Zero(t, r.Dispatch())
	assert.Empty(t, rc.events)
	assert.ErrorIs(t, c.Send(json.RawMessage(`{}`)), ErrClosed)
	assert.ErrorIs(t, host.Post("late"), ErrClosed)
}

// TestDispatchDropsClosedMidway checks that a deliver callback closing another conn stops that
// conn's queued events.
func TestDispatchDropsClosedMidway(t *testing.T) {
	r := goRegistry(t)
	var second *Conn
	first := &recorder{}
	c1, err := r.ConnectNative(req("go.host"), func(ev Event) {
		first.deliver(ev)
		second.Close()
	})
	require.NoError(t, err)
	rc2 := &recorder{}
	second, err = r.ConnectNative(req("go.host"), rc2.deliver)
	require.NoError(t, err)
	require.NoError(t, c1.Send(json.RawMessage(`{"op":"echo"}`)))
	require.NoError(t, second.Send(json.RawMessage(`{"op":"echo"}`)))
	assert.Equal(t, 1, r.Dispatch())
	assert.Len(t, first.events, 1)
	assert.Empty(t, rc2.events)
}

func TestSendLimits(t *testing.T) {
	r := goRegistry(t)
	c, err := r.ConnectNative(req("go.host"), func(Event) {})
	require.NoError(t, err)

	huge := make([]byte, chromefacts.MaxMessageBytes+1)
	for i := range huge {
		huge[i] = 'x'
	}
	huge[0], huge[len(huge)-1] = '"', '"'
	assert.Equal(t, chromefacts.ErrMessageTooLarge, chromeText(t, c.Send(huge)))

	_, err = r.SendNativeMessage(req("go.host"), huge, func(Event) {})
	assert.Equal(t, chromefacts.ErrMessageTooLarge, chromeText(t, err))

	assert.ErrorContains(t, c.Send(json.RawMessage(`{"a":`)), "not one JSON value")

	one, err := r.SendNativeMessage(req("go.host"), json.RawMessage(`{"op":"silent"}`), func(Event) {})
	require.NoError(t, err)
	assert.ErrorContains(t, one.Send(json.RawMessage(`{}`)), "sendNativeMessage")
}
