importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('faults.wasm');
