'use strict';
self.life.push('idle ' + document.readyState);
window.addEventListener('load', () => self.life.push('idle:load ' + document.readyState));
