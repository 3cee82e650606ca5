'use strict';
self.changes = [];
chrome.storage.onChanged.addListener((changes, area) => self.changes.push([area, changes]));
