package memchrome

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// NativeHost models a native messaging host as Chrome sees it: a process that answers each message
// (a new process per one-shot message, one per port), or cannot be launched at all.
type NativeHost struct {
	// LaunchError is Chrome's text (chromefacts) when the host cannot be launched for this
	// extension; "" when it can.
	LaunchError string
	// Handle answers one message from the extension whose origin is caller
	// ("chrome-extension://<id>/", as Chrome passes it to the host). exit means the process ends
	// without replying.
	Handle func(caller string, msg []byte) (reply []byte, exit bool)
}

// AddNativeHost installs host under name.
func (b *Browser) AddNativeHost(name string, host NativeHost) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.natives[name] = host
}

// nativeHost finds the host c may launch, or Chrome's failure text; called with b.mu held.
func (c *Context) nativeHost(name string) (*NativeHost, string) {
	if c.kind == ContentScript || c.kind == WebPage {
		// The APIs do not exist there: calling undefined is a TypeError.
		return nil, "chrome.runtime.sendNativeMessage is not a function"
	}
	h, ok := c.b.natives[name]
	if !ok {
		return nil, chromefacts.ErrNativeHostNotFound
	}
	if h.LaunchError != "" {
		return nil, h.LaunchError
	}
	return &h, ""
}

// callerOrigin is the origin Chrome passes a native host it launches for c.
func (c *Context) callerOrigin() string { return "chrome-extension://" + c.ext + "/" }

func (c *Context) sendNative(ctx context.Context, name string, msg []byte) ([]byte, bool, error) {
	c.b.mu.Lock()
	h, fail := c.nativeHost(name)
	c.b.mu.Unlock()
	if fail != "" {
		return nil, false, errors.New(fail)
	}
	if err := ctx.Err(); err != nil {
		return nil, false, err
	}
	reply, exit := h.Handle(c.callerOrigin(), msg)
	if exit {
		return nil, false, errors.New(chromefacts.ErrNativeHostExited)
	}
	if !json.Valid(reply) {
		// Chrome resolves with undefined when the host's reply is not JSON (item 92).
		return nil, false, nil
	}
	return reply, true, nil
}

func (c *Context) connectNative(name string) (int, error) {
	b := c.b
	b.mu.Lock()
	defer b.mu.Unlock()
	e := c.newPortEnd()
	h, fail := c.nativeHost(name)
	if fail != "" {
		e.closed = true
		c.enqueue(func(in wire.Inbound) { in.PortClosed(e.id, fail) })
		return e.id, nil
	}
	e.native = h
	return e.id, nil
}

// postNative hands a port message to the host; called with b.mu held.
func (c *Context) postNative(e *portEnd, msg []byte) {
	reply, exit := e.native.Handle(c.callerOrigin(), msg)
	if exit {
		e.closed = true
		c.enqueue(func(in wire.Inbound) { in.PortClosed(e.id, chromefacts.ErrNativeHostExited) })
		return
	}
	if json.Valid(reply) {
		c.enqueue(func(in wire.Inbound) { in.PortMessage(e.id, reply) })
	}
}
