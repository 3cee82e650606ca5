package bridge

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/internal/envelope"
	"github.com/extwasm/extwasm/jsglue"
)

// recordingTransport records what an endpoint posts and disconnects; the tests below need nothing
// else of a browser.
type recordingTransport struct {
	wire.Transport
	posts       map[int][]byte
	disconnects map[int]int
}

func (r *recordingTransport) Post(port int, msg []byte) error { r.posts[port] = msg; return nil }
func (r *recordingTransport) Disconnect(port int)             { r.disconnects[port]++ }
func (r *recordingTransport) Release(int)                     {}

// portModel is what a Port must hold after a sequence of deliveries and receives: the messages
// admitted and not yet received, in order, and whether (and why) it was refused.
type portModel struct {
	queue   [][]byte
	refused bool
}

// FuzzPortQueue delivers random sizes to several ports of one endpoint and receives at random, and
// checks the bounds of limits.go after every step: no port holds more than MaxPortQueue messages or
// (past its first) MaxPortQueueBytes, the ports together no more than MaxPendingBytes (past the first
// message), a delivery past a bound refuses that port alone (one busy error envelope, one
// disconnect, Err matching ErrBusy), and every message admitted is received, in order.
func FuzzPortQueue(f *testing.F) {
	f.Add(uint64(1), uint16(1200), uint8(0), uint8(0), uint8(0))     // one port, small messages: the count bound
	f.Add(uint64(2), uint16(200), uint8(200), uint8(5), uint8(30))   // large ones on six ports: the byte bounds
	f.Add(uint64(3), uint16(3000), uint8(128), uint8(2), uint8(100)) // a mix, with more receives
	big := make([]byte, DefaultMaxBytes+1)                           // every message is a slice of it: one allocation
	for i := range big {
		big[i] = '1'
	}
	f.Fuzz(func(t *testing.T, seed uint64, steps uint16, largeShare, portsLess1, receiveShare uint8) {
		rng := rand.New(rand.NewPCG(seed, 0))
		tr := &recordingTransport{posts: map[int][]byte{}, disconnects: map[int]int{}}
		ep := newEndpoint(tr)
		ep.logf = func(string, ...any) {}
		nPorts := 1 + int(portsLess1)%6
		ports := make([]*Port, nPorts)
		models := make([]portModel, nPorts)
		for i := range ports {
			ports[i] = newPort(ep, i+1, "p", nil, envelope.Limits{MaxBytes: DefaultMaxBytes, MaxDepth: DefaultMaxDepth})
			ep.ports[i+1] = ports[i]
		}
		canceled, cancel := context.WithCancel(context.Background())
		cancel() // Receive returns what is queued, else at once
		for range steps {
			i := rng.IntN(nPorts)
			p, m := ports[i], &models[i]
			if rng.IntN(256) < int(receiveShare) { // receive one
				got, err := p.Receive(canceled)
				if len(m.queue) == 0 {
					require.Error(t, err)
					continue
				}
				want := m.queue[0]
				m.queue = m.queue[1:]
				if len(want) > DefaultMaxBytes {
					require.ErrorIs(t, err, ErrTooLarge)
					continue
				}
				require.NoError(t, err)
				require.Equal(t, len(want), len(got.Raw()))
				continue
			}
			size := 1 + rng.IntN(64)
			if rng.IntN(256) < int(largeShare) {
				size = 1 + rng.IntN(len(big))
			}
			msg := big[:size]
			queuedBefore, totalBefore := len(p.queue), ep.queued.Load()
			p.deliver(msg)
			if m.refused {
				continue // closed: ignored
			}
			held := int64(size)
			if size > DefaultMaxBytes {
				held = 0 // only its size is kept
			}
			over := queuedBefore >= MaxPortQueue ||
				(queuedBefore > 0 && int64(portBytes(m.queue))+held > MaxPortQueueBytes) ||
				(totalBefore > 0 && totalBefore+held > MaxPendingBytes)
			if !over {
				m.queue = append(m.queue, msg)
			} else {
				m.refused = true
				require.ErrorIs(t, p.Err(), ErrBusy)
				require.ErrorIs(t, p.Err(), ErrDisconnected)
				require.Equal(t, 1, tr.disconnects[i+1], "disconnected once")
				require.ErrorIs(t, portErr(tr, i+1), ErrBusy)
			}
			// The bounds hold after every step.
			require.LessOrEqual(t, len(p.queue), MaxPortQueue)
			if len(p.queue) > 1 {
				require.LessOrEqual(t, p.bytes, MaxPortQueueBytes)
			}
			var open int64
			for j, q := range ports {
				if !models[j].refused {
					open += int64(portBytes(models[j].queue))
				}
				require.Equal(t, len(models[j].queue), len(q.queue), "port %d holds what was admitted", j)
			}
			require.Equal(t, open, ep.queued.Load(), "the endpoint counts what its open ports hold")
			require.LessOrEqual(t, ep.queued.Load(), int64(MaxPendingBytes+DefaultMaxBytes))
		}
		// Whatever was admitted is still received, in order, then the port's end.
		for i, p := range ports {
			for _, want := range models[i].queue {
				got, err := p.Receive(canceled)
				if len(want) > DefaultMaxBytes {
					require.ErrorIs(t, err, ErrTooLarge)
					continue
				}
				require.NoError(t, err)
				require.Equal(t, len(want), len(got.Raw()))
			}
			_, err := p.Receive(canceled)
			if models[i].refused {
				require.ErrorIs(t, err, ErrBusy)
			} else {
				require.ErrorIs(t, err, context.Canceled)
			}
		}
	})
}

