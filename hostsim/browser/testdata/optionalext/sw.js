// Asks for optional permissions when told to; the tests look at what the grant makes available.
self.ask = (perms) => chrome.permissions.request(perms);
self.drop = (perms) => chrome.permissions.remove(perms);
