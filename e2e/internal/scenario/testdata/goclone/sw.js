// A Go worker (testdata/wasm/clone) with typed routes carrying bytes, times and big integers.
'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
extwasm.start('worker.wasm', {routes: ['clone.echo', 'clone.ask']});
