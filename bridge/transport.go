package bridge

import "context"

// transport is what the bridge needs from a browser. The GOOS=js one talks to extwasm.js through
// jsglue; tests use an in-memory browser. Errors carry Chrome's own texts; the bridge classifies them.
type transport interface {
	selfID() string
	// send delivers a one-time message and returns the reply's JSON text; ok is false when the
	// receivers' promise resolved with undefined (they listened but nobody replied).
	send(ctx context.Context, t Target, msg []byte) (reply []byte, ok bool, err error)
	// tabState reports "missing", "loading" or "complete".
	tabState(ctx context.Context, tabID int) (string, error)
	// connect opens a port; failure shows up later as a portClosed event.
	connect(t Target, name string) (int, error)
	post(port int, msg []byte) error
	disconnect(port int)
	respond(id int, reply []byte)
	// handles publishes which messages this context answers (routes, and raw for non-envelopes);
	// the browser side stays silent on every other message so that another context can answer.
	handles(routes []string, raw bool) error
	// listen installs the inbound hooks and tells the glue Go is ready. Hooks must not block.
	listen(in inbound) error
}

// inbound receives events from the transport.
type inbound struct {
	message     func(id int, external bool, msg, sender []byte)
	connect     func(port int, external bool, name string, sender []byte)
	portMessage func(port int, msg []byte)
	portClosed  func(port int, lastError string)
}
