// The tests evaluate chrome.runtime.sendMessage(exampleId, ...) in this content script's world, as
// a sender Chrome reports with the page's URL, origin and tab.
