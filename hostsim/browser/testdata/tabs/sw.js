// Records every tabs and webNavigation event as [event, ...arguments], and the lifecycle reports
// content scripts send as their document goes away.
'use strict';
self.log = [];
self.unloads = [];
const record = (name) => (...args) => self.log.push([name, ...args]);
for (const n of ['onCreated', 'onUpdated', 'onActivated', 'onHighlighted', 'onRemoved', 'onZoomChange']) {
  chrome.tabs[n].addListener(record('tabs.' + n));
}
for (const n of ['onBeforeNavigate', 'onCommitted', 'onDOMContentLoaded', 'onCompleted', 'onReferenceFragmentUpdated']) {
  chrome.webNavigation[n].addListener(record('webNavigation.' + n));
}
chrome.runtime.onMessage.addListener((msg) => { if (msg && msg.unload) self.unloads.push(msg.unload); });
