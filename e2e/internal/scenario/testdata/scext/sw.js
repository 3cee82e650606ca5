// A worker that echoes what it receives and records it: one-time messages are answered with the
// message itself, port messages are posted back on the same port.
'use strict';
importScripts('describe.js');
self.seen = [];
// record describes what arrived, except large byte arrays (clone-size-limit), which it only counts.
const record = (msg) => self.seen.push(ArrayBuffer.isView(msg) && msg.byteLength > 4096 ? {bytes: msg.byteLength} : describe(msg));
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  record(msg);
  if (msg && msg.mode === 'function-reply') {
    try { sendResponse(() => 1); } catch (e) { self.replyError = [e.constructor.name, e.message]; }
    return false;
  }
  sendResponse(msg);
  return false;
});
chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((msg) => { record(msg); port.postMessage(msg); });
});
