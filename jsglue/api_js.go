package jsglue

import (
	"context"
	"syscall/js"
)

// CallAPI calls chrome.<path> (e.g. "tabs.query") with the JSON array argsJSON spread as its
// arguments, waits for its promise under ctx and returns the result as JSON text; ok is false when
// the API resolved undefined. Chrome's error (a thrown invocation error or a rejection) comes back as
// *Error with Chrome's exact text. Arguments and result cross as one JSON string each.
func CallAPI(ctx context.Context, path, argsJSON string) (result string, ok bool, err error) {
	return awaitText(ctx, "_call", path, argsJSON)
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
