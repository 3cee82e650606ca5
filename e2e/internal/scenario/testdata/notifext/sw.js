// Records notification events, registered at the top level so that they wake the worker.
'use strict';
self.events = [];
chrome.notifications.onClosed.addListener((id, byUser) => self.events.push(["closed", id, byUser]));
chrome.notifications.onClicked.addListener((id) => self.events.push(["clicked", id]));
chrome.notifications.onButtonClicked.addListener((id, index) => self.events.push(["button", id, index]));
