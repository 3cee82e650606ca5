// Native messaging is driven from the tests; the worker only has to exist.
'use strict';
self.ready = true;
