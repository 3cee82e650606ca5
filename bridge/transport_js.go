package bridge

import (
	"context"
	"sync"

	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/jsglue"
)

// jsTransport talks to Chrome through extwasm.js.
type jsTransport struct{}

func (jsTransport) SelfID() string { return jsglue.SelfID() }

func (jsTransport) Send(ctx context.Context, t wire.Target, msg []byte) ([]byte, bool, error) {
	var (
		reply string
		ok    bool
		err   error
	)
	switch t.Kind {
	case wire.ToTab:
		reply, ok, err = jsglue.SendTab(ctx, t.Tab, t.Frame, t.DocumentID, string(msg))
	case wire.ToNative:
		reply, ok, err = jsglue.SendNative(ctx, t.Extension, string(msg))
	default:
		reply, ok, err = jsglue.SendMessage(ctx, t.Extension, string(msg))
	}
	return []byte(reply), ok, err
}

func (jsTransport) TabState(ctx context.Context, tabID int) (string, error) {
	return jsglue.TabState(ctx, tabID)
}

func (jsTransport) Connect(t wire.Target, name string) (int, error) {
	switch t.Kind {
	case wire.ToTab:
		return jsglue.ConnectTab(t.Tab, t.Frame, t.DocumentID, name)
	case wire.ToNative:
		return jsglue.ConnectNative(t.Extension)
	default:
		return jsglue.Connect(t.Extension, name)
	}
}

func (jsTransport) Post(port int, msg []byte) error { return jsglue.Post(port, string(msg)) }
func (jsTransport) Disconnect(port int)             { jsglue.Disconnect(port) }
func (jsTransport) Respond(id int, reply []byte)    { _ = jsglue.Respond(id, string(reply)) }

func (jsTransport) Listen(in wire.Inbound) error {
	return jsglue.Ready(jsglue.Hooks{
		Message: func(id int, kind, message, sender string) {
			in.Message(id, kind == jsglue.KindExternal, []byte(message), []byte(sender))
		},
		Connect: func(id int, kind, name, sender string) {
			in.Connect(id, kind == jsglue.KindExternal, name, []byte(sender))
		},
		PortMessage:    func(id int, message string) { in.PortMessage(id, []byte(message)) },
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
