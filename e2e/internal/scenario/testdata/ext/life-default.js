'use strict';
self.life.push('default ' + document.readyState);
