'use strict';
extwasm.start('content.wasm').then(function () { self.csLoaded = (self.csLoaded || 0) + 1; });
