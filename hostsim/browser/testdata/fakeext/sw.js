// Counts reading-list entries whose title has a text, and records the entries added, with
// chrome.readingList: an API hostsim does not model, answered in its tests by Go fakes and events
// they fire.
self.added = [];
chrome.readingList.onEntryAdded.addListener((entry) => self.added.push(entry.title));
self.countEntries = async (title) => (await chrome.readingList.query({title})).length;
