// The JavaScript twin of the example's Go worker: the same greeting and knock-knock conversation, so
// tests and benchmarks can compare the two handlers message for message.
'use strict';

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (msg && msg.greeting === 'hello') {
    sendResponse({farewell: 'goodbye'});
    return false;
  }
  if (msg && 'echo' in msg) {
    // Lets tests observe what Chrome's JSON serialization made of a message.
    sendResponse(msg.echo);
    return false;
  }
  // Never leave a sender hanging: anything else gets an error reply.
  sendResponse({error: 'unknown message'});
  return false;
});

const knockKnock = [
  ['Knock knock', "Who's there?"],
  ['Madame', 'Madame who?'],
  ['Madame... Bovary', "I don't get it."],
];

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== 'knockknock') {
    port.disconnect();
    return;
  }
  // Attached synchronously inside onConnect: messages posted during a cold start are queued by
  // Chrome and delivered only to listeners present when onConnect returns.
  port.onMessage.addListener((msg) => {
    const said = msg && (msg.joke !== undefined ? msg.joke : msg.answer);
    const step = knockKnock.find(([line]) => line === said);
    port.postMessage({question: step ? step[1] : 'Huh?'});
  });
});

// For tests that evaluate in the worker.
self.jsext = {
  greetTab(tabId, frameId) {
    const opts = frameId === undefined ? {} : {frameId};
    return chrome.tabs.sendMessage(tabId, {greeting: 'hello'}, opts);
  },
};
