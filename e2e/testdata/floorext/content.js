// A plain content script: the benchmark sends its greetings from this isolated world.
'use strict';
globalThis.floorext = {};
