extwasm.start('roundtrip.wasm');
