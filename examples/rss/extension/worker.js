// routes: what the Go worker answers, so the glue keeps only those reply channels open while Go
// starts (a message woke the worker) and leaves every other message to other contexts.
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: ['rss.report', 'rss.list', 'rss.pingActive', 'rss.fetch']});
