// Package bridge is extwasm's typed messaging API for Go compiled to WebAssembly and running in a
// Chrome (Manifest V3) extension: one-time messages over typed routes, long-lived ports, sender
// policies, strict validation of untrusted input, deadlines, and errors that work with errors.Is/As.
//
// A route names a request and response type:
//
//	var Greet = bridge.NewRoute[GreetReq, GreetResp]("demo.greet")
//
// The receiving side registers handlers and then says it is listening:
//
//	bridge.Handle(Greet, greet, bridge.AllowContentScripts(), bridge.MaxBytes(4<<10))
//	bridge.OnConnect("knockknock", knock, bridge.AllowOwnExtension())
//	bridge.Ready()
//
// and the sending side calls it:
//
//	resp, err := Greet.Send(ctx, bridge.ToExtension(), GreetReq{Name: "gopher"})
//
// # Security
//
// Messages from content scripts, other extensions and web pages are untrusted. Every route and port
// name states who may use it (AllowOwnExtension, AllowExtensionPages, AllowContentScripts,
// AllowOrigins, AllowExtensions, AllowExtensionContentScripts); with no Allow option a route admits
// nobody. AllowExtensionPages names the extension's own pages by path, so a route can admit the
// offscreen document ("/offscreen.html") and not the popup, whose senders Chrome shapes alike. The sender is the MessageSender Chrome supplies, never
// anything in the message. Before a handler runs, the message size, JSON nesting depth, UTF-8, unknown
// fields and the request's Validate method are checked; rejected input gets a typed error reply and
// the handler is not called. A handler panic becomes an "internal" error reply and a log line.
//
// # The page's main world
//
// A content script can talk to a script it injected into its page's main world over a private
// MessageChannel instead of window.postMessage: OpenPageWorld, then routes registered with
// AllowPageWorld for the page world's requests and ToPageWorld for Go's. The page's own scripts share
// that world and can use the channel as the injected script does: treat what it brings as the
// page's (see OpenPageWorld and the README's threat model).
//
// # Delivery
//
// Every call that waits takes a context.Context; without a deadline, DefaultTimeout applies.
// A tab that is still loading (its content script not injected yet) is retried until the deadline;
// a missing tab or a receiver that went away is reported at once (ErrNoReceiver, ErrDisconnected).
// The JavaScript glue (extwasm.js) registers Chrome's listeners synchronously and buffers until Ready,
// so messages that wake a service worker are not lost. What senders can make a context hold is
// bounded (MaxPendingMessages and the rest): past a bound that sender gets ErrBusy. A receiver
// whose module cannot start (a missing or corrupt .wasm, Go exiting or panicking before Ready) or
// stopped answers at once with ErrUnavailable and the reason, not at the sender's deadline.
//
// A context answers only the messages it handles (a registered route, or a non-envelope message its
// HandleRaw handler claims: every one, or those with a top-level key of RawKeys) and stays silent on
// the rest, so that another context of the extension — a plain-JS popup or offscreen page — can
// answer them: Chrome keeps the first reply. A sender gets ErrNoReceiver when no context answers.
// While Go starts, the glue decides from the routes and raw keys the worker script declares in
// extwasm.start's options. A port whose name has no OnConnect handler is left alone (no message, no
// disconnect) for the same reason: another context may take it.
//
// # Testing
//
// The package works in GOOS=js programs; on other platforms the calls return ErrUnsupported. Package
// bridgetest runs handlers and callers natively in an in-memory browser with Chrome's sender
// semantics and error texts, so they are unit-tested with go test, no wasm involved.
package bridge
