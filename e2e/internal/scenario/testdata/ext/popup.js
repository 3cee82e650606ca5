// Tells the worker the popup loaded, so a scenario can read the sender Chrome gives a popup.
chrome.runtime.sendMessage({popup: true}).catch(() => {});
