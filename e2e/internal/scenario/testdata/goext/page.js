// Answers {ask: "colour"} after a short delay, so that an error reply from a worker that does not
// handle the message would win Chrome's first-reply race; other messages get no answer from here.
'use strict';
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg && msg.ask === 'colour') {
    setTimeout(() => sendResponse('blue, from the page'), 20);
    return true;
  }
});
self.pageReady = true;
