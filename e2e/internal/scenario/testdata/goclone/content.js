'use strict';
self.csLoaded = (self.csLoaded || 0) + 1;
// call sends an extwasm request envelope to the worker and describes the reply.
self.call = async (route, body) => describe(await chrome.runtime.sendMessage({extwasm: 1, route, body}));
// portCall posts body on a clone.port port and describes the first message back.
self.portCall = (body) => new Promise((resolve) => {
  const p = chrome.runtime.connect({name: 'clone.port'});
  p.onMessage.addListener((m) => { resolve(describe(m)); p.disconnect(); });
  p.postMessage(body);
});
// The Go worker's clone.cs requests are answered here with a fixed Blob, in the form of this
// extension's message_serialization; self.asked describes the request as it arrived.
const clone = chrome.runtime.getManifest().message_serialization === 'structured_clone';
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || msg.route !== 'clone.cs') return false;
  self.asked = describe(msg.body);
  const at = new Date(Date.UTC(2026, 4, 6, 7, 8, 9, 10));
  const body = clone ? {data: new Uint8Array([1, 2, 3, 250]), at, n: -99n} : {data: 'AQID+g==', at: at.toISOString(), n: -99};
  sendResponse({extwasm: 1, ok: true, body});
  return false;
});
