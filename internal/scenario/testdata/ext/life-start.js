// document_start on /lifecycle* pages: records the page lifecycle as the isolated world sees it in
// self.life, and reports the events of leaving the page to the worker ({unload: [...]}).
'use strict';
self.life = ['start ' + document.readyState + ' body=' + (document.body !== null)];
document.addEventListener('readystatechange', () => self.life.push('start:readystatechange ' + document.readyState));
document.addEventListener('DOMContentLoaded', () => self.life.push('start:DOMContentLoaded ' + document.readyState));
window.addEventListener('load', () => self.life.push('start:load ' + document.readyState));
window.addEventListener('pageshow', (e) => self.life.push('start:pageshow persisted=' + e.persisted));
self.leaving = [];
window.addEventListener('beforeunload', () => self.leaving.push('beforeunload'));
window.addEventListener('pagehide', (e) => self.leaving.push('pagehide persisted=' + e.persisted + ' ' + document.visibilityState));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'hidden' || self.leaving.length === 0) return;
  self.leaving.push('visibilitychange hidden');
  chrome.runtime.sendMessage({unload: self.leaving});
});
