'use strict';
// An extension page that a content script frames into a web page, as the extension frame is: it says
// whether runtime.getFrameId exists and whether its (cross-origin) parent is the tab's top frame, and
// connects back to its tab: to every frame, or to the top frame only (frameId 0) when its fragment
// starts with "top".
chrome.tabs.getCurrent().then((tab) => {
  const tag = location.hash.slice(1);
  const options = {name: 'chan:' + tag};
  if (tag.startsWith('top')) options.frameId = 0;
  chrome.tabs.connect(tab.id, options).postMessage({getFrameId: typeof chrome.runtime.getFrameId, parentIsTop: window.parent === window.top});
});
