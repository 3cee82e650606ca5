// A worker whose module is not in the extension.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('missing.wasm', {routes: ['scenario.ping']});
