// A Go worker (testdata/wasm/offworker) that opens an offscreen document running Go
// (testdata/wasm/offdoc) and talks with it; it exports its test functions on self.offtest.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: ['worker.hello', 'worker.popupOnly']});
