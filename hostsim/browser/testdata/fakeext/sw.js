// Counts reading-list entries whose title has a text with chrome.readingList, and the downloads
// chrome.downloads reports: two APIs hostsim does not model, answered in its tests by Go fakes.
self.downloads = [];
chrome.downloads.onCreated.addListener((item) => self.downloads.push(item.filename));
self.countEntries = async (title) => (await chrome.readingList.query({title})).length;
