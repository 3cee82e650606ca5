// A worker whose module is not WebAssembly at all.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('corrupt.wasm', {routes: ['scenario.ping']});
