// The same start as the example's worker, for a Go module that registers nothing but one listener.
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {raw: true});
