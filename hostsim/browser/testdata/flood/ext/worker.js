importScripts('wasm_exec.js', 'extwasm.js');
// The test reads the module's linear memory through the Go instance that start creates.
const RealGo = Go;
globalThis.Go = function () { const go = new RealGo(); globalThis.floodGo = go; return go; };
globalThis.floodMemory = () => floodGo._inst.exports.mem.buffer.byteLength;
// Go holds Ready until the test calls floodRelease, so the flood arrives before it.
extwasm.start('flood.wasm', { routes: ['flood.echo'], readyTimeoutMs: 3600000 });
