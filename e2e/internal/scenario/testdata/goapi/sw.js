// A Go worker (testdata/wasm/goapi) that exercises chrome/tabs, chrome/storage, chrome/alarms and
// chrome/runtime through functions it exports on self.goapi. It listens to alarms.onAlarm and
// runtime.onInstalled, so both are registered here, at the top level, and wake it.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: [], events: ['alarms.onAlarm', 'runtime.onInstalled']});
