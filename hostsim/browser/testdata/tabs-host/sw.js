// Records every tabs event as [event, ...arguments]; this extension has host access to 127.0.0.1 only.
'use strict';
self.log = [];
const record = (name) => (...args) => self.log.push([name, ...args]);
for (const n of ['onCreated', 'onUpdated', 'onActivated', 'onHighlighted', 'onRemoved', 'onZoomChange']) {
  chrome.tabs[n].addListener(record('tabs.' + n));
}
