extwasm.start('faults.wasm');
