// A worker whose Go program panics before calling bridge.Ready.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: ['scenario.ping']});
