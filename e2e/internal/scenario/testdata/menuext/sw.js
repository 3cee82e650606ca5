// Records context-menu clicks.
'use strict';
self.clicks = [];
chrome.contextMenus.onClicked.addListener((info, tab) => self.clicks.push([info, tab && tab.id]));
