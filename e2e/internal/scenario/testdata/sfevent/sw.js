// The goext worker, whose script lists events the extension cannot register: contextMenus without its
// permission, and a misspelt runtime.onMessage. Go starts anyway and serves its routes.
'use strict';
importScripts('errors.js', 'wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: ['scenario.ping', 'scenario.fail'], events: ['contextMenus.onClicked', 'runtime.onMesage']});
