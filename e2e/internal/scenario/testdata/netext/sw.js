// The network scenarios evaluate fetch in the worker directly; it needs no listener.
self.swLoaded = true;
