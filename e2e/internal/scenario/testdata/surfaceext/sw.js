// A plain-JS worker whose only job is to exist: the api-surface scenario reads chrome.* in it.
self.ready = 1;
