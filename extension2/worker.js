// The service worker: the glue registers Chrome's messaging listeners synchronously while this
// script is first evaluated, then the Go module is loaded and takes over.
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm');
