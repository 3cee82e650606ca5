// The content script, at document_start so that its isolated world is made before the user-script
// worlds (the Chromium harness evaluates in an extension's first isolated world); that world is
// not a user script's.
self.csLoaded = (self.csLoaded || 0) + 1;
