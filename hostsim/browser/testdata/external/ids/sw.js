// Answers external messages and ports with what it got and the sender it saw.
'use strict';
const shape = (s) => ({keys: Object.keys(s).sort(), id: s.id, url: s.url, origin: s.origin, tlsChannelId: s.tlsChannelId});
chrome.runtime.onMessageExternal.addListener((m, s, reply) => { reply({to: chrome.runtime.id, got: m, sender: shape(s)}); });
chrome.runtime.onConnectExternal.addListener((p) => p.onMessage.addListener((m) => p.postMessage({to: chrome.runtime.id, got: m, sender: shape(p.sender)})));
