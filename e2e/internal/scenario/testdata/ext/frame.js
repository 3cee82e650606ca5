'use strict';
// An extension page that a content script frames into a web page: it connects back to its tab's
// content scripts, named after its URL's fragment, and says what it sees.
chrome.tabs.getCurrent().then((tab) => {
  const port = chrome.tabs.connect(tab.id, {name: 'xframe:' + location.hash.slice(1)});
  port.postMessage({tabs: typeof chrome.tabs, tabIsOwn: typeof tab.id === 'number', path: location.pathname});
});
