// events: what wakes the worker and waits for Go's listeners; routes: what Go answers, so the
// glue leaves every other message (the offscreen document's pings) to other contexts.
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {
  events: ['runtime.onInstalled', 'contextMenus.onClicked'],
  routes: ['notes.add'],
});
