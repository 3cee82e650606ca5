// Counts a site's cookies with chrome.cookies, and the downloads chrome.downloads reports: two
// APIs hostsim does not model, answered in its tests by Go fakes.
self.downloads = [];
chrome.downloads.onCreated.addListener((item) => self.downloads.push(item.filename));
self.countCookies = async (url) => (await chrome.cookies.getAll({url})).length;
