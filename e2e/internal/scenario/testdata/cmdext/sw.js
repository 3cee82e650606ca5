// Records the commands pressed and the worker global scope's own events.
'use strict';
self.commands = [];
chrome.commands.onCommand.addListener((name, tab) => self.commands.push([name, typeof tab.id]));
self.heard = [];
self.addEventListener('ping', (e) => self.heard.push(e.type));
