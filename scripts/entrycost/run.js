// Runs entrycost.wasm under Node and prints one benchmark line for scripts/benchtable:
// ns per entry through js.FuncOf, a go:wasmexport function, and an export that hands the message to
// a goroutine; and whether an export that waits on JavaScript returned the right answer (1) or not (0).
require(process.argv[2]);
const fs = require("fs");

(async () => {
  const go = new Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(process.argv[3]), go.importObject);
  go.run(instance);
  const x = instance.exports;
  const msg = new TextEncoder().encode(JSON.stringify({ route: "greeting", body: { greeting: "hello", n: 12345 } }));
  const want = msg.reduce((a, b) => a + b, 0);
  const write = () => new Uint8Array(x.mem.buffer, x.inboxAddress(), msg.length).set(msg);
  const N = 100000;
  const time = (fn) => {
    for (let i = 0; i < N / 10; i++) fn();
    const start = process.hrtime.bigint();
    for (let i = 0; i < N; i++) if (fn() !== want) throw new Error("wrong answer");
    return Number(process.hrtime.bigint() - start) / N;
  };
  const funcOf = time(() => entrycostFuncOf(msg));
  const exported = time(() => { write(); return x.deliver(msg.length); });
  const viaGoroutine = time(() => { write(); return x.deliverToGoroutine(msg.length); });
  write();
  const awaited = x.deliverAwaitingJS(msg.length) === want ? 1 : 0;
  console.log(`BenchmarkEntryCost 1 ${funcOf.toFixed(0)} funcof-ns ${exported.toFixed(0)} export-ns ${viaGoroutine.toFixed(0)} export-goroutine-ns ${awaited} export-awaits-js-ok ${(funcOf / exported).toFixed(1)} funcof/export`);
  // An export that waited on JavaScript leaves the runtime broken (its timer fires into a stack
  // that is gone), so exit before it can.
  process.exit(0);
})();
