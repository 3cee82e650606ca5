importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('roundtrip.wasm', {routes: ['rt.greet']});
