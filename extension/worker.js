// The service worker: the glue registers Chrome's messaging listeners synchronously while this
// script is first evaluated, then the Go module is loaded and takes over. raw: the Go worker also
// answers plain messages with a greeting key ({greeting: "hello"}, bridge.RawKeys), so the glue keeps
// their reply channel open while Go starts and leaves other plain messages to other contexts. events: runtime.onInstalled fires while the worker first
// starts, before Go runs; the glue keeps it for Go, which seeds the demo vault on install.
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {raw: ['greeting'], events: ['runtime.onInstalled']});
