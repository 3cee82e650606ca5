package nativesim

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// TestProcessOneShot runs sendNativeMessage against a real process: one process per message,
// the first message is the reply, the rest is ignored.
func TestProcessOneShot(t *testing.T) {
	tests := []struct {
		name      string
		msg       map[string]any
		reply     string
		malformed bool
		err       string
		exit      int
		stderr    string
		reason    string
	}{
		{name: "first message wins", msg: map[string]any{"op": "many", "n": 3}, reply: `{"i":0}`},
		{name: "exit without reply", msg: map[string]any{"op": "exit", "code": 3},
			err: chromefacts.ErrNativeHostExited, exit: 3, stderr: "testhost: exiting with status 3"},
		{name: "exit status zero", msg: map[string]any{"op": "exit", "code": 0}, err: chromefacts.ErrNativeHostExited},
		{name: "malformed reply is undefined", msg: map[string]any{"op": "malformed"}, malformed: true},
		{name: "oversized reply", msg: map[string]any{"op": "oversize"}, err: chromefacts.ErrNativeHostCommunication,
			exit: 0, reason: apiargs.NativeHostMessageTooLarge(chromefacts.MaxNativeHostMessageBytes + 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := procRegistry(t)
			c, rc := e.send(t, tc.msg)
			until(t, e.Registry, rc.final)
			require.Len(t, rc.events, 1)
			ev := rc.events[0]
			assert.Equal(t, tc.malformed, ev.Malformed)
			if tc.reply != "" {
				assert.Equal(t, tc.reply, string(ev.Message))
			} else {
				assert.Nil(t, ev.Message)
			}
			if tc.err != "" {
				assert.Equal(t, tc.err, chromeText(t, ev.Err))
				assert.Equal(t, tc.exit, ev.ExitCode)
			} else {
				assert.NoError(t, ev.Err)
			}
			if tc.reason != "" {
				var ce *Error
				require.ErrorAs(t, ev.Err, &ce)
				assert.Equal(t, tc.reason, ce.Reason)
			}
			assert.Zero(t, e.InFlight())
			assert.ErrorIs(t, e.Wait(context.Background()), ErrIdle)
			require.NoError(t, e.Close(), "reap the host before reading its stderr")
			assert.Contains(t, c.Stderr(), tc.stderr)
			assert.Zero(t, e.Dispatch(), "nothing follows the final event")
		})
	}
}

// TestProcessLaunch checks how Chrome starts a host: argv[1] is the caller's origin, the working
// directory is the binary's, and each one-shot call gets a process of its own.
func TestProcessLaunch(t *testing.T) {
	e := procRegistry(t)
	c1, rc1 := e.send(t, map[string]any{"op": "echo", "v": "one"})
	c2, rc2 := e.send(t, map[string]any{"op": "echo", "v": "two"})
	assert.NotEqual(t, c1.PID(), c2.PID())
	until(t, e.Registry, func() bool { return rc1.final() && rc2.final() })

	for i, rc := range []*recorder{rc1, rc2} {
		require.Len(t, rc.events, 1)
		var got struct {
			Echo   string `json:"echo"`
			Origin string `json:"origin"`
			Cwd    string `json:"cwd"`
		}
		require.NoError(t, json.Unmarshal(rc.events[0].Message, &got))
		assert.Equal(t, []string{"one", "two"}[i], got.Echo)
		assert.Equal(t, originA, got.Origin)
		assert.Equal(t, filepath.Dir(testHost(t)), got.Cwd)
	}
}

// TestProcessPort runs connectNative against a real process: one process, messages both ways in
// order, a malformed message dropped without ending the port, the browser's disconnect ending
// the host.
func TestProcessPort(t *testing.T) {
	e := procRegistry(t)
	c, rc := e.connect(t)
	pid := c.PID()
	require.NoError(t, c.Send(js(map[string]any{"op": "echo", "v": 1})))
	require.NoError(t, c.Send(js(map[string]any{"op": "malformed"})))
	require.NoError(t, c.Send(js(map[string]any{"op": "many", "n": 2})))
	require.NoError(t, c.Send(js(map[string]any{"op": "echo", "v": 2})))
	until(t, e.Registry, func() bool { return len(rc.events) == 6 })

	assert.True(t, rc.events[1].Malformed)
	msgs := rc.messages()
	require.Len(t, msgs, 5)
	assert.Contains(t, msgs[0], `"echo":1`)
	assert.Equal(t, []string{`{"after":"malformed"}`, `{"i":0}`, `{"i":1}`}, msgs[1:4])
	assert.Contains(t, msgs[4], `"echo":2`)
	for _, ev := range rc.events {
		assert.False(t, ev.Final)
	}
	assert.Equal(t, pid, c.PID(), "one process for the port's life")
	assert.Equal(t, 1, e.InFlight())

	c.Close()
	assert.Zero(t, e.InFlight())
	assert.ErrorIs(t, c.Send(js(map[string]any{"op": "echo"})), ErrClosed)
	assert.ErrorIs(t, e.Wait(context.Background()), ErrIdle)
	assert.Zero(t, e.Dispatch())
	assert.Len(t, rc.events, 6, "no disconnect event for the side that disconnected")
}

