// The content script: the manifest loads wasm_exec.js and extwasm.js before this file.
extwasm.start('content.wasm');
