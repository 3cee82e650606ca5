// Records chrome.history's events for the history scenario.
self.visited = [];
self.removed = [];
chrome.history.onVisited.addListener((item) => self.visited.push(item));
chrome.history.onVisitRemoved.addListener((info) => self.removed.push(info));
