package gluetransport

import (
	"context"
	"fmt"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/extwasm/extwasm/jsglue"
)

// fakeChrome is a minimal chrome.runtime in standard JavaScript: events that record listeners and
// a dispatch helper that calls them as Chrome does, collecting sendResponse values.
const fakeChrome = `(function () {
  function ev() { const ls = []; return { ls, addListener(f) { ls.push(f); }, removeListener(f) { const i = ls.indexOf(f); if (i >= 0) ls.splice(i, 1); } }; }
  globalThis.chrome = { runtime: { id: 'abcdefghijklmnopabcdefghijklmnop', onMessage: ev(), onConnect: ev(),
    onMessageExternal: ev(), sendMessage(m) { return Promise.reject(new Error(NO_RECEIVER)); } } };
  globalThis.replies = [];
  globalThis.dispatchOn = function (event, msg, sender) {
    let async = false;
    for (const l of chrome.runtime[event].ls) {
      if (l(msg, sender, r => replies.push(JSON.stringify(r))) === true) async = true;
    }
    return async;
  };
  globalThis.dispatch = (msg, sender) => dispatchOn('onMessage', msg, sender);
})();`

func setupGlue(t *testing.T) {
	forgetGlue()
	js.Global().Set("NO_RECEIVER", chromefacts.ErrReceivingEndDoesNotExist)
	js.Global().Call("eval", fakeChrome)
	js.Global().Call("eval", jsglue.Script)
	require.Equal(t, js.TypeObject, js.Global().Get("extwasm").Type())
	// As extwasm.start does: a raw handler is declared, so plain messages are kept while Go starts.
	js.Global().Get("extwasm").Get("internal").Call("_setup", js.Global().Get("JSON").Call("parse", `{"raw": true}`))
}

func TestGlueBuffersUntilReadyAndRepliesFromGo(t *testing.T) {
	setupGlue(t)
	// Arrives before Go is ready: the listener must keep the channel open.
	async := js.Global().Call("dispatch", js.Global().Get("JSON").Call("parse", `{"n":1}`), js.Global().Get("Object").New())
	assert.True(t, async.Bool())
	assert.Equal(t, 0, js.Global().Get("replies").Length())

	got := make(chan string, 1)
	require.NoError(t, Ready(Hooks{
		Message: func(id int, kind, message, sender string) {
			got <- kind + " " + message
			go func() { _ = Respond(id, `{"echo":`+message+`}`) }()
		},
		Connect: func(int, string, string, string) {}, PortMessage: func(int, string) {}, PortDisconnect: func(int, string) {},
	}))
	assert.Equal(t, `internal {"n":1}`, <-got)
	// Let the goroutine answer.
	_, _ = jsglue.Await(context.Background(), js.Global().Get("Promise").Call("resolve"))
	require.Equal(t, 1, js.Global().Get("replies").Length())
	assert.JSONEq(t, `{"echo":{"n":1}}`, js.Global().Get("replies").Index(0).String())
	assert.Error(t, Ready(Hooks{}), "Ready twice")

	// Chrome's rejection comes back as *Error with the exact text.
	_, _, err := SendMessage(context.Background(), "", `{}`)
	var jerr *jsglue.Error
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, chromefacts.ErrReceivingEndDoesNotExist, jerr.Message)
}

// freshGlue evaluates a new glue instance over a new fake chrome (with chrome.alarms.onAlarm) and
// calls _setup with options; it returns the glue's internal object.
func freshGlue(t *testing.T, options string) js.Value {
	js.Global().Delete("extwasm")
	forgetGlue()
	js.Global().Call("eval", fakeChrome)
	js.Global().Call("eval", `chrome.alarms = { onAlarm: (function () { const ls = []; return { ls, addListener(f) { ls.push(f); }, removeListener(f) { const i = ls.indexOf(f); if (i >= 0) ls.splice(i, 1); } }; })() };`)
	js.Global().Call("eval", jsglue.Script)
	in := js.Global().Get("extwasm").Get("internal")
	in.Call("_setup", js.Global().Get("JSON").Call("parse", options))
	return in
}

// keepsOpen dispatches message (JSON) to the glue's onMessage listener and reports whether it kept
// the reply channel open, i.e. claimed the message.
func keepsOpen(message string) bool { return keepsOpenOn("onMessage", message) }

// keepsOpenOn is keepsOpen for the listener of event ("onMessageExternal").
func keepsOpenOn(event, message string) bool {
	return js.Global().Call("dispatchOn", event, js.Global().Get("JSON").Call("parse", message), js.Global().Get("Object").New()).Bool()
}

// TestGlueClaimsOnlyWhatGoHandles: first reply wins, so the glue keeps the channel open only for the
// messages its Go code handles: by start's declaration while Go starts, by Go's table afterwards,
// and with no declaration for every envelope and nothing else.
func TestGlueClaimsOnlyWhatGoHandles(t *testing.T) {
	const (
		routeA   = `{"extwasm":1,"route":"demo.a","body":{}}`
		routeB   = `{"extwasm":1,"route":"demo.b","body":{}}`
		greeting = `{"greeting":"hello"}`
	)
	t.Run("undeclared", func(t *testing.T) {
		freshGlue(t, `{}`)
		assert.True(t, keepsOpen(routeA))
		assert.False(t, keepsOpen(greeting))
	})
	t.Run("declared, then Go's table", func(t *testing.T) {
		in := freshGlue(t, `{"routes":["demo.a"]}`)
		assert.True(t, keepsOpen(routeA))
		assert.False(t, keepsOpen(routeB))
		assert.False(t, keepsOpen(greeting))
		in.Call("_handles", `{"routes":["demo.b"],"raw":true}`)
		assert.False(t, keepsOpen(routeA))
		assert.True(t, keepsOpen(routeB))
		assert.True(t, keepsOpen(greeting))
	})
}

