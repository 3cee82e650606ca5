// Package wire is the boundary between package bridge and a browser: the Transport a bridge
// endpoint talks through, the events a browser delivers to it, and the hook through which package
// bridgetest runs endpoints on an in-memory browser instead of Chrome. It is internal so that
// bridge's public API stays what extension code calls.
package wire

import "context"

// TargetKind says which Chrome API a message or port goes through.
type TargetKind int

// The kinds of Target.
const (
	// ToExtension is runtime.sendMessage/connect to the sender's own extension.
	ToExtension TargetKind = iota
	// ToTab is tabs.sendMessage/connect to content scripts in a tab.
	ToTab
	// ToOtherExtension is runtime.sendMessage/connect with another extension's ID.
	ToOtherExtension
	// ToNative is runtime.sendNativeMessage/connectNative.
	ToNative
	// ToPageWorld is the content script's private channel to its page's main world.
	ToPageWorld
)

// Target is where a message or port goes.
type Target struct {
	Kind TargetKind
	// Extension is the other extension's ID (ToOtherExtension) or the native host's name (ToNative).
	Extension string
	Tab       int
	// Frame is a frame ID, or -1 for every frame of the tab.
	Frame int
	// DocumentID limits delivery to one document; "" means any.
	DocumentID string
}

// Tab states, as Transport.TabState reports them.
const (
	TabMissing  = "missing"
	TabLoading  = "loading"
	TabComplete = "complete"
)

// Transport is what a bridge endpoint needs from a browser. Errors carry Chrome's own texts
// (package chromefacts); the bridge classifies them.
type Transport interface {
	// SelfID is the ID of the extension the context belongs to; "" for a web page.
	SelfID() string
	// Send delivers a one-time message and returns the reply's JSON text; ok is false when the
	// receivers' promise resolved with undefined (they listened but nobody replied).
	Send(ctx context.Context, t Target, msg []byte) (reply []byte, ok bool, err error)
	// TabState reports TabMissing, TabLoading or TabComplete.
	TabState(ctx context.Context, tabID int) (string, error)
	// Connect opens a port; a failure shows up later as a PortClosed event.
	Connect(t Target, name string) (int, error)
	Post(port int, msg []byte) error
	Disconnect(port int)
	// Release forgets a port the endpoint leaves alone (a name it has no handler for): no message,
	// no disconnect, so another receiver can keep the channel, which an explicit disconnect by any
	// receiver would end for all. The opener's port stays open until a receiver takes or ends it.
	Release(port int)
	// Respond answers the one-time message id that Inbound.Message delivered.
	Respond(id int, reply []byte)
	// Handles publishes which messages the endpoint answers (envelopes of routes, and every other
	// message when raw is set) and how much it accepts; the browser side stays silent on the rest so
	// that another context can answer (Chrome keeps the first reply), and refuses what is over a
	// bound before handing it over.
	Handles(t Table) error
	// Listen installs the inbound hooks and tells the browser the endpoint is ready: events held
	// until now are delivered. Hooks must not block.
	Listen(in Inbound) error
}

// Table is what an endpoint answers and how much it accepts: envelopes of Routes, and every
// other message when Raw is set (or those with one of RawKeys). On external channels (another extension, a web page) it answers
// only envelopes of External and, when ExternalRaw is set, other messages: a route that admits no
// external sender does not exist there.
type Table struct {
	Routes      []string
	Raw         bool
	External    []string
	ExternalRaw bool
	// RawKeys, when set, narrows Raw and ExternalRaw to plain objects with at least one of these
	// top-level keys: other messages are left to other contexts.
	RawKeys []string
	// RouteMaxBytes is each route's MaxBytes; RawMaxBytes the raw handler's; PortMaxBytes the
	// largest MaxBytes of any port name (a message over it is not handed over, only its size).
	RouteMaxBytes map[string]int
	RawMaxBytes   int
	PortMaxBytes  int
	Limits        Limits
}

// Limits are the bounds on what senders can make the endpoint hold (bridge.MaxPendingMessages and
// the rest).
type Limits struct {
	PendingMessages int `json:"pendingMessages"`
	PendingBytes    int `json:"pendingBytes"`
	PortQueue       int `json:"portQueue"`
	PortQueueBytes  int `json:"portQueueBytes"`
	OpenPorts       int `json:"openPorts"`
}

// Inbound receives events from a Transport. External is true for messages and ports from another
// extension or a web page (runtime.onMessageExternal, onConnectExternal); sender is Chrome's
// MessageSender as JSON.
type Inbound struct {
	Message     func(id int, external bool, msg, sender []byte)
	Connect     func(port int, external bool, name string, sender []byte)
	PortMessage func(port int, msg []byte)
	// PortOversize reports a port message that the browser side did not hand over because its
	// text of size characters is over Table.PortMaxBytes.
	PortOversize func(port int, size int)
	PortClosed   func(port int, lastError string)
	// PageMessage delivers a request from the page's main world over a content script's
	// page-world channel; sender is what the content script knows of its frame ({url, origin}).
	PageMessage func(id int, msg, sender []byte)
	// UserScriptMessage and UserScriptConnect receive what a user script (chrome.userScripts, in
	// a world with messaging) sends: Chrome fires runtime.onUserScriptMessage and
	// onUserScriptConnect for it, never onMessage or onConnect, and gives it the sender of a
	// content script, so the channel is all that tells it apart. Nil drops them, refused.
	UserScriptMessage func(id int, msg, sender []byte)
	UserScriptConnect func(port int, name string, sender []byte)
}

// Endpoint is a bridge endpoint running on a Transport: one JavaScript context's messaging.
type Endpoint interface {
	// Context returns ctx carrying the endpoint: bridge calls given it (Route.Send, Connect, …) act
	// from this endpoint.
	Context(ctx context.Context) context.Context
	// Run runs fn with this endpoint as the program's own: bridge's package-level registration
	// (Handle, HandleRaw, OnConnect, Ready) acts on it while fn runs. Runs are serialised
	// process-wide.
	Run(fn func())
}

// NewEndpoint makes a bridge endpoint on tr; logf receives the bridge's log lines. Package bridge
// sets it when it initialises.
var NewEndpoint func(tr Transport, logf func(format string, args ...any)) Endpoint
