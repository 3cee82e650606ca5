package bridge

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/extwasm/extwasm/bridge/internal/gluetransport"
	"github.com/extwasm/extwasm/bridge/internal/wire"
)

// jsTransport talks to Chrome through extwasm.js.
type jsTransport struct{}

// selfID caches chrome.runtime.id, which never changes while a context lives: the sender policy
// reads it for every message, and each read was a call into JavaScript.
var selfID atomic.Value // string, once known

func (jsTransport) SelfID() string {
	if id, _ := selfID.Load().(string); id != "" {
		return id
	}
	id := gluetransport.SelfID()
	if id != "" {
		selfID.Store(id)
	}
	return id
}

func (jsTransport) Send(ctx context.Context, t wire.Target, msg []byte) ([]byte, bool, error) {
	var (
		reply string
		ok    bool
		err   error
	)
	switch t.Kind {
	case wire.ToTab:
		reply, ok, err = gluetransport.SendTab(ctx, t.Tab, t.Frame, t.DocumentID, string(msg))
	case wire.ToNative:
		reply, ok, err = gluetransport.SendNative(ctx, t.Extension, string(msg))
	case wire.ToPageWorld:
		reply, ok, err = gluetransport.SendPage(ctx, string(msg))
	default:
		reply, ok, err = gluetransport.SendMessage(ctx, t.Extension, string(msg))
	}
	return []byte(reply), ok, err
}

func (jsTransport) TabState(ctx context.Context, tabID int) (string, error) {
	return gluetransport.TabState(ctx, tabID)
}

func (jsTransport) Connect(t wire.Target, name string) (int, error) {
	switch t.Kind {
	case wire.ToTab:
		return gluetransport.ConnectTab(t.Tab, t.Frame, t.DocumentID, name)
	case wire.ToNative:
		return gluetransport.ConnectNative(t.Extension)
	default:
		return gluetransport.Connect(t.Extension, name)
	}
}

func (jsTransport) Post(port int, msg []byte) error { return gluetransport.Post(port, string(msg)) }
func (jsTransport) Disconnect(port int)             { gluetransport.Disconnect(port) }
func (jsTransport) Release(port int)                { gluetransport.Release(port) }
func (jsTransport) Respond(id int, reply []byte)    { _ = gluetransport.Respond(id, string(reply)) }

func (jsTransport) Handles(t wire.Table) error {
	return gluetransport.SetHandles(gluetransport.Table{
		Routes: t.Routes, Raw: t.Raw, RawKeys: t.RawKeys, External: t.External, ExternalRaw: t.ExternalRaw,
		MaxBytes: gluetransport.MaxBytes{Routes: t.RouteMaxBytes, Raw: t.RawMaxBytes, Ports: t.PortMaxBytes},
		Limits:   t.Limits,
	})
}

func (jsTransport) Listen(in wire.Inbound) error {
	return gluetransport.Ready(gluetransport.Hooks{
		Message: func(id int, kind, message, sender string) {
			if kind == gluetransport.KindPage {
				in.PageMessage(id, []byte(message), []byte(sender))
				return
			}
			if kind == gluetransport.KindUserScript {
				in.UserScriptMessage(id, []byte(message), []byte(sender))
				return
			}
			in.Message(id, kind == gluetransport.KindExternal, []byte(message), []byte(sender))
		},
		Connect: func(id int, kind, name, sender string) {
			if kind == gluetransport.KindUserScript {
				in.UserScriptConnect(id, name, []byte(sender))
				return
			}
			in.Connect(id, kind == gluetransport.KindExternal, name, []byte(sender))
		},
		PortMessage:    func(id int, message string) { in.PortMessage(id, []byte(message)) },
		PortOversize:   in.PortOversize,
		PortDisconnect: func(id int, lastError string) { in.PortClosed(id, lastError) },
	})
}

var (
	stdOnce sync.Once
	stdEP   *endpoint
)

func std() (*endpoint, error) {
	stdOnce.Do(func() { stdEP = newEndpoint(jsTransport{}) })
	return stdEP, nil
}
