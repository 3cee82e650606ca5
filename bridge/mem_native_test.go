package bridge

import (
	"context"
	"encoding/json"
	"errors"
)

// Chrome's native-messaging error texts (conformance item 91).
const (
	errNativeNotFound  = "Specified native messaging host not found."
	errNativeForbidden = "Access to the specified native messaging host is forbidden."
	errNativeExited    = "Native host has exited."
	errNativeStart     = "Failed to start native messaging host."
	errNativeComm      = "Error when communicating with the native messaging host."
)

// memNativeHost models a native messaging host as Chrome sees it: a process that answers each
// message (a new process per one-shot message, one per port), or cannot be launched at all.
type memNativeHost struct {
	// launchErr is Chrome's text when the host cannot be launched for this extension.
	launchErr string
	// handle answers one message. exit means the process ends without replying.
	handle func(msg []byte) (reply []byte, exit bool)
}

func (b *memBrowser) addNative(name string, h *memNativeHost) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.natives[name] = h
}

func (t *memTransport) nativeHost(name string) (*memNativeHost, string) {
	if t.kind == kindContent || t.kind == kindWebPage {
		return nil, "chrome.runtime.sendNativeMessage is not a function"
	}
	h := t.b.natives[name]
	if h == nil {
		return nil, errNativeNotFound
	}
	if h.launchErr != "" {
		return nil, h.launchErr
	}
	return h, ""
}

func (t *memTransport) sendNative(ctx context.Context, name string, msg []byte) ([]byte, bool, error) {
	t.b.mu.Lock()
	h, fail := t.nativeHost(name)
	t.b.mu.Unlock()
	if fail != "" {
		return nil, false, errors.New(fail)
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	reply, exit := h.handle(msg)
	if exit {
		return nil, false, errors.New(errNativeExited)
	}
	if !json.Valid(reply) {
		// Chrome resolves with undefined when the host's reply is not JSON (item 92).
		return nil, false, nil
	}
	return reply, true, nil
}

func (t *memTransport) connectNative(name string) (int, error) {
	b := t.b
	b.mu.Lock()
	defer b.mu.Unlock()
	b.nextID++
	e := &memEnd{t: t, id: b.nextID}
	t.ports[e.id] = e
	h, fail := t.nativeHost(name)
	if fail != "" {
		e.closed = true
		t.enqueue(func(in inbound) { in.portClosed(e.id, fail) })
		return e.id, nil
	}
	e.native = h
	return e.id, nil
}

// postNative hands a port message to the host; called with b.mu held.
func (t *memTransport) postNative(e *memEnd, msg []byte) {
	reply, exit := e.native.handle(msg)
	if exit {
		e.closed = true
		t.enqueue(func(in inbound) { in.portClosed(e.id, errNativeExited) })
		return
	}
	if json.Valid(reply) {
		t.enqueue(func(in inbound) { in.portMessage(e.id, reply) })
	}
}
