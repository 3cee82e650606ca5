globalThis.soakReady = extwasm.start('soak.wasm');
