importScripts('wasm_exec.js', 'timers.js', 'extwasm.js');
globalThis.soakReady = extwasm.start('soak.wasm', { routes: ['soak.echo'] });
