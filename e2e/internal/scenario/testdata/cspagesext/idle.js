document.documentElement.dataset.csIdle = "ran";
self.csLoaded = (self.csLoaded || 0) + 1;
