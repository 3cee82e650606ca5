package gluetransport

import (
	"context"
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
    sendMessage(m) { return Promise.reject(new Error(NO_RECEIVER)); } } };
  globalThis.replies = [];
  globalThis.dispatch = function (msg, sender) {
    let async = false;
    for (const l of chrome.runtime.onMessage.ls) {
      if (l(msg, sender, r => replies.push(JSON.stringify(r))) === true) async = true;
    }
    return async;
  };
})();`

func setupGlue(t *testing.T) {
	js.Global().Set("NO_RECEIVER", chromefacts.ErrReceivingEndDoesNotExist)
	js.Global().Call("eval", fakeChrome)
	js.Global().Call("eval", jsglue.Script)
	require.Equal(t, js.TypeObject, js.Global().Get("extwasm").Type())
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
