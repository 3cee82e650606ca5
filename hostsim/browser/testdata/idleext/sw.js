// Records the user's idle states as chrome.idle reports them, and bookmarks as they are made.
self.states = [];
chrome.idle.onStateChanged.addListener((state) => self.states.push(state));
self.created = [];
chrome.bookmarks.onCreated.addListener((id, node) => self.created.push(node.title));
