// Records lifecycle events from listeners added at the top level, where a waking event finds them.
'use strict';
self.installed = [];
self.startups = 0;
self.fired = [];
chrome.runtime.onInstalled.addListener((d) => self.installed.push(d));
chrome.runtime.onStartup.addListener(() => self.startups++);
chrome.alarms.onAlarm.addListener((a) => self.fired.push({a, at: Date.now()}));
chrome.runtime.onConnect.addListener((port) => {
  self.ports = (self.ports || 0) + 1;
  port.onDisconnect.addListener(() => { self.disconnects = (self.disconnects || 0) + 1; });
});
chrome.runtime.onMessage.addListener((m, sender, reply) => { if (m === 'sender') reply(sender); });
