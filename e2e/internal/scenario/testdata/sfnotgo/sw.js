// A worker whose module is valid WebAssembly (an empty module) but not a Go program.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('notgo.wasm', {routes: ['scenario.ping']});
