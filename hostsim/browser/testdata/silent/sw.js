// No listeners at the first evaluation; one is added only after a task hop, too late for the event
// that woke the worker.
'use strict';
setTimeout(() => chrome.runtime.onMessage.addListener((m, s, r) => { r('late'); }), 0);