// portBytes is what a port holds for msgs: the text of each within MaxBytes.
func portBytes(msgs [][]byte) int {
	n := 0
	for _, m := range msgs {
		if len(m) <= DefaultMaxBytes {
			n += len(m)
		}
	}
	return n
}

// TestPortQueueBounds: each bound refuses the delivery past it, and only that one port.
func TestPortQueueBounds(t *testing.T) {
	text := make([]byte, MaxPortQueueBytes+1)
	for i := range text {
		text[i] = '1'
	}
	tests := []struct {
		name    string
		ports   int
		size    int
		perPort int // deliveries to each port, one port after the other
		refused int // the port refused, -1 for none
		want    string
	}{
		{"count", 1, 2, MaxPortQueue + 1, 0, "1000 messages are waiting"},
		{"bytes per port", 1, 1 << 20, MaxPortQueueBytes/(1<<20) + 1, 0, "8388608 bytes are waiting"},
		{"one message over the bytes, alone", 1, MaxPortQueueBytes + 1, 1, -1, ""},
		{"bytes of every port", 5, 1 << 20, MaxPortQueueBytes / (1 << 20), 4, "this context's ports hold 33554432 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &recordingTransport{posts: map[int][]byte{}, disconnects: map[int]int{}}
			ep := newEndpoint(tr)
			var logged []string
			ep.logf = func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
			for i := range tt.ports {
				p := newPort(ep, i+1, "p", nil, envelope.Limits{MaxBytes: ChromeMaxBytes, MaxDepth: DefaultMaxDepth})
				ep.ports[i+1] = p
				for range tt.perPort {
					ep.handlePortMessage(i+1, text[:tt.size])
				}
			}
			for i := range tt.ports {
				if i != tt.refused {
					assert.NoError(t, ep.ports[i+1].Err(), "port %d", i)
					assert.Zero(t, tr.disconnects[i+1])
					continue
				}
				assert.ErrorIs(t, portErr(tr, i+1), ErrBusy)
				assert.Contains(t, string(tr.posts[i+1]), tt.want)
				assert.Equal(t, 1, tr.disconnects[i+1])
				require.Len(t, logged, 1)
				assert.Contains(t, logged[0], tt.want)
			}
		})
	}
}

// portErr decodes the error envelope posted on port.
func portErr(tr *recordingTransport, port int) error {
	e, err := envelope.DecodeReply(tr.posts[port], envelope.Limits{MaxBytes: DefaultMaxBytes, MaxDepth: DefaultMaxDepth})
	if err != nil {
		return err
	}
	if e.Error == nil {
		return nil
	}
	return &RemoteError{Code: Code(e.Error.Code), Message: e.Error.Message}
}

func TestPortOversizeKeepsOnlyTheSize(t *testing.T) {
	tr := &recordingTransport{posts: map[int][]byte{}, disconnects: map[int]int{}}
	ep := newEndpoint(tr)
	p := newPort(ep, 7, "p", nil, envelope.Limits{MaxBytes: 10, MaxDepth: 4})
	ep.ports[7] = p
	ep.handlePortOversize(7, 50<<20)
	ep.handlePortMessage(7, []byte(`{"a":1}`))
	assert.Zero(t, ep.queued.Load()-7)
	_, err := p.Receive(context.Background())
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), strconv.Itoa(50<<20))
	m, err := p.Receive(context.Background())
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":1}`, string(m.Raw()))
	assert.Zero(t, ep.queued.Load())
}

// TestGlueLimitsAreBridges: the glue bounds what it holds before Go is ready with its own copy of
// the values (Go cannot tell it before it runs); they must be bridge's.
func TestGlueLimitsAreBridges(t *testing.T) {
	m := regexp.MustCompile(`var LIMITS = (\{[^}]*\});`).FindStringSubmatch(jsglue.Script)
	require.NotNil(t, m, "extwasm.js defines LIMITS")
	want := map[string]int{
		"pendingMessages": glueLimits.PendingMessages, "pendingBytes": glueLimits.PendingBytes,
		"portQueue": glueLimits.PortQueue, "portQueueBytes": glueLimits.PortQueueBytes, "openPorts": glueLimits.OpenPorts,
	}
	got := map[string]int{}
	for _, kv := range regexp.MustCompile(`(\w+): (\d+)`).FindAllStringSubmatch(m[1], -1) {
		n, err := strconv.Atoi(kv[2])
		require.NoError(t, err)
		got[kv[1]] = n
	}
	assert.Equal(t, want, got)
}

func TestLimitLogIsRateLimited(t *testing.T) {
	var lines []string
	logf := func(format string, args ...any) { lines = append(lines, format) }
	var l limitLog
	for range 1000 {
		l.note(logf, "refused")
	}
	assert.Len(t, lines, 1)
	assert.Equal(t, 999, l.suppressed)
}
