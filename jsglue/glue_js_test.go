package jsglue

import (
	"context"
	"encoding/json"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeChrome is a minimal chrome.runtime in standard JavaScript: events that record listeners and
// a dispatch helper that calls them as Chrome does, collecting sendResponse values.
const fakeChrome = `(function () {
  function ev() { const ls = []; return { ls, addListener(f) { ls.push(f); }, removeListener(f) { const i = ls.indexOf(f); if (i >= 0) ls.splice(i, 1); } }; }
  globalThis.chrome = { runtime: { id: 'abcdefghijklmnopabcdefghijklmnop', onMessage: ev(), onConnect: ev(),
    sendMessage(m) { return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')); } } };
  globalThis.replies = [];
  globalThis.dispatch = function (msg, sender) {
    let async = false;
    for (const l of chrome.runtime.onMessage.ls) {
      if (l(msg, sender, r => replies.push(JSON.stringify(r))) === true) async = true;
    }
    return async;
  };
})();`

func setupGlue(t *testing.T, options string) {
	js.Global().Call("eval", fakeChrome)
	js.Global().Call("eval", Script)
	require.Equal(t, js.TypeObject, js.Global().Get("extwasm").Type())
	js.Global().Get("extwasm").Get("internal").Call("_setup", js.Global().Get("JSON").Call("parse", options))
}

func TestGlueBuffersUntilReadyAndRepliesFromGo(t *testing.T) {
	setupGlue(t, `{"raw": true}`)
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
	_, _ = Await(context.Background(), js.Global().Get("Promise").Call("resolve"))
	require.Equal(t, 1, js.Global().Get("replies").Length())
	assert.JSONEq(t, `{"echo":{"n":1}}`, js.Global().Get("replies").Index(0).String())
	assert.Error(t, Ready(Hooks{}), "Ready twice")

	// Chrome's rejection comes back as *Error with the exact text.
	_, _, err := SendMessage(context.Background(), "", `{}`)
	var jerr *Error
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, "Could not establish connection. Receiving end does not exist.", jerr.Message)
}

func TestAwait(t *testing.T) {
	p := js.Global().Get("Promise")
	v, err := Await(context.Background(), p.Call("resolve", 42))
	require.NoError(t, err)
	assert.Equal(t, 42, v.Int())

	_, err = Await(context.Background(), p.Call("reject", js.Global().Get("TypeError").New("nope")))
	var jerr *Error
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, Error{Name: "TypeError", Message: "nope"}, *jerr)

	_, err = Await(context.Background(), p.Call("reject", "plain string"))
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, "plain string", jerr.Message)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	never := p.New(js.FuncOf(func(js.Value, []js.Value) any { return nil }))
	_, err = Await(ctx, never)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestTryAndJSON(t *testing.T) {
	err := Try(func() { js.Global().Call("eval", "null.x") })
	var jerr *Error
	require.ErrorAs(t, err, &jerr)
	assert.Equal(t, "TypeError", jerr.Name)

	v, err := ValueOf(map[string]any{"a": []int{1, 2}})
	require.NoError(t, err)
	var back map[string][]int
	require.NoError(t, Decode(v, &back))
	assert.Equal(t, map[string][]int{"a": {1, 2}}, back)

	_, ok, err := Stringify(js.Undefined())
	require.NoError(t, err)
	assert.False(t, ok)
	cyclic := js.Global().Call("eval", "(() => { const o = {}; o.o = o; return o; })()")
	_, _, err = Stringify(cyclic)
	assert.Error(t, err)
}

func TestExportPromise(t *testing.T) {
	obj := js.Global().Get("Object").New()
	release := ExportPromise(obj, "add", func(_ context.Context, args []json.RawMessage) (any, error) {
		var a, b int
		if err := json.Unmarshal(args[0], &a); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(args[1], &b); err != nil {
			return nil, err
		}
		return map[string]int{"sum": a + b}, nil
	})
	defer release()
	v, err := Await(context.Background(), obj.Call("add", 2, 3))
	require.NoError(t, err)
	assert.Equal(t, 5, v.Get("sum").Int())
	_, err = Await(context.Background(), obj.Call("add", "x", 3))
	assert.Error(t, err)
}

func TestAddListener(t *testing.T) {
	js.Global().Call("eval", `globalThis.testEvent = { ls: [], addListener(f) { this.ls.push(f); }, removeListener(f) { this.ls = this.ls.filter(x => x !== f); } };`)
	ev := js.Global().Get("testEvent")
	n := 0
	remove, err := AddListener(ev, func(args []js.Value) any { n += args[0].Int(); return nil })
	require.NoError(t, err)
	ev.Get("ls").Index(0).Invoke(5)
	assert.Equal(t, 5, n)
	remove()
	assert.Equal(t, 0, ev.Get("ls").Length())
	_, err = AddListener(js.Global().Get("Object").New(), func([]js.Value) any { return nil })
	assert.Error(t, err)
}

// freshGlue evaluates a new glue instance over a new fake chrome (with chrome.alarms.onAlarm) and
// calls _setup with options; it returns the glue's internal object.
func freshGlue(t *testing.T, options string) js.Value {
	js.Global().Delete("extwasm")
	js.Global().Call("eval", fakeChrome)
	js.Global().Call("eval", `chrome.alarms = { onAlarm: (function () { const ls = []; return { ls, addListener(f) { ls.push(f); }, removeListener(f) { const i = ls.indexOf(f); if (i >= 0) ls.splice(i, 1); } }; })() };`)
	js.Global().Call("eval", Script)
	in := js.Global().Get("extwasm").Get("internal")
	in.Call("_setup", js.Global().Get("JSON").Call("parse", options))
	return in
}

// keepsOpen dispatches message (JSON) to the glue's onMessage listener and reports whether it kept
// the reply channel open, i.e. claimed the message.
func keepsOpen(message string) bool {
	return js.Global().Call("dispatch", js.Global().Get("JSON").Call("parse", message), js.Global().Get("Object").New()).Bool()
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
