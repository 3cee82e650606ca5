// Package jsglue is extwasm's boundary between Go and JavaScript: the only package that uses
// syscall/js. It awaits promises from goroutines under a context.Context, turns thrown JavaScript
// errors and chrome.runtime.lastError into Go errors, moves messages across as one JSON string each
// (JSON.stringify on the JavaScript side, encoding/json on the Go side), registers chrome event
// listeners and releases callbacks once they can no longer fire, exports Go functions to JavaScript as
// promise-returning functions, and has the small DOM helper a content script needs.
//
// It also carries the glue JavaScript, extwasm.js, which must be loaded (after the toolchain's
// wasm_exec.js) in every context that runs a Go module: extwasm.start, called at the script's top
// level, registers the messaging listeners and the worker's waking events synchronously, buffers until
// Go is ready, answers only the messages Go handles (leaving the rest to other contexts: Chrome keeps
// the first reply), and answers senders with an error if the module cannot. Pages without Go use its
// client, extwasm.send and extwasm.connect (extwasm.d.ts declares the public surface). Script is
// available on every platform so build tools can write the file out; everything else in this
// package exists only under GOOS=js.
//
// Messaging goes through package bridge, which reaches the glue through an internal package; this
// package's API is the helpers programs call themselves.
//
// # The GOOS=js API
//
// Everything below builds only under GOOS=js (it uses syscall/js), so `go doc` on another system
// does not list it; this is the list (a test keeps it equal to the code).
//
// Values, errors and promises:
//
//	func Try(fn func()) (err error)
//	func Await(ctx context.Context, p js.Value) (js.Value, error)
//	func Stringify(v js.Value) (text string, ok bool, err error)
//	func Parse(text string) (js.Value, error)
//	func ValueOf(v any) (js.Value, error)
//	func Decode(v js.Value, out any) error
//	func Global(name string) js.Value
//	func LastError() error
//	func RandomBytes(b []byte) error
//	type Error
//	func (e *Error) Error() string
//	func ErrorFrom(v js.Value) *Error
//	var ErrNoGlue, ErrNoDocument, ErrTooManyElements error
//
// Events and exports:
//
//	func AddListener(event js.Value, fn func(args []js.Value) any) (remove func(), err error)
//	func ExportPromise(obj js.Value, name string, fn func(ctx context.Context, args []json.RawMessage) (any, error)) (release func())
//
// chrome.* by path, arguments and results as JSON text (the typed packages under chrome/ are
// built on these; use them for an API those do not cover):
//
//	func CallAPI(ctx context.Context, path, argsJSON string) (result string, ok bool, err error)
//	func CallAPIWithCallback(ctx context.Context, path, argsJSON string, arity int) (result string, ok bool, err error)
//	func GetAPI(path string) (result string, ok bool, err error)
//	func InvokeAPI(path, argsJSON string) (result string, ok bool, err error)
//	func Subscribe(name string, fn func(argsJSON string)) (stop func(), err error)
//
// The page's DOM from a content script (also when it runs in the extension frame):
//
//	func InFrame() bool
//	func Hostname() string
//	type Element
//	func Document() (Element, error)
//	func (e Element) QueryAll(selector string) ([]Element, error)
//	func (e Element) Query(selector string) (el Element, ok bool, err error)
//	func (e Element) Attr(name string) (value string, ok bool)
//	func (e Element) SetAttr(name, value string) error
//	func (e Element) Value() string
//	func (e Element) SetValue(text string)
//	func (e Element) Dispatch(eventType string) error
package jsglue

import _ "embed"

// Script is the source of extwasm.js, the glue JavaScript.
//
//go:embed extwasm.js
var Script string

// FileName is the name under which extension folders carry Script.
const FileName = "extwasm.js"

// Types is extwasm.d.ts, the TypeScript declarations of the glue's public surface (start, status,
// send, connect), for extension pages written in TypeScript.
//
//go:embed extwasm.d.ts
var Types string

// TypesFileName is the name under which Types is written beside the glue.
const TypesFileName = "extwasm.d.ts"
