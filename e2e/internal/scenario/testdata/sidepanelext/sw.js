// Records the messages the side panel sends, with their senders, and the side panel's events.
'use strict';
self.got = [];
self.events = [];
chrome.runtime.onMessage.addListener((msg, sender) => { self.got.push([msg, sender]); });
chrome.sidePanel.onOpened.addListener((info) => { self.events.push(["onOpened", info]); });
chrome.sidePanel.onClosed.addListener((info) => { self.events.push(["onClosed", info]); });
