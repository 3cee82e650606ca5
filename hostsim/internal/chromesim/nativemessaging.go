package chromesim

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
	"github.com/extwasm/extwasm/hostsim/internal/nativesim"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// nativeSettle is how much real time the run loop gives a running host process to answer before
// it lets virtual time jump to the next timer: a prompt host is then seen to answer at once,
// whatever the machine's load, and a silent one (an idle port) holds the clock only this long.
const nativeSettle = 500 * time.Millisecond

// nativeIdleWait is how long, in real time, a wait with nothing left but running host processes
// waits for one of them before it gives up as idle.
const nativeIdleWait = 30 * time.Second

// nativeCall is one sendNativeMessage request or connectNative port of a context.
type nativeCall struct {
	id   int
	ctx  *Context
	conn *nativesim.Conn
	port bool
	lane time.Duration
}

// RegisterNativeHost makes a host written in Go reachable as name by the extensions whose
// origins ("chrome-extension://<id>/") are listed. It is found before any manifest directory.
func (b *Browser) RegisterNativeHost(name string, allowedOrigins []string, f nativesim.HostFunc) error {
	return b.native.RegisterFunc(name, allowedOrigins, f)
}

// nativeRequest is the part of a native messaging request that comes from the caller.
func (b *Browser) nativeRequest(c *Context) nativesim.Request {
	return nativesim.Request{ExtensionID: c.ext.id, Manifest: c.ext.man}
}

// sendNativeMessage is runtime.sendNativeMessage from c, after argument parsing.
func (b *Browser) sendNativeMessage(c *Context, host, msg string) int {
	b.nextChan++
	nc := &nativeCall{id: b.nextChan, ctx: c}
	req := b.nativeRequest(c)
	req.Host = host
	b.Transcript.add(Entry{Channel: nc.label(), Kind: "runtime.sendNativeMessage", From: c.name, To: host, Payload: msg})
	conn, err := b.native.SendNativeMessage(req, json.RawMessage(msg), func(ev nativesim.Event) { b.nativeEvent(nc, ev) })
	if err != nil {
		b.nativeFail(nc, err)
		return nc.id
	}
	nc.conn = conn
	b.nativeCalls[nc.id] = nc
	return nc.id
}

// connectNative is runtime.connectNative from c; it returns the port's id.
func (b *Browser) connectNative(c *Context, host string) int {
	b.nextChan++
	nc := &nativeCall{id: b.nextChan, ctx: c, port: true}
	req := b.nativeRequest(c)
	req.Host = host
	b.Transcript.add(Entry{Channel: nc.label(), Kind: "runtime.connectNative", From: c.name, To: host})
	conn, err := b.native.ConnectNative(req, func(ev nativesim.Event) { b.nativeEvent(nc, ev) })
	if err != nil {
		b.nativeFail(nc, err)
		return nc.id
	}
	nc.conn = conn
	b.nativeCalls[nc.id] = nc
	if c.kind == Worker {
		// An open native port keeps the worker alive with no timeout (conformance 93).
		c.ext.keep.hold(b, nc)
	}
	return nc.id
}

func (nc *nativeCall) label() string {
	if nc.port {
		return "native#" + strconv.Itoa(nc.id)
	}
	return "nativemsg#" + strconv.Itoa(nc.id)
}

// nativeFail reports a launch failure the way Chrome does: after the call returns, as the
// request's error or the port's onDisconnect lastError.
func (b *Browser) nativeFail(nc *nativeCall, err error) {
	text := err.Error()
	var ne *nativesim.Error
	if !errors.As(err, &ne) {
		// A closed registry or a model bug; the extension sees Chrome's generic failure.
		text = chromefacts.ErrNativeHostStartFailed
	}
	b.nativeEvent(nc, nativesim.Event{Final: true, Err: &nativesim.Error{Message: text}})
}

