package chromesim

import (
	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// listenerError is the text a one-time channel closes with when an onMessage listener throws
// (rejected false) or its returned promise rejects (rejected true), as Chromium 156 reports it to
// the sender (conformance 32–34, measured: Chromium hands over the error's message as is, with no
// "Uncaught <Name>: " in front).
//
// Only a genuine Error object counts: Chromium reads its "message" property (own, inherited or
// from a getter), and a string there is the text. An empty string closes the channel with no
// error at all, so the sender sees "no response" (listenerError returns ""). Anything else — a
// thrown string, a plain object, an Error whose message is not a string, an object that merely
// inherits from Error.prototype — gets Chromium's fallback text for the case.
func listenerError(v goja.Value, rejected bool) string {
	fallback := chromefacts.ErrListenerErrorUnparsable
	if rejected {
		fallback = chromefacts.ErrListenerPromiseRejectedWithoutError
	}
	o, ok := v.(*goja.Object)
	// The class, not the prototype chain: Object.create(Error.prototype) is not an Error to V8.
	if !ok || o.ClassName() != "Error" {
		return fallback
	}
	msg := o.Get("message")
	if msg == nil {
		return ""
	}
	if s, ok := msg.Export().(string); ok {
		return s
	}
	return fallback
}
