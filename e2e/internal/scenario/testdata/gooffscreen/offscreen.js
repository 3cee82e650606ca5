// The offscreen document runs Go with the same glue as the worker. Beside it, plain JS records the
// raw MessageSender of every message and port that reaches the document, and answers
// {rawSenders: true} (a plain message the Go side leaves alone) with them.
'use strict';
self.raw = [];
chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (msg && msg.rawSenders) {
    reply(self.raw);
    return;
  }
  self.raw.push(['message', msg && msg.route, sender]);
});
chrome.runtime.onConnect.addListener((port) => { self.raw.push(['connect', port.name, port.sender]); });
extwasm.start('offscreen.wasm', {routes: ['offscreen.echo', 'offscreen.callWorker']});
