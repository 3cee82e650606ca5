// The JavaScript twin of the example's Go content script, minus the form filling.
'use strict';

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg && msg.greeting === 'hello') {
    sendResponse({farewell: 'goodbye from the content script'});
  }
  return false;
});

// For tests that evaluate in this isolated world.
globalThis.jsext = {
  greet() {
    return chrome.runtime.sendMessage({greeting: 'hello'});
  },
  knock() {
    return new Promise((resolve, reject) => {
      const port = chrome.runtime.connect({name: 'knockknock'});
      const questions = [];
      port.onMessage.addListener((msg) => {
        questions.push(msg.question);
        if (questions.length === 3) {
          port.disconnect();
          resolve(questions);
        }
      });
      port.onDisconnect.addListener(() => {
        const err = chrome.runtime.lastError;
        reject(new Error(err ? err.message : 'port closed after ' + questions.length + ' replies'));
      });
      // All three posts go out at once, before any reply: this is what a cold start must not lose.
      port.postMessage({joke: 'Knock knock'});
      port.postMessage({answer: 'Madame'});
      port.postMessage({answer: 'Madame... Bovary'});
    });
  },
};
