// Counts the history entries that match a text with chrome.history, and the downloads
// chrome.downloads reports: two APIs hostsim does not model, answered in its tests by Go fakes.
self.downloads = [];
chrome.downloads.onCreated.addListener((item) => self.downloads.push(item.filename));
self.countVisits = async (text) => (await chrome.history.search({text})).length;
