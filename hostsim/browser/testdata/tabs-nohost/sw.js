// Records every tabs event as [event, ...arguments]; this extension has no tabs or host access.
'use strict';
self.log = [];
const record = (name) => (...args) => self.log.push([name, ...args]);
for (const n of ['onCreated', 'onUpdated', 'onActivated', 'onHighlighted', 'onRemoved', 'onZoomChange']) {
  chrome.tabs[n].addListener(record('tabs.' + n));
}
