// Records every storage change it hears at the top level, so a woken worker's log shows the event
// that woke it.
'use strict';
self.changes = [];
chrome.storage.onChanged.addListener((changes, area) => self.changes.push([area, changes]));