// TestProcessPortEnds covers the ways a host ends a port, each with the disconnect error Chrome
// gives the port and the exit status.
func TestProcessPortEnds(t *testing.T) {
	tests := []struct {
		name   string
		op     map[string]any
		err    string
		exit   int
		stderr string
	}{
		{name: "crash", op: map[string]any{"op": "exit", "code": 3}, err: chromefacts.ErrNativeHostExited, exit: 3,
			stderr: "exiting with status 3"},
		{name: "oversized message", op: map[string]any{"op": "oversize"}, err: chromefacts.ErrNativeHostCommunication},
		// Stdout closed while the process runs: Chrome says it exited; closing its stdin then
		// ends it cleanly.
		{name: "stdout closed", op: map[string]any{"op": "closeout"}, err: chromefacts.ErrNativeHostExited},
		// Stdin closed while the process runs: the next write breaks the pipe, which Chrome also
		// reports as an exit; the host is killed after the grace period.
		{name: "broken pipe", op: map[string]any{"op": "closein"}, err: chromefacts.ErrNativeHostExited, exit: -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := procRegistry(t)
			c, rc := e.connect(t)
			require.NoError(t, c.Send(js(map[string]any{"op": "echo", "v": "before"})))
			until(t, e.Registry, func() bool { return len(rc.events) == 1 })
			require.NoError(t, c.Send(js(tc.op)))
			if tc.name == "broken pipe" {
				// Keep writing until the broken pipe is seen; each write is accepted, as
				// Chrome's postMessage is, and lost.
				for i := 0; i < 64 && !e.Pending(); i++ {
					require.NoError(t, c.Send(js(map[string]string{"op": "echo", "v": "lost"})))
					ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
					_ = e.Wait(ctx)
					cancel()
				}
			}
			until(t, e.Registry, rc.final)

			last := rc.events[len(rc.events)-1]
			assert.Equal(t, tc.err, chromeText(t, last.Err))
			assert.Nil(t, last.Message)
			assert.Equal(t, tc.exit, last.ExitCode)
			assert.Contains(t, rc.messages()[0], `"echo":"before"`)
			assert.Zero(t, e.InFlight())
			require.NoError(t, c.Send(js(map[string]any{"op": "echo"})), "sending after the host left is silently lost")
			require.NoError(t, e.Close())
			assert.Contains(t, c.Stderr(), tc.stderr)
		})
	}
}

// TestProcessKilledAfterGrace checks that a host ignoring its closed stdin is killed, both when
// the browser disconnects and when a one-shot call got its reply.
func TestProcessKilledAfterGrace(t *testing.T) {
	e := procRegistry(t)
	c, rc := e.connect(t)
	require.NoError(t, c.Send(js(map[string]any{"op": "echo", "v": 1})))
	require.NoError(t, c.Send(js(map[string]any{"op": "hang"})))
	until(t, e.Registry, func() bool { return len(rc.events) == 1 })
	c.Close()
	// Cleanup checks that Close reaped the process, which only a kill can end.
}

// TestWaitHonoursContext checks that Wait blocks while a host that says nothing is in flight.
func TestWaitHonoursContext(t *testing.T) {
	e := procRegistry(t)
	c, _ := e.connect(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, e.Wait(ctx), context.Canceled)
	assert.Equal(t, 1, e.InFlight())
	c.Close()
	assert.ErrorIs(t, e.Wait(context.Background()), ErrIdle)
}

// TestRegistryCloseEndsHosts checks that Close ends running hosts and drops their events.
func TestRegistryCloseEndsHosts(t *testing.T) {
	e := procRegistry(t)
	c, rc := e.connect(t)
	_, rc2 := e.send(t, map[string]any{"op": "silent"})
	require.NoError(t, c.Send(js(map[string]any{"op": "hang"})))
	require.NoError(t, e.Close())
	assert.Zero(t, e.InFlight())
	assert.Zero(t, e.Dispatch())
	assert.Empty(t, rc.events)
	assert.Empty(t, rc2.events)
	_, err := e.ConnectNative(req("test.host"), func(Event) {})
	assert.ErrorIs(t, err, ErrClosed)
}
