package gluetransport

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The glue's bounds on what senders make it hold (bridge's limits.go; the glue's LIMITS before
// Go's table arrives). The values are bridge's; this package cannot import it, so they are the
// numbers the glue carries, checked equal to bridge's by bridge's TestGlueLimitsAreBridges.
const (
	pendingMessages = 1000
	portQueue       = 1000
	openPorts       = 1000
)

// fakePorts adds to the fake chrome: fakePort(name) opens a port to the glue as onConnect does
// and returns its far end (send delivers a message, close disconnects it, posted and disconnected
// record what the glue did); warnings counts console.warn calls.
const fakePorts = `(function () {
  function ev() { const ls = []; return { ls, addListener(f) { ls.push(f); } }; }
  globalThis.fakePort = function (name) {
    const p = { name, sender: { id: chrome.runtime.id }, onMessage: ev(), onDisconnect: ev(), posted: [], disconnected: false,
      postMessage(m) { p.posted.push(JSON.stringify(m)); }, disconnect() { p.disconnected = true; },
      send(m) { for (const l of p.onMessage.ls) l(m); }, close() { for (const l of p.onDisconnect.ls) l(); } };
    for (const l of chrome.runtime.onConnect.ls) l(p);
    return p;
  };
  globalThis.warnings = [];
  console.warn = function (s) { warnings.push(String(s)); };
})();`

// hookRecorder is Go's event sink for a glue under test: it records each event as "kind id args"
// and answers every one-time message with its own text.
type hookRecorder struct {
	in     js.Value
	fn     js.Func
	events []string
}

func readyGlue(t *testing.T, in js.Value) *hookRecorder {
	h := &hookRecorder{in: in}
	h.fn = js.FuncOf(func(_ js.Value, a []js.Value) any {
		kind, id := a[0].String(), a[1].Int()
		switch kind {
		case "message":
			h.events = append(h.events, fmt.Sprintf("message %d %d", id, len(a[3].String())))
			in.Call("_respond", id, `{"extwasm":1,"ok":true,"body":null}`)
		case "pmsg":
			h.events = append(h.events, fmt.Sprintf("pmsg %d %d", id, len(a[2].String())))
		default:
			h.events = append(h.events, fmt.Sprintf("%s %d %v", kind, id, a[2]))
		}
		return nil
	})
	t.Cleanup(h.fn.Release)
	return h
}

func (h *hookRecorder) ready() { h.in.Call("_ready", h.fn) }

func (h *hookRecorder) count(prefix string) int {
	n := 0
	for _, e := range h.events {
		if strings.HasPrefix(e, prefix) {
			n++
		}
	}
	return n
}

