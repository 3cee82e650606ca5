// A Go worker (testdata/wasm/worker) that handles the routes and raw keys listed here and nothing
// else: the glue leaves every other message to the extension's other contexts.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: ['scenario.ping', 'scenario.fail'], raw: ['greeting']});
