'use strict';
self.csLoaded = (self.csLoaded || 0) + 1;
// roundTrip sends v to the worker and describes what the worker saw and what came back.
self.roundTrip = async (v) => {
  const back = await chrome.runtime.sendMessage(v);
  return {back: describe(back)};
};
// portTrip posts v on a port to the worker and describes what came back.
self.portTrip = (v) => new Promise((resolve) => {
  const p = chrome.runtime.connect({name: 'trip'});
  p.onMessage.addListener((m) => { resolve({back: describe(m)}); p.disconnect(); });
  p.postMessage(v);
});
// thrown describes a synchronous throw or a rejection of f().
self.thrown = async (f) => {
  try { await f(); return 'no error'; } catch (e) { return [e.constructor.name, e.name, e.message]; }
};
