// Package chrome holds what the typed chrome.* packages share: the error a Chrome API call returns,
// the error every call returns outside a browser, and Union. The APIs themselves are its
// sub-packages, one per namespace an MV3 extension can use, generated from Chrome's API schema
// (internal/chromeschema, extracted from Google's chrome-types) by chrome/internal/gen:
//
//	chrome/action          the toolbar button: badge, title, popup, onClicked
//	chrome/contextmenus    context-menu items and onClicked
//	chrome/scripting       executeScript, insertCSS, registered content scripts
//	chrome/notifications   system notifications and their clicks
//	chrome/offscreen       the offscreen document
//	chrome/runtime         the extension's id, URLs, manifest, platform, lifecycle events
//	chrome/tabs, chrome/windows, chrome/alarms, chrome/storage, chrome/cookies, …
//
// A package's doc says which manifest permission or key it needs; each member's doc says since
// which Chrome it exists and links to Chrome's reference. Hand-written files add behaviour on top
// of the generated types: storage's strict typed GetInto and GetValue, Alarm.At. Package
// chrometest is a fake browser for native tests of code that calls these packages.
//
// # Types
//
// Objects are structs. In types sent to Chrome (QueryInfo, CreateProperties), optional numbers
// and booleans are pointers, so that 0 and false can be sent (tabs.QueryInfo{Active: new(true)});
// in types Chrome sends, they are plain fields, zero when absent. Optional strings are left out
// when empty. Enums are named string types with a constant per value. A union that Chrome's
// schema allows (a string or an array) is a Union, or a slice where Chrome takes "T or a list of
// T". Chrome's "any" is json.RawMessage. chrome-types writes every number as TypeScript's number:
// ids, indices, counts and pixel sizes are int, every other number float64.
//
// What cannot cross between Go and JavaScript as JSON is not generated: a member that holds a
// JavaScript function, a DOM object or an ArrayBuffer, a live object such as runtime.Port (use
// package bridge for messaging), generic settings objects (types.ChromeSetting), events whose
// addListener needs a filter (webRequest's) and declarative events; events whose filter is
// optional (webNavigation's) are subscribed to without one. Each package's doc (or, for tabs,
// alarms and storage, its zz_generated.go) names what it leaves out. Namespaces only for ChromeOS are not generated.
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