// TestGlueClaimsForExternalSendersOnlyTheirRoutes: on onMessageExternal only the routes that admit
// external senders count, by start's external declaration while Go starts and by the external part
// of Go's table afterwards; without an external declaration, by the routes declared.
func TestGlueClaimsForExternalSendersOnlyTheirRoutes(t *testing.T) {
	const (
		public   = `{"extwasm":1,"route":"vault.publicInfo","body":{}}`
		internal = `{"extwasm":1,"route":"demo.panic","body":{}}`
		greeting = `{"greeting":"hello"}`
	)
	external := func(m string) bool { return keepsOpenOn("onMessageExternal", m) }
	t.Run("declared", func(t *testing.T) {
		in := freshGlue(t, `{"raw":true,"external":["vault.publicInfo"]}`)
		assert.True(t, external(public))
		assert.False(t, external(internal))
		assert.True(t, keepsOpen(internal), "internal senders still reach every envelope")
		in.Call("_handles", `{"routes":["demo.panic","vault.publicInfo"],"raw":true,"external":["vault.publicInfo"],"externalRaw":false}`)
		assert.True(t, external(public))
		assert.False(t, external(internal))
		assert.False(t, external(greeting), "the raw handler admits no external sender")
		assert.True(t, keepsOpen(greeting))
	})
	t.Run("undeclared", func(t *testing.T) {
		in := freshGlue(t, `{}`)
		assert.True(t, external(internal), "kept while Go starts: Go answers it as an unknown route")
		in.Call("_handles", `{"routes":["demo.panic"],"raw":false,"external":[],"externalRaw":false}`)
		assert.False(t, external(internal))
	})
}

// TestGlueBuffersWakingEventsUntilGoSubscribes: events in start's options.events are listened to at
// once, kept in order, and handed to the first subscriber before live ones.
func TestGlueBuffersWakingEventsUntilGoSubscribes(t *testing.T) {
	in := freshGlue(t, `{"events":["alarms.onAlarm"]}`)
	listeners := js.Global().Get("chrome").Get("alarms").Get("onAlarm").Get("ls")
	require.Equal(t, 1, listeners.Length(), "registered synchronously by setup")
	fire := func(name string) {
		listeners.Index(0).Invoke(js.Global().Get("JSON").Call("parse", `{"name":"`+name+`"}`))
	}
	fire("first")
	fire("second")
	var got []string
	sink := js.FuncOf(func(_ js.Value, a []js.Value) any { got = append(got, a[0].String()); return nil })
	defer sink.Release()
	unsubscribe := in.Call("_subscribe", "alarms.onAlarm", sink)
	fire("third")
	assert.Equal(t, []string{`[{"name":"first"}]`, `[{"name":"second"}]`, `[{"name":"third"}]`}, got)
	unsubscribe.Invoke()
	fire("fourth")
	assert.Len(t, got, 3)
}

// forgetGlue drops the glue object this package keeps, for a test that evaluates a new glue
// instance after deleting the old one (extwasm.js itself never replaces its first instance).
func forgetGlue() { glue = js.Value{} }

// TestPackedEventsReachGoWhole: with _ready's packed form each event crosses as one text, and
// every field comes back whole, a port name with newlines in it included.
func TestPackedEventsReachGoWhole(t *testing.T) {
	in := freshGlue(t, `{"raw": true}`)
	t.Cleanup(func() { js.Global().Delete("extwasm"); forgetGlue() })
	js.Global().Call("eval", fakePorts)
	var got []string
	rec := Hooks{
		Message: func(id int, kind, message, sender string) {
			got = append(got, fmt.Sprintf("message %s %s %s", kind, message, sender))
		},
		Connect: func(id int, kind, name, sender string) {
			got = append(got, fmt.Sprintf("connect %s %q %s", kind, name, sender))
		},
		PortMessage:    func(id int, message string) { got = append(got, "pmsg "+message) },
		PortOversize:   func(id int, size int) { got = append(got, fmt.Sprintf("pbig %d", size)) },
		PortDisconnect: func(id int, lastError string) { got = append(got, fmt.Sprintf("pdisc %q", lastError)) },
	}
	fn := js.FuncOf(func(_ js.Value, a []js.Value) any {
		require.Len(t, a, 2)
		deliverPacked(rec, a[1].Int(), a[0].String())
		return nil
	})
	t.Cleanup(fn.Release)
	in.Call("_handles", `{"raw": true, "maxBytes": {"ports": 12}}`)
	in.Call("_ready", fn, true)

	js.Global().Call("dispatch", js.Global().Get("JSON").Call("parse", `{"n":"a\nb"}`), js.Global().Get("JSON").Call("parse", `{"id":"x"}`))
	port := js.Global().Call("fakePort", "two\nlines")
	port.Call("send", js.Global().Get("JSON").Call("parse", `{"k":1}`))
	port.Call("send", js.Global().Get("JSON").Call("parse", `{"k":"too long"}`))
	js.Global().Call("eval", `chrome.runtime.lastError = {message: "gone\nfor good"}`)
	port.Call("close")
	js.Global().Call("eval", `delete chrome.runtime.lastError`)
	assert.Equal(t, []string{
		`message internal {"n":"a\nb"} {"id":"x"}`,
		`connect internal "two\nlines" {"id":"abcdefghijklmnopabcdefghijklmnop"}`,
		`pmsg {"k":1}`,
		`pbig 16`,
		`pdisc "gone\nfor good"`,
	}, got)
}
