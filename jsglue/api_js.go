package jsglue

import (
	"context"
	"errors"
	"syscall/js"
)

// ErrNoGlue reports that extwasm.js has not been evaluated in this JavaScript context.
var ErrNoGlue = errors.New("jsglue: extwasm.js is not loaded (load it after wasm_exec.js)")

// glueCall calls extwasm.internal[method](args...), turning a thrown exception into an error.
func glueCall(method string, args ...any) (js.Value, error) {
	in := js.Global().Get("extwasm")
	if in.Type() == js.TypeObject {
		in = in.Get("internal")
	}
	if in.Type() != js.TypeObject {
		return js.Value{}, ErrNoGlue
	}
	var out js.Value
	err := Try(func() { out = in.Call(method, args...) })
	return out, err
}

// CallAPI calls chrome.<path> (e.g. "tabs.query") with the JSON array argsJSON spread as its
// arguments, waits for its promise under ctx and returns the result as JSON text; ok is false when
// the API resolved undefined. Chrome's error (a thrown invocation error or a rejection) comes back as
// *Error with Chrome's exact text. Arguments and result cross as one JSON string each.
func CallAPI(ctx context.Context, path, argsJSON string) (result string, ok bool, err error) {
	return awaitText(ctx, "_call", path, argsJSON)
}

// CallAPIWithCallback calls chrome.<path> for an API without a promise form
// (contextMenus.create): the JSON array argsJSON, padded to arity arguments, then a callback. It
// waits under ctx for the callback and returns what the call returned as JSON text; Chrome's
// chrome.runtime.lastError in the callback comes back as *Error.
func CallAPIWithCallback(ctx context.Context, path, argsJSON string, arity int) (result string, ok bool, err error) {
	return awaitText(ctx, "_callback", path, argsJSON, arity)
}

// awaitText calls the glue's method, awaits the promise it returns under ctx and gives its JSON
// text; ok is false when it resolved undefined.
func awaitText(ctx context.Context, method string, args ...any) (result string, ok bool, err error) {
	p, err := glueCall(method, args...)
	if err != nil {
		return "", false, err
	}
	v, err := Await(ctx, p)
	if err != nil || v.Type() != js.TypeString {
		return "", false, err
	}
	return v.String(), true, nil
}

// GetAPI returns chrome.<path> as JSON text: a property ("runtime.id"), or a method called with no
// arguments ("runtime.getManifest"). ok is false when the value is undefined.
func GetAPI(path string) (result string, ok bool, err error) {
	v, err := glueCall("_get", path)
	if err != nil || v.Type() != js.TypeString {
		return "", false, err
	}
	return v.String(), true, nil
}

// InvokeAPI calls the synchronous chrome.<path> with the JSON array argsJSON spread as its arguments
// and returns its result as JSON text ("runtime.getURL").
func InvokeAPI(path, argsJSON string) (result string, ok bool, err error) {
	v, err := glueCall("_invoke", path, argsJSON)
	if err != nil || v.Type() != js.TypeString {
		return "", false, err
	}
	return v.String(), true, nil
}

// Subscribe delivers the chrome event name ("alarms.onAlarm") to fn as the JSON array of its
// arguments: first the events the glue buffered since start (for events in start's options.events,
// which can wake a worker), then live ones. fn runs inside a JavaScript callback and must not block.
// stop unsubscribes and releases the callback.
func Subscribe(name string, fn func(argsJSON string)) (stop func(), err error) {
	sink := js.FuncOf(func(_ js.Value, a []js.Value) any {
		fn(arg(a, 0).String())
		return nil
	})
	unsubscribe, err := glueCall("_subscribe", name, sink)
	if err != nil {
		sink.Release()
		return nil, err
	}
	stopped := false
	return func() {
		if stopped {
			return
		}
		stopped = true
		_ = Try(func() { unsubscribe.Invoke() })
		sink.Release()
	}, nil
}
