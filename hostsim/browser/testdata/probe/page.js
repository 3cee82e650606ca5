'use strict';
self.pageLoaded = true;
