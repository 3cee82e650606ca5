package jsglue

import _ "embed"

// PageScript is the source of extwasm-page.js, the main-world end of a content script's page-world
// channel (bridge.OpenPageWorld): a plain script, no Go, that the extension injects into the page's
// main world and that offers extwasmPage.connect(nonce) with call and handle.
//
//go:embed extwasm-page.js
var PageScript string

// PageScriptFileName is the name under which extension folders carry PageScript.
const PageScriptFileName = "extwasm-page.js"
