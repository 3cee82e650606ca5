// Package chrome holds what the typed chrome.* packages share: the error a Chrome API call returns
// and the error every call returns outside a browser. The APIs themselves are in its sub-packages:
//
//	chrome/tabs       tabs.query, get, create, update, reload, remove and the tabs events
//	chrome/storage    chrome.storage's local, session and sync areas, typed, and onChanged
//	chrome/alarms     chrome.alarms on Chrome's (or hostsim's virtual) clock, and onAlarm
//	chrome/extension  the extension's id, URLs, manifest and runtime.onInstalled
//
// Every call that waits takes a context.Context. Chrome's errors come back as *Error carrying
// Chrome's exact text. Events are Go callbacks, called one at a time in the order Chrome fired
// them, on a goroutine of their own (a callback may block and call other APIs).
//
// # Events that wake a service worker
//
// Chrome wakes a stopped worker for an event only if a listener for it was registered during the
// worker script's first evaluation, which is over before Go runs. So the worker's script names those
// events in the glue's start call, and the glue registers them at once and keeps them until Go
// subscribes:
//
//	importScripts('wasm_exec.js', 'extwasm.js');
//	extwasm.start('worker.wasm', {events: ['alarms.onAlarm', 'storage.onChanged']});
//
// Only list events the Go code listens to: each one makes Chrome start the worker when it fires.
// Go subscribes before bridge.Ready (which must be called even by a worker without routes); events
// listed but not subscribed to by then are dropped with a console warning.
//
// # Crossing the boundary
//
// Arguments and results cross between Go and JavaScript as one JSON string each (encoding/json on
// the Go side), not through github.com/norunners/vert's reflection over js.Value. The choice, per
// direction, from BenchmarkDecodeTab and BenchmarkEncodeTab in package jsglue (a Tab, under Node):
//
//   - Call arguments (QueryInfo, CreateProperties, storage items): JSON, measured 2–3× faster than
//     vert.ValueOf, and it keeps omitempty, which vert's js tags do not have.
//   - Results and event arguments (Tab, Alarm, storage changes): JSON. vert's AssignTo was a draw
//     within the noise on one Tab, but the glue already holds each result as JSON text (one crossing
//     whatever its size, where vert crosses once per field), and storage's strict decoding
//     (internal/envelope) needs the JSON text to see keys exactly as JavaScript wrote them.
//
// vert's known limits would also bite here: ValueOf([]byte) makes an Array, not a Uint8Array, and
// time.Time becomes {}.
package chrome

import "errors"

// ErrUnsupported is returned by every call outside a GOOS=js program.
var ErrUnsupported = errors.New("chrome: no browser here (GOOS=js only)")

// Error is a Chrome API call's error: Call names the API ("tabs.get") and Message is Chrome's exact
// text ("No tab with id: 7.").
type Error struct {
	Call    string
	Message string
}

// Error returns "<call>: <Chrome's text>".
func (e *Error) Error() string { return e.Call + ": " + e.Message }
