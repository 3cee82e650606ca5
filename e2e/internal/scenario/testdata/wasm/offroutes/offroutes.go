// Package offroutes declares the routes and port names of the scenario fixture
// e2e/internal/scenario/testdata/gooffscreen, shared by its Go worker (testdata/wasm/offworker) and
// its Go offscreen document (testdata/wasm/offdoc).
package offroutes

import "github.com/extwasm/extwasm/bridge"

// Page is the offscreen document's path in the fixture.
const Page = "/offscreen.html"

// EchoReq is what the worker asks the offscreen document to echo.
type EchoReq struct {
	Text string `json:"text"`
}

// Seen is an answer with the sender its handler saw, from Chrome.
type Seen struct {
	Text   string        `json:"text"`
	Where  string        `json:"where"`
	Sender bridge.Sender `json:"sender"`
	// Page is Sender.Page(): the sender's path when it is a page of the extension.
	Page string `json:"page"`
}

// Outcome is one call's result: its reply, or its error's code and text.
type Outcome struct {
	Reply *Seen  `json:"reply,omitempty"`
	Code  string `json:"code,omitempty"`
	Error string `json:"error,omitempty"`
}

// Calls is what the offscreen document got when it called the worker's routes and port.
type Calls struct {
	Hello     Outcome   `json:"hello"`
	PopupOnly Outcome   `json:"popupOnly"`
	Port      []Outcome `json:"port"`
}

// Handled in the offscreen document, for the worker.
var (
	// Echo answers with the text and the sender.
	Echo = bridge.NewRoute[EchoReq, Seen]("offscreen.echo")
	// CallWorker makes the document call the worker's routes and its port, and report.
	CallWorker = bridge.NewRoute[struct{}, Calls]("offscreen.callWorker")
)

// DocPort is the port name the document serves: it echoes each message with the port's sender.
const DocPort = "offscreen.port"

// Handled in the worker, for the offscreen document.
var (
	// Hello admits the offscreen document alone (AllowExtensionPages(Page)).
	Hello = bridge.NewRoute[EchoReq, Seen]("worker.hello")
	// PopupOnly admits the popup alone: the offscreen document is refused.
	PopupOnly = bridge.NewRoute[EchoReq, Seen]("worker.popupOnly")
)

// WorkerPort is the port name the worker serves to the offscreen document alone.
const WorkerPort = "worker.port"
