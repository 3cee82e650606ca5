// Answers {ask: "colour"} and {ping: "page"} after a short delay, so that an error reply from a worker
// that does not handle the message would win Chrome's first-reply race; other messages get no answer
// from here. Ports named "jsonly" are echoed: the Go worker has no handler for that name.
'use strict';
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg && msg.ask === 'colour') {
    setTimeout(() => sendResponse('blue, from the page'), 20);
    return true;
  }
  if (msg && msg.ping === 'page') {
    setTimeout(() => sendResponse({pong: 'from the page'}), 20);
    return true;
  }
});
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'jsonly') return;
  port.onMessage.addListener((m) => setTimeout(() => port.postMessage({pageEcho: m}), 20));
});
self.pageReady = true;
