package bridge

import (
	"context"
	"sync"

	"github.com/extwasm/extwasm/jsglue"
)

// jsTransport talks to Chrome through extwasm.js.
type jsTransport struct{}

func (jsTransport) selfID() string { return jsglue.SelfID() }

func (jsTransport) send(ctx context.Context, t Target, msg []byte) ([]byte, bool, error) {
	var (
		reply string
		ok    bool
		err   error
	)
	switch t.kind {
	case targetTab:
		reply, ok, err = jsglue.SendTab(ctx, t.tab, t.frame, t.doc, string(msg))
	case targetNative:
		reply, ok, err = jsglue.SendNative(ctx, t.ext, string(msg))
	default:
		reply, ok, err = jsglue.SendMessage(ctx, t.ext, string(msg))
	}
	return []byte(reply), ok, err
}

func (jsTransport) tabState(ctx context.Context, tabID int) (string, error) {
	return jsglue.TabState(ctx, tabID)
}

func (jsTransport) connect(t Target, name string) (int, error) {
	switch t.kind {
	case targetTab:
		return jsglue.ConnectTab(t.tab, t.frame, t.doc, name)
	case targetNative:
		return jsglue.ConnectNative(t.ext)
	default:
		return jsglue.Connect(t.ext, name)
	}
}

func (jsTransport) post(port int, msg []byte) error { return jsglue.Post(port, string(msg)) }
func (jsTransport) disconnect(port int)             { jsglue.Disconnect(port) }
func (jsTransport) respond(id int, reply []byte)    { _ = jsglue.Respond(id, string(reply)) }

func (jsTransport) handles(routes []string, raw bool) error { return jsglue.SetHandles(routes, raw) }

func (jsTransport) listen(in inbound) error {
	return jsglue.Ready(jsglue.Hooks{
		Message: func(id int, kind, message, sender string) {
			in.message(id, kind == jsglue.KindExternal, []byte(message), []byte(sender))
		},
		Connect: func(id int, kind, name, sender string) {
			in.connect(id, kind == jsglue.KindExternal, name, []byte(sender))
		},
		PortMessage:    func(id int, message string) { in.portMessage(id, []byte(message)) },
		PortDisconnect: func(id int, lastError string) { in.portClosed(id, lastError) },
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
