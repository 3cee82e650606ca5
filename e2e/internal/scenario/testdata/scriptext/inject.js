// Injected with scripting.executeScript: counts its runs; its completion value is the result.
self.injected = (self.injected || 0) + 1;
({file: location.pathname, n: self.injected});
