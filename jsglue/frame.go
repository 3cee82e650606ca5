package jsglue

import _ "embed"

// FrameScript is the source of extwasm-frame.js, which runs a content script's Go module in a hidden
// extension frame when the page's Content-Security-Policy blocks WebAssembly in the content script.
//
//go:embed extwasm-frame.js
var FrameScript string

// FrameScriptFileName is the name under which extension folders carry FrameScript.
const FrameScriptFileName = "extwasm-frame.js"

// FramePage is extwasm-frame.html, the extension frame's document: it loads wasm_exec.js, the glue
// and FrameScript. Content scripts insert it into pages, so web_accessible_resources must list it
// for the pages the content scripts match (its scripts need not be listed).
//
//go:embed extwasm-frame.html
var FramePage string

// FramePageFileName is the name under which extension folders carry FramePage; the glue inserts the
// frame from this path.
const FramePageFileName = "extwasm-frame.html"
