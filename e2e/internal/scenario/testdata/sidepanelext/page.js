// An extension page shown in a tab, from which the scenario calls chrome.sidePanel.open with and
// without a user gesture.
'use strict';
self.pageReady = true;
