// Marks the isolated world the scenario's injections share with the manifest's content script.
'use strict';
self.csLoaded = (self.csLoaded || 0) + 1;
