// The content script: the manifest loads wasm_exec.js and extwasm.js before this file. raw: the Go
// content script also answers {greeting: "hello"}, which is not an extwasm envelope, and no other
// plain message.
extwasm.start('content.wasm', {raw: ['greeting']});
