// A worker that echoes what it receives and records it: one-time messages are answered with the
// message itself, port messages are posted back on the same port.
'use strict';
importScripts('describe.js');
self.seen = [];
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  self.seen.push(describe(msg));
  if (msg && msg.mode === 'function-reply') {
    try { sendResponse(() => 1); } catch (e) { self.replyError = [e.constructor.name, e.message]; }
    return false;
  }
  sendResponse(msg);
  return false;
});
chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((msg) => { self.seen.push(describe(msg)); port.postMessage(msg); });
});
