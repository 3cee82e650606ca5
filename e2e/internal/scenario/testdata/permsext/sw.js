// A plain-JS worker that records chrome.permissions' events: the permissions scenario calls the
// API in it.
self.events = [];
chrome.permissions.onAdded.addListener((p) => self.events.push(["added", p]));
chrome.permissions.onRemoved.addListener((p) => self.events.push(["removed", p]));
