// Package jsglue is extwasm's boundary between Go and JavaScript: the only package that uses
// syscall/js. It awaits promises from goroutines under a context.Context, turns thrown JavaScript
// errors and chrome.runtime.lastError into Go errors, moves messages across as one JSON string each
// (JSON.stringify on the JavaScript side, encoding/json on the Go side), registers chrome event
// listeners and releases callbacks once they can no longer fire, exports Go functions to JavaScript as
// promise-returning functions, and has the small DOM helper a content script needs.
//
// It also carries the glue JavaScript, extwasm.js, which must be loaded (after the toolchain's
// wasm_exec.js) in every context that runs a Go module: it registers the messaging listeners
// synchronously at first evaluation, buffers until Go is ready, and answers senders with an error if
// the module cannot. Script is available on every platform so build tools can write the file out;
// everything else in this package exists only under GOOS=js.
//
// Messaging goes through package bridge, which reaches the glue through an internal package; this
// package's API is the helpers programs call themselves.
package jsglue

import _ "embed"

// Script is the source of extwasm.js, the glue JavaScript.
//
//go:embed extwasm.js
var Script string

// FileName is the name under which extension folders carry Script.
const FileName = "extwasm.js"
