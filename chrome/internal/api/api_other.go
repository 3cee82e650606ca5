//go:build !js

package api

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"github.com/extwasm/extwasm/chrome"
)

// Backend answers the calls of a native (not GOOS=js) program: package chrometest installs its
// fake browser here for the length of a test. Arguments and results cross as JSON, as they do in
// the browser, so a fake sees exactly what Chrome would.
type Backend interface {
	// Call answers chrome.<path>(args...) with its result's JSON (nil: undefined). An error
	// that is a *chrome.Error is Chrome's error.
	Call(ctx context.Context, path string, args []json.RawMessage) (json.RawMessage, error)
	// Get answers the property chrome.<path>.
	Get(path string) (json.RawMessage, error)
	// Listen adds fn as a listener of the event name until stop is called.
	Listen(name string, fn func(args []json.RawMessage)) (stop func(), err error)
}

var (
	backendMu sync.RWMutex
	backend   Backend
)

// SetBackend installs b (nil: none) and returns the one it replaces.
func SetBackend(b Backend) (previous Backend) {
	backendMu.Lock()
	defer backendMu.Unlock()
	previous, backend = backend, b
	return previous
}

func current() Backend {
	backendMu.RLock()
	defer backendMu.RUnlock()
	return backend
}

func call(ctx context.Context, path string, args []any) (json.RawMessage, error) {
	b := current()
	if b == nil {
		return nil, chrome.ErrUnsupported
	}
	raw := make([]json.RawMessage, len(args))
	for i, a := range args {
		data, err := json.Marshal(a)
		if err != nil {
			return nil, err
		}
		raw[i] = data
	}
	out, err := b.Call(ctx, path, raw)
	var ce *chrome.Error
	if errors.As(err, &ce) && ce.Call == "" {
		return nil, &chrome.Error{Call: path, Message: ce.Message}
	}
	return out, err
}

func decode(data json.RawMessage, out any) error {
	if out == nil || len(data) == 0 {
		return nil
	}
	return json.Unmarshal(data, out)
}

// Call is chrome.<path>(args...) answered by the installed Backend; without one it returns
// chrome.ErrUnsupported.
func Call(ctx context.Context, path string, out any, args ...any) error {
	data, err := call(ctx, path, args)
	if err != nil {
		return err
	}
	return decode(data, out)
}

// CallWithCallback is Call for an API without a promise form; the fake sees the arguments
// without the callback.
func CallWithCallback(ctx context.Context, path string, _ int, out any, args ...any) error {
	return Call(ctx, path, out, args...)
}

// CallRaw is Call returning the result's JSON text ("" for undefined).
func CallRaw(ctx context.Context, path string, args ...any) ([]byte, error) {
	data, err := call(ctx, path, args)
	return data, err
}

// Get is the property chrome.<path> answered by the installed Backend.
func Get(path string, out any) error {
	b := current()
	if b == nil {
		return chrome.ErrUnsupported
	}
	data, err := b.Get(path)
	if err != nil {
		return err
	}
	return decode(data, out)
}

// Invoke is the synchronous chrome.<path>(args...) answered by the installed Backend.
func Invoke(path string, out any, args ...any) error {
	return Call(context.Background(), path, out, args...)
}

// Listen adds fn to the event name of the installed Backend.
func Listen(name string, fn func([]json.RawMessage)) (func(), error) {
	b := current()
	if b == nil {
		return nil, chrome.ErrUnsupported
	}
	return b.Listen(name, fn)
}
