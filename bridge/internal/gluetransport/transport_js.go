package gluetransport

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/jsglue"
)

// ErrNoGlue reports that extwasm.js has not been evaluated in this JavaScript context.
var ErrNoGlue = jsglue.ErrNoGlue

// Channel kinds reported to Hooks: "internal" for runtime.onMessage/onConnect, "external" for
// runtime.onMessageExternal/onConnectExternal, "page" for a request from the page's main world over
// the content script's page-world channel, "userscript" for runtime.onUserScriptMessage and
// onUserScriptConnect.
const (
	KindInternal   = "internal"
	KindExternal   = "external"
	KindPage       = "page"
	KindUserScript = "userscript"
)

// Hooks receive the glue's events. They are called inside JavaScript callbacks and must return
// without blocking; every argument is a plain string or id, JSON where it is a value.
type Hooks struct {
	// Message delivers a one-time message. The receiver must eventually call Respond(id, ...).
	Message func(id int, kind, message, sender string)
	// Connect delivers a port opened by someone else.
	Connect func(id int, kind, name, sender string)
	// PortMessage delivers a message on a port (received or opened).
	PortMessage func(id int, message string)
	// PortOversize tells that a port message was not handed over because its text of size
	// characters is over Table.MaxBytes.Ports.
	PortOversize func(id int, size int)
	// PortDisconnect tells that a port was closed by the other side; lastError is "" when Chrome
	// reported no error.
	PortDisconnect func(id int, lastError string)
}

// glue is the glue's internal object once found. extwasm.js keeps its first instance when it is
// evaluated again, so the object found once serves the context's whole life; looking it up again
// was two property reads, and two finalised js.Values, on every call.
var glue js.Value

func internal() (js.Value, error) {
	if glue.Truthy() {
		return glue, nil
	}
	g := js.Global().Get("extwasm")
	if g.Type() != js.TypeObject {
		return js.Value{}, ErrNoGlue
	}
	in := g.Get("internal")
	if in.Type() != js.TypeObject {
		return js.Value{}, ErrNoGlue
	}
	glue = in
	return in, nil
}

// Call calls the glue's internal method with args, turning a JavaScript exception into an error.
func Call(method string, args ...any) (js.Value, error) {
	in, err := internal()
	if err != nil {
		return js.Value{}, err
	}
	var out js.Value
	err = jsglue.Try(func() { out = in.Call(method, args...) })
	return out, err
}

var hooksFunc js.Func

// Ready installs h and tells the glue that Go is listening: buffered events are delivered now. It
// may be called once per program.
func Ready(h Hooks) error {
	if _, err := internal(); err != nil {
		return err
	}
	if hooksFunc.Truthy() {
		return errors.New("extwasm: Ready called twice")
	}
	hooksFunc = js.FuncOf(func(_ js.Value, a []js.Value) any {
		if len(a) == 2 {
			deliverPacked(h, a[1].Int(), a[0].String())
			return nil
		}
		// The extension frame's glue relays events as (kind, id, a, b, c).
		id := a[1].Int()
		switch a[0].String() {
		case "message":
			h.Message(id, a[2].String(), a[3].String(), a[4].String())
		case "connect":
			h.Connect(id, a[2].String(), a[3].String(), a[4].String())
		case "pmsg":
			h.PortMessage(id, a[2].String())
		case "pbig":
			h.PortOversize(id, a[2].Int())
		case "pdisc":
			h.PortDisconnect(id, a[2].String())
		}
		return nil
	})
	if _, err := Call("_ready", hooksFunc, true); err != nil {
		hooksFunc.Release()
		hooksFunc = js.Func{}
		return err
	}
	return nil
}

// deliverPacked delivers an event the glue packed into one text (its packedHook): the kind and
// the fields joined by newlines, a field that may hold any text last.
func deliverPacked(h Hooks, id int, text string) {
	kind, rest, _ := strings.Cut(text, "\n")
	switch kind {
	case "message":
		chKind, rest, _ := strings.Cut(rest, "\n")
		message, sender, _ := strings.Cut(rest, "\n")
		h.Message(id, chKind, message, sender)
	case "connect":
		chKind, rest, _ := strings.Cut(rest, "\n")
		sender, name, _ := strings.Cut(rest, "\n")
		h.Connect(id, chKind, name, sender)
	case "pmsg":
		h.PortMessage(id, rest)
	case "pbig":
		n, _ := strconv.Atoi(rest)
		h.PortOversize(id, n)
	case "pdisc":
		h.PortDisconnect(id, rest)
	}
}

// Respond answers the one-time message id with JSON text.
func Respond(id int, text string) error {
	_, err := Call("_respond", id, text)
	return err
}

// Post sends JSON text on port id. Chrome's "Attempting to use a disconnected port object" and
// "Could not serialize message." come back as *jsglue.Error.
func Post(id int, text string) error {
	out, err := Call("_post", id, text)
	if err != nil {
		return err
	}
	if msg := out.String(); msg != "" {
		return &jsglue.Error{Name: "Error", Message: msg}
	}
	return nil
}

// Disconnect closes port id. Closing twice is harmless.
func Disconnect(id int) {
	_, _ = Call("_disconnect", id)
}

// Release makes the glue forget port id without posting to it or disconnecting it.
func Release(id int) {
	_, _ = Call("_release", id)
}

