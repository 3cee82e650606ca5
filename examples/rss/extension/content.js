extwasm.start('content.wasm');
