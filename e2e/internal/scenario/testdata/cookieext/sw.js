// Records chrome.cookies.onChanged for the cookie scenarios.
self.changes = [];
chrome.cookies.onChanged.addListener((info) => self.changes.push(info));
