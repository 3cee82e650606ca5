'use strict';
self.csLoaded = true;
