'use strict';
self.life.push('end ' + document.readyState + ' body=' + (document.body !== null));
document.addEventListener('DOMContentLoaded', () => self.life.push('end:DOMContentLoaded'));
window.addEventListener('load', () => self.life.push('end:load ' + document.readyState));