// nativeEvent turns what a host did into a task of the calling context.
func (b *Browser) nativeEvent(nc *nativeCall, ev nativesim.Event) {
	c := nc.ctx
	if ev.Final {
		b.endNative(nc)
	}
	outcome := ""
	switch {
	case ev.Err != nil:
		outcome = "lastError: " + ev.Err.Error()
	case ev.Malformed:
		outcome = "dropped: " + chromefacts.ErrMalformedJSONMessage
	}
	b.Transcript.add(Entry{Channel: nc.label(), Kind: "native", From: nativeHostName(nc), To: c.name, Payload: string(ev.Message), Outcome: outcome})
	b.hop(&nc.lane, c.realm, func() {
		if c.dead || c.invalid {
			return
		}
		if ev.Malformed {
			c.realm.ReportError(errors.New(chromefacts.ErrMalformedJSONMessage))
		}
		var err error
		switch {
		case nc.port && ev.Err != nil:
			_, err = c.call("portDisconnected", nc.id, ev.Err.Error())
		case nc.port && ev.Final:
			_, err = c.call("portDisconnected", nc.id, nil)
		case nc.port && !ev.Malformed:
			if c.kind == Worker {
				c.ext.keep.activity(b)
			}
			_, err = c.call("portMessage", nc.id, string(ev.Message))
		case nc.port:
		case ev.Err != nil:
			_, err = c.call("settle", nc.id, "error", ev.Err.Error())
		case ev.Malformed:
			// A malformed reply still answers the call, with undefined (conformance 92).
			_, err = c.call("settle", nc.id, "undefined", "")
		default:
			_, err = c.call("settle", nc.id, "ok", string(ev.Message))
		}
		if err != nil {
			c.realm.ReportError(err)
		}
	})
}

func nativeHostName(nc *nativeCall) string {
	if nc.conn == nil {
		return "native host"
	}
	return nc.conn.HostName()
}

// endNative forgets a call whose host side is over.
func (b *Browser) endNative(nc *nativeCall) {
	if b.nativeCalls[nc.id] != nc {
		return
	}
	delete(b.nativeCalls, nc.id)
	if nc.port && nc.ctx.kind == Worker {
		nc.ctx.ext.keep.unhold(b, nc)
	}
}

// nativePost is port.postMessage on a native port; it reports whether id is one.
// isNativePort reports whether id is a port to a native host.
func (b *Browser) isNativePort(id int) bool {
	nc := b.nativeCalls[id]
	return nc != nil && nc.port
}

func (b *Browser) nativePost(c *Context, id int, msg string) bool {
	nc := b.nativeCalls[id]
	if nc == nil || !nc.port || nc.ctx != c {
		return false
	}
	b.Transcript.add(Entry{Channel: nc.label(), Kind: "post", From: c.name, To: nativeHostName(nc), Payload: msg})
	if c.kind == Worker {
		c.ext.keep.activity(b)
	}
	// Too large a message was refused by serialization already; a host that is gone drops it.
	_ = nc.conn.Send(json.RawMessage(msg))
	return true
}

// nativeDisconnect is port.disconnect() on a native port; it reports whether id is one.
func (b *Browser) nativeDisconnect(c *Context, id int) bool {
	nc := b.nativeCalls[id]
	if nc == nil || !nc.port || nc.ctx != c {
		return false
	}
	b.Transcript.add(Entry{Channel: nc.label(), Kind: "disconnect", From: c.name})
	nc.conn.Close()
	b.endNative(nc)
	return true
}

// nativeContextGone closes the native ports and abandons the requests of a context that ended.
func (b *Browser) nativeContextGone(c *Context) {
	for _, id := range sortedIDs(b.nativeCalls) {
		if nc := b.nativeCalls[id]; nc != nil && nc.ctx == c {
			nc.conn.Close()
			b.endNative(nc)
		}
	}
}

// pumpNative hands queued host events to the browser; it reports whether there were any.
func (b *Browser) pumpNative() bool { return b.native.Dispatch() > 0 }

// waitNative waits, in real time and at most d, for a running host to do something. It reports
// whether something arrived.
func (b *Browser) waitNative(ctx context.Context, d time.Duration) bool {
	if b.native.InFlight() == 0 {
		return b.native.Pending()
	}
	wctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return b.native.Wait(wctx) == nil
}

// nativeNatives adds sendNativeMessage and connectNative to a privileged context's natives.
func (c *Context) nativeNatives(set func(string, any)) {
	vm := c.realm.VM
	set("sendNativeMessage", func(call goja.FunctionCall) goja.Value {
		a, err := apiargs.ParseSendNativeMessage(vm, call.Arguments)
		if err != nil {
			return c.invocationFailure(err)
		}
		// Native messaging is always JSON, whatever the extension's message_serialization.
		msg, err := chromejson.Serialize(vm, a.Message)
		if err != nil {
			return c.thrown("TypeError", apiargs.RuntimeSendNativeMessageMethod.Error(err.Error()).Error())
		}
		c.touch()
		return c.request(c.b.sendNativeMessage(c, a.Application, msg), a.Callback)
	})
	set("connectNative", func(call goja.FunctionCall) goja.Value {
		host, err := apiargs.ParseConnectNative(vm, call.Arguments)
		if err != nil {
			return c.invocationFailure(err)
		}
		c.touch()
		return c.portResult(c.b.connectNative(c, host), "")
	})
}
