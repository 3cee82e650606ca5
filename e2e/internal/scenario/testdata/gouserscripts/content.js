// A plain-JS content script, at document_start so that its isolated world is the extension's first
// in the document (the Chromium harness evaluates there, not in a user-script world).
self.csLoaded = (self.csLoaded || 0) + 1;