// replyCodes tallies the replies the fake chrome collected by their error code ("" for success).
func replyCodes(t *testing.T) map[string]int {
	out := map[string]int{}
	rs := js.Global().Get("replies")
	for i := range rs.Length() {
		var r struct {
			OK    bool `json:"ok"`
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		require.NoError(t, json.Unmarshal([]byte(rs.Index(i).String()), &r))
		out[r.Error.Code]++
	}
	return out
}

func limitsGlue(t *testing.T, options string) *hookRecorder {
	in := freshGlue(t, options)
	t.Cleanup(func() { js.Global().Delete("extwasm"); forgetGlue() }) // the next test evaluates its own glue
	js.Global().Call("eval", fakePorts)
	return readyGlue(t, in)
}

// TestGlueBoundsOneTimeMessagesBeforeReady: past MaxPendingMessages the glue answers busy at once,
// with one console warning for the flood; at Ready what it held is answered, and what Go's table
// says is too large is answered too_large without reaching Go.
func TestGlueBoundsOneTimeMessagesBeforeReady(t *testing.T) {
	h := limitsGlue(t, `{"routes":["a","small"]}`)
	const flood = pendingMessages + 500
	kept := 0
	for i := range flood {
		route := "a"
		if i%10 == 0 {
			route = "small"
		}
		if keepsOpen(fmt.Sprintf(`{"extwasm":1,"route":%q,"body":{"pad":"%s"}}`, route, strings.Repeat("x", 100))) {
			kept++
		}
	}
	assert.Equal(t, pendingMessages, kept)
	assert.Equal(t, map[string]int{"busy": flood - pendingMessages}, replyCodes(t), "refused at once")
	require.Equal(t, 1, js.Global().Get("warnings").Length(), "one warning for the flood")
	assert.Contains(t, js.Global().Get("warnings").Index(0).String(), "1000 messages are waiting for an answer")

	h.in.Call("_handles", `{"routes":["a","small"],"raw":false,"maxBytes":{"routes":{"a":1000,"small":50},"raw":0,"ports":0},"limits":{"pendingMessages":1000,"pendingBytes":33554432,"portQueue":1000,"portQueueBytes":8388608,"openPorts":1000}}`)
	h.ready()
	assert.Equal(t, pendingMessages-pendingMessages/10, h.count("message"), "only what fits the route reached Go")
	assert.Equal(t, map[string]int{"busy": flood - pendingMessages, "": pendingMessages - pendingMessages/10, "too_large": pendingMessages / 10}, replyCodes(t))

	// Everything was answered: the bound is free again.
	assert.True(t, keepsOpen(`{"extwasm":1,"route":"a","body":{}}`))
	assert.False(t, keepsOpen(fmt.Sprintf(`{"extwasm":1,"route":"small","body":{"pad":"%s"}}`, strings.Repeat("x", 100))))
}

// TestGlueBoundsPortsBeforeReady: a port past MaxPortQueue gets a busy envelope and a disconnect,
// a port past MaxOpenPorts too, a port whose opener left before Ready never reaches Go, and the
// others are handed over whole.
func TestGlueBoundsPortsBeforeReady(t *testing.T) {
	h := limitsGlue(t, `{}`)
	fakePort := js.Global().Get("fakePort")
	flooder := fakePort.Invoke("chat")
	for i := range portQueue + 1 {
		flooder.Call("send", i)
	}
	require.True(t, flooder.Get("disconnected").Bool(), "refused")
	require.Equal(t, 1, flooder.Get("posted").Length())
	assert.Contains(t, flooder.Get("posted").Index(0).String(), `"code":"busy"`)

	quitter := fakePort.Invoke("chat")
	quitter.Call("send", "bye")
	quitter.Call("close")

	others := []js.Value{}
	for range openPorts - 1 {
		p := fakePort.Invoke("chat")
		p.Call("send", "hello")
		others = append(others, p)
	}
	// The flooder and the quitter are gone: openPorts-1 are open, one more fits, the next does not.
	last := fakePort.Invoke("chat")
	assert.False(t, last.Get("disconnected").Bool())
	over := fakePort.Invoke("chat")
	assert.True(t, over.Get("disconnected").Bool())
	assert.Contains(t, over.Get("posted").Index(0).String(), `"code":"busy"`)

	h.in.Call("_handles", `{"routes":[],"raw":false,"maxBytes":{"routes":{},"raw":0,"ports":3},"limits":{"pendingMessages":1000,"pendingBytes":33554432,"portQueue":1000,"portQueueBytes":8388608,"openPorts":1000}}`)
	h.ready()
	assert.Equal(t, openPorts, h.count("connect"), "the open ports, not the refused or gone ones")
	assert.Equal(t, openPorts-1, h.count("pbig"), `"hello" is over the ports' MaxBytes of 3: only its size crosses`)
	assert.Zero(t, h.count("pmsg"))
	others[0].Call("send", 1)
	assert.Equal(t, 1, h.count("pmsg"), "a message within MaxBytes crosses")
}

// TestGlueBoundsProperty drives a glue with small limits (Go's table may set them before Ready)
// through random one-time messages, port opens, port messages, disconnects, Go's answers and Ready
// at a random step, and checks after every step that what it holds stays within the limits and
// matches what was admitted; at the end every message has had exactly one answer.
func TestGlueBoundsProperty(t *testing.T) {
	const table = `{"routes":["r"],"raw":false,"maxBytes":{"routes":{"r":80},"raw":0,"ports":1000},
		"limits":{"pendingMessages":5,"pendingBytes":200,"portQueue":3,"portQueueBytes":100,"openPorts":4}}`
	const script = `(function () {
	  globalThis.answers = {};
	  globalThis.send = function (id, pad) {
	    let async = false;
	    const m = { extwasm: 1, route: 'r', body: { id, pad: 'x'.repeat(pad) } };
	    for (const l of chrome.runtime.onMessage.ls) {
	      if (l(m, {}, (r) => { (answers[id] = answers[id] || []).push(r.ok ? 'ok' : r.error.code); }) === true) async = true;
	    }
	    return async;
	  };
	})();`
	for seed := range uint64(20) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 1))
			h := limitsGlue(t, `{"routes":["r"]}`)
			h.in.Call("_handles", table)
			js.Global().Call("eval", script)
			var goPending []int                                   // one-time messages Go has and has not answered
			h.fn = js.FuncOf(func(_ js.Value, a []js.Value) any { // Go answers when the test says
				if a[0].String() == "message" {
					goPending = append(goPending, a[1].Int())
				}
				return nil
			})
			t.Cleanup(h.fn.Release)
			var ports []js.Value
			sent, kept, ready := 0, 0, false
			readyAt := rng.IntN(200)
			for step := range 200 {
				if step == readyAt {
					h.ready()
					ready = true
				}
				switch op := rng.IntN(10); {
				case op < 4:
					pad := rng.IntN(80)
					if js.Global().Call("send", sent, pad).Bool() {
						kept++
					}
					sent++
				case op < 5:
					ports = append(ports, js.Global().Get("fakePort").Invoke("chat"))
				case op < 7 && len(ports) > 0:
					ports[rng.IntN(len(ports))].Call("send", strings.Repeat("y", rng.IntN(60)))
				case op < 8 && len(ports) > 0:
					i := rng.IntN(len(ports))
					ports[i].Call("close")
					ports = append(ports[:i], ports[i+1:]...)
				case len(goPending) > 0:
					i := rng.IntN(len(goPending))
					h.in.Call("_respond", goPending[i], `{"extwasm":1,"ok":true,"body":null}`)
					goPending = append(goPending[:i], goPending[i+1:]...)
				}
				held := js.Global().Get("extwasm").Call("held")
				msgs, chars := held.Get("messages").Int(), held.Get("messageChars").Int()
				require.LessOrEqual(t, msgs, 5, "step %d", step)
				require.LessOrEqual(t, chars, 200, "step %d", step)
				require.LessOrEqual(t, held.Get("portChars").Int(), 200, "step %d", step)
				require.LessOrEqual(t, held.Get("openPorts").Int(), 4, "step %d", step)
				if ready {
					require.Equal(t, len(goPending), msgs, "step %d: held is what Go has not answered", step)
				}
				for _, p := range ports {
					if p.Get("disconnected").Bool() {
						require.Contains(t, p.Get("posted").Index(0).String(), `"code":"busy"`)
					}
				}
			}
			if !ready {
				h.ready()
			}
			for _, id := range goPending {
				h.in.Call("_respond", id, `{"extwasm":1,"ok":true,"body":null}`)
			}
			held := js.Global().Get("extwasm").Call("held")
			assert.Zero(t, held.Get("messages").Int())
			assert.Zero(t, held.Get("messageChars").Int())
			assert.Zero(t, held.Get("portChars").Int())
			answers := js.Global().Get("answers")
			okCount := 0
			for id := range sent {
				a := answers.Get(strconv.Itoa(id))
				require.Equal(t, 1, a.Length(), "message %d answered once", id)
				switch code := a.Index(0).String(); code {
				case "ok":
					okCount++
				case "busy", "too_large":
				default:
					t.Fatalf("message %d: %s", id, code)
				}
			}
			assert.Equal(t, kept, okCount, "what the glue kept, Go answered")
		})
	}
}
