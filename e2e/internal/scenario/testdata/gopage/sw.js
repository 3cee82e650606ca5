'use strict';
importScripts('wasm_exec.js', 'extwasm.js');
// The content script's Go asks for the page-world script with its nonce ({injectPageWorld: nonce}):
// the library and the page's code go into the sender's frame's main world, then the nonce, as
// executeScript's args, which the page cannot read.
chrome.runtime.onMessage.addListener(function (m, sender, reply) {
  if (!m || typeof m.injectPageWorld !== 'string' || !sender.tab) return false;
  var target = { tabId: sender.tab.id, frameIds: [sender.frameId] };
  chrome.scripting.executeScript({ target: target, world: 'MAIN', files: ['extwasm-page.js', 'pageapp.js'] })
    .then(function () {
      return chrome.scripting.executeScript({ target: target, world: 'MAIN', func: function (n) { return self.pageApp.start(n); }, args: [m.injectPageWorld] });
    })
    .then(function () { reply({ injected: true }); }, function (e) { reply({ error: String(e && e.message || e) }); });
  return true;
});
extwasm.start('worker.wasm', {routes: ['scenario.ping', 'scenario.fail'], raw: ['greeting']});
