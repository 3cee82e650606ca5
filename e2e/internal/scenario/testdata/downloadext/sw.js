// Records chrome.downloads' events for the downloads scenario, which adds its own
// onDeterminingFilename listeners.
self.events = [];
chrome.downloads.onCreated.addListener((item) => self.events.push(["created", item]));
chrome.downloads.onChanged.addListener((delta) => self.events.push(["changed", delta]));
chrome.downloads.onErased.addListener((id) => self.events.push(["erased", id]));
