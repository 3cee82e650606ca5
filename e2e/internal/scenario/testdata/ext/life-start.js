// document_start on /lifecycle* pages: records the page lifecycle as the isolated world sees it in
// self.life, and reports the events of leaving the page to the worker ({unload: [...]}); on
// /lifecycle-bg.html it also reports its load and visibility changes ({loaded, life}, {visibility}).
'use strict';
self.life = ['start ' + document.readyState + ' body=' + (document.body !== null)];
document.addEventListener('readystatechange', () => self.life.push('start:readystatechange ' + document.readyState));
document.addEventListener('DOMContentLoaded', () => self.life.push('start:DOMContentLoaded ' + document.readyState));
window.addEventListener('load', () => {
  self.life.push('start:load ' + document.readyState);
  // A tab the worker opened cannot be evaluated in by the runners: it reports how it loaded.
  if (location.pathname === '/lifecycle-bg.html') {
    setTimeout(() => chrome.runtime.sendMessage({loaded: document.visibilityState, life: self.life.slice()}), 0);
  }
});
window.addEventListener('pageshow', (e) => self.life.push('start:pageshow persisted=' + e.persisted));
self.leaving = [];
window.addEventListener('beforeunload', () => self.leaving.push('beforeunload'));
window.addEventListener('pagehide', (e) => self.leaving.push('pagehide persisted=' + e.persisted + ' ' + document.visibilityState));
document.addEventListener('visibilitychange', () => {
  self.life.push('start:visibilitychange ' + document.visibilityState);
  if (location.pathname === '/lifecycle-bg.html') chrome.runtime.sendMessage({visibility: document.visibilityState});
  if (document.visibilityState !== 'hidden' || self.leaving.length === 0) return;
  self.leaving.push('visibilitychange hidden');
  chrome.runtime.sendMessage({unload: self.leaving});
});
