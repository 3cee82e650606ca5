// Records the messages the offscreen document sends, with their senders.
'use strict';
self.got = [];
chrome.runtime.onMessage.addListener((msg, sender) => { self.got.push([msg, sender]); });
