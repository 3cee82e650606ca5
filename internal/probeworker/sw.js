// A worker whose replies are chosen by the message: {mode, v, delay}. Messages without a mode
// get no answer from here (the listener returns undefined).
'use strict';
self.started = Date.now();
self.seen = [];
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  self.seen.push({msg, sender});
  switch (msg && msg.mode) {
    case 'echo': sendResponse(msg.v); return false;
    case 'async': setTimeout(() => sendResponse(msg.v), msg.delay || 0); return true;
    case 'never': return true;
    case 'truthy': setTimeout(() => sendResponse(msg.v), 0); return 1;
    case 'throw': throw new Error('boom');
    case 'throwString': throw 'boom';
    case 'promise': return Promise.resolve(msg.v);
    case 'reject': return Promise.reject(new TypeError('nope'));
    case 'rejectString': return Promise.reject('nope');
    case 'thenable': return {then(f) { f(msg.v); }};
    case 'unserializable': sendResponse(() => 1); return false;
    case 'big': sendResponse('x'.repeat(msg.n)); return false;
    case 'sender': sendResponse(sender); return false;
  }
});
chrome.runtime.onConnect.addListener((port) => {
  if (port.name === 'refuse') { port.disconnect(); return; }
  // A port left alone: no listener, no message, no disconnect.
  if (port.name === 'ignore') { self.ignored = (self.ignored || 0) + 1; return; }
  // A refusal that says why: one message, then the port is closed at once.
  if (port.name === 'refuse-with-reason') { port.postMessage({refused: port.name}); port.disconnect(); return; }
  port.onMessage.addListener((msg) => port.postMessage({echo: msg, name: port.name}));
});
// Storage changes heard at the top level: a change wakes a stopped worker, which logs it.
self.storageChanges = [];
chrome.storage.onChanged.addListener((changes, area) => self.storageChanges.push([area, changes]));
// Lifecycle events, recorded by listeners at the top level, where a waking event finds them.
self.installed = [];
self.startups = 0;
self.alarmsFired = [];
chrome.runtime.onInstalled.addListener((details) => self.installed.push(details));
chrome.runtime.onStartup.addListener(() => self.startups++);
chrome.alarms.onAlarm.addListener((alarm) => self.alarmsFired.push(alarm));