// SelfID returns chrome.runtime.id, or "" outside an extension.
func SelfID() string {
	out, err := Call("_selfId")
	if err != nil || out.Type() != js.TypeString {
		return ""
	}
	return out.String()
}

// SendMessage is runtime.sendMessage(extID?, JSON.parse(text)). ok is false when the promise resolved
// with undefined (listeners exist, none replied). extID "" means this extension.
func SendMessage(ctx context.Context, extID, text string) (reply string, ok bool, err error) {
	return awaitText(ctx, "_send", extID, text)
}

// SendTab is tabs.sendMessage(tabID, JSON.parse(text), {frameId, documentId}); frameID < 0 and
// documentID "" leave those options out.
func SendTab(ctx context.Context, tabID, frameID int, documentID, text string) (reply string, ok bool, err error) {
	return awaitText(ctx, "_sendTab", tabID, frameID, documentID, text)
}

// SendNative is runtime.sendNativeMessage(app, JSON.parse(text)).
func SendNative(ctx context.Context, app, text string) (reply string, ok bool, err error) {
	return awaitText(ctx, "_sendNative", app, text)
}

func awaitText(ctx context.Context, method string, args ...any) (string, bool, error) {
	p, err := Call(method, args...)
	if err != nil {
		return "", false, err
	}
	v, err := jsglue.Await(ctx, p)
	if err != nil {
		return "", false, err
	}
	if v.Type() != js.TypeString {
		return "", false, nil
	}
	return v.String(), true, nil
}

// SendPage sends text over the page-world channel and waits for the main world's reply.
func SendPage(ctx context.Context, text string) (reply string, ok bool, err error) {
	return awaitText(ctx, "_sendPage", text)
}

// PageExpect opens the page-world channel for the main-world script that will present nonce. In the
// extension frame the call is a round trip to the content script, which holds the channel.
func PageExpect(ctx context.Context, nonce string) error {
	p, err := Call("_pageExpect", nonce)
	if err != nil {
		return err
	}
	_, err = jsglue.Await(ctx, p)
	return err
}

// PageConnected resolves once the main world has connected with the expected nonce.
func PageConnected(ctx context.Context) error {
	p, err := Call("_pageConnected")
	if err != nil {
		return err
	}
	_, err = jsglue.Await(ctx, p)
	return err
}

// PageClose closes the page-world channel; a new one can then be opened.
func PageClose() {
	_, _ = Call("_pageClose")
}

// TabState reports whether tab tabID is "missing", "loading" or "complete".
func TabState(ctx context.Context, tabID int) (string, error) {
	p, err := Call("_tabState", tabID)
	if err != nil {
		return "", err
	}
	v, err := jsglue.Await(ctx, p)
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

// Connect is runtime.connect(extID?, {name}); it returns the port id. Failure to connect arrives
// later as Hooks.PortDisconnect with Chrome's lastError.
func Connect(extID, name string) (int, error) {
	return portID(Call("_connect", extID, name))
}

// ConnectTab is tabs.connect(tabID, {name, frameId, documentId}).
func ConnectTab(tabID, frameID int, documentID, name string) (int, error) {
	return portID(Call("_connectTab", tabID, frameID, documentID, name))
}

// ConnectNative is runtime.connectNative(app).
func ConnectNative(app string) (int, error) {
	return portID(Call("_connectNative", app))
}

func portID(v js.Value, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	return v.Int(), nil
}

// Table is what this context's Go code answers and how much it accepts, as the glue reads it.
type Table struct {
	Routes []string `json:"routes"`
	Raw    bool     `json:"raw"`
	// RawKeys narrows Raw (and ExternalRaw) to plain objects with one of these top-level keys.
	RawKeys []string `json:"rawKeys,omitempty"`
	// External and ExternalRaw are what it answers on external channels (onMessageExternal): a
	// route that admits no external sender is absent there, so an external caller cannot tell it
	// from one that does not exist.
	External    []string `json:"external"`
	ExternalRaw bool     `json:"externalRaw"`
	// MaxBytes bounds each message's text: the glue refuses a larger one (too_large) without
	// copying it into Go's memory.
	MaxBytes MaxBytes `json:"maxBytes"`
	// Limits are the bounds on what the glue holds (bridge's MaxPendingMessages and the rest).
	Limits Limits `json:"limits"`
}

// MaxBytes is the MaxBytes of each route, of the raw handler and the largest of any port name.
type MaxBytes struct {
	Routes map[string]int `json:"routes"`
	Raw    int            `json:"raw"`
	Ports  int            `json:"ports"`
}

// Limits are the glue's bounds on what senders can make it hold (bridge documents each); the
// glue reads them under the JSON names wire.Limits gives them.
type Limits = wire.Limits

// SetHandles tells the glue which messages this context's Go code answers: envelopes for t.Routes,
// and every other message when t.Raw is set (on external channels, t.External and t.ExternalRaw).
// The glue decides from it, synchronously, whether a listener keeps Chrome's reply channel open;
// for every other message it stays silent so that another context can answer (Chrome keeps the
// first reply).
func SetHandles(t Table) error {
	if t.Routes == nil {
		t.Routes = []string{}
	}
	if t.External == nil {
		t.External = []string{}
	}
	text, err := json.Marshal(t)
	if err != nil {
		return err
	}
	_, err = Call("_handles", string(text))
	return err
}
