// document_start: records the page lifecycle as this isolated world sees it.
'use strict';
self.life = ['start ' + document.readyState + ' body=' + (document.body !== null)];
const note = (what) => () => self.life.push(what + ' ' + document.readyState);
document.addEventListener('readystatechange', note('start:readystatechange'));
document.addEventListener('DOMContentLoaded', note('start:DOMContentLoaded'));
window.addEventListener('load', note('start:load'));
window.addEventListener('pageshow', (e) => self.life.push('start:pageshow persisted=' + e.persisted));
document.addEventListener('visibilitychange', () => self.life.push('start:visibilitychange ' + document.visibilityState));
const leaving = [];
window.addEventListener('beforeunload', () => leaving.push('beforeunload'));
window.addEventListener('pagehide', (e) => leaving.push('pagehide persisted=' + e.persisted + ' ' + document.visibilityState));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' && leaving.length > 0) {
    leaving.push('visibilitychange hidden');
    chrome.runtime.sendMessage({unload: leaving.slice()});
  }
});
