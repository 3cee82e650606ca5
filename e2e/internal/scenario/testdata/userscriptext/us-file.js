// A user script given as a file: it runs in the world its registration names.
self.usFileRan = (self.usFileRan || 0) + 1;
