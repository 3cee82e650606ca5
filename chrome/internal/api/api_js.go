package api

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/extwasm/extwasm/chrome"
	"github.com/extwasm/extwasm/jsglue"
)

// Call calls chrome.<path>(args...) and decodes its result into out (nil: ignored). A result of
// undefined leaves out unchanged.
func Call(ctx context.Context, path string, out any, args ...any) error {
	return call(path, out, args, func(argsJSON string) (string, bool, error) {
		return jsglue.CallAPI(ctx, path, argsJSON)
	})
}

// CallWithCallback calls chrome.<path>(args..., callback) for an API without a promise form,
// the arguments padded to arity, and decodes what the call returned into out once the callback
// ran (chrome.runtime.lastError is the error).
func CallWithCallback(ctx context.Context, path string, arity int, out any, args ...any) error {
	return call(path, out, args, func(argsJSON string) (string, bool, error) {
		return jsglue.CallAPIWithCallback(ctx, path, argsJSON, arity)
	})
}

// call marshals args, makes the call with their JSON, and decodes its result into out (nil:
// ignored; a result of undefined leaves out unchanged).
func call(path string, out any, args []any, do func(argsJSON string) (string, bool, error)) error {
	argsJSON, err := json.Marshal(args)
	if err != nil {
		return err
	}
	text, ok, err := do(string(argsJSON))
	if err != nil {
		return chromeError(path, err)
	}
	if out == nil || !ok {
		return nil
	}
	return json.Unmarshal([]byte(text), out)
}

// CallRaw is Call returning the result's JSON text ("" for undefined), for strict decoding.
func CallRaw(ctx context.Context, path string, args ...any) ([]byte, error) {
	argsJSON, err := json.Marshal(args)
	if err != nil {
		return nil, err
	}
	text, _, err := jsglue.CallAPI(ctx, path, string(argsJSON))
	if err != nil {
		return nil, chromeError(path, err)
	}
	return []byte(text), nil
}

// Get decodes chrome.<path> (a property, or a method called with no arguments) into out.
func Get(path string, out any) error {
	text, ok, err := jsglue.GetAPI(path)
	if err != nil {
		return chromeError(path, err)
	}
	if !ok {
		return nil
	}
	return json.Unmarshal([]byte(text), out)
}

// Invoke calls the synchronous chrome.<path>(args...) and decodes its result into out.
func Invoke(path string, out any, args ...any) error {
	argsJSON, err := json.Marshal(args)
	if err != nil {
		return err
	}
	text, ok, err := jsglue.InvokeAPI(path, string(argsJSON))
	if err != nil {
		return chromeError(path, err)
	}
	if !ok {
		return nil
	}
	return json.Unmarshal([]byte(text), out)
}

// Listen calls fn with the arguments of each firing of the chrome event name, in order, on a
// goroutine (see jsglue.Subscribe for the events the glue buffered while Go started).
func Listen(name string, fn func(args []json.RawMessage)) (stop func(), err error) {
	q := &queue{fn: fn}
	stop, err = jsglue.Subscribe(name, func(argsJSON string) {
		var args []json.RawMessage
		if json.Unmarshal([]byte(argsJSON), &args) == nil {
			q.push(args)
		}
	})
	if err != nil {
		return nil, chromeError(name, err)
	}
	return stop, nil
}

func chromeError(path string, err error) error {
	var je *jsglue.Error
	if errors.As(err, &je) {
		return &chrome.Error{Call: path, Message: je.Message}
	}
	return err
}
