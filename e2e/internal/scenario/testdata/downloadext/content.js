self.csLoaded = (self.csLoaded || 0) + 1;
