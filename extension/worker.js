// The service worker: the glue registers Chrome's messaging listeners synchronously while this
// script is first evaluated, then the Go module is loaded and takes over. raw: the Go worker also
// answers messages that are not extwasm envelopes ({greeting: "hello"}), so the glue keeps their
// reply channel open while Go starts. events: runtime.onInstalled fires while the worker first
// starts, before Go runs; the glue keeps it for Go, which seeds the demo vault on install.
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {raw: true, events: ['runtime.onInstalled']});
