// Tells the harness the web page is ready, and reports whether content scripts see chrome.sidePanel.
'use strict';
self.csLoaded = (self.csLoaded || 0) + 1;
