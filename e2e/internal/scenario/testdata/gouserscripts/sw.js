// A Go worker (testdata/wasm/usworker) whose routes and port admit user scripts or content scripts.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: ['us.open', 'us.closed']});
