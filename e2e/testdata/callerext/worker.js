// The service worker: the glue registers Chrome's messaging listeners synchronously while this
// script is first evaluated, then the Go module is loaded and takes over. routes: [] — the Go worker
// handles no messages, so the glue leaves every one of them to other contexts even while Go starts.
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: []});
