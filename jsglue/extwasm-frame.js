// extwasm-frame.js: runs a content script's Go module in a hidden extension frame, for pages whose
// Content-Security-Policy blocks WebAssembly in content scripts (a script-src without
// 'wasm-unsafe-eval'). extwasm.js in the content script inserts the frame (extwasm-frame.html, which
// must be web-accessible to the page) when its module fails to compile there.
//
// The frame runs under the extension's CSP, so the module compiles. It opens a private port to its
// tab's content scripts (chrome.tabs.connect, named after the nonce in its URL: only the content
// script that made the frame answers it) and does everything that concerns the page through it:
// messaging goes out from the content script (receivers see the content script as the sender, as
// without the frame), incoming messages come in from it, and the DOM helper's operations run there.
// This frame listens to no chrome.runtime event itself: as an extension page it would otherwise
// receive what the extension's pages receive, which a content script does not.
(function (global) {
  'use strict';
  var glue = global.extwasm, internal = glue.internal;
  var nonce = String(global.location.hash).slice(1);
  var port = null, nextCall = 1, nextPort = -1;
  var pending = new Map(); // call id -> {resolve, reject}
  var goHook = null;

  function post(m) {
    try { port.postMessage(m); } catch (e) { /* the content script is gone: the frame goes with it */ }
  }

  function describe(e) { return e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e); }

  // ask posts m and resolves with the content script's answer (a message {id, ok, value, error}).
  function ask(m) {
    return new Promise(function (resolve, reject) {
      m.id = nextCall++;
      pending.set(m.id, { resolve: resolve, reject: reject });
      post(m);
    });
  }

  function settle(m) {
    var p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) { p.resolve(m.value); return; }
    var e = new Error(m.error && typeof m.error === 'object' ? m.error.message : String(m.error));
    if (m.error && m.error.name) e.name = m.error.name;
    p.reject(e);
  }

  // relay makes the glue's messaging calls go through the content script.
  function relay() {
    ['_send', '_sendTab', '_tabState', '_sendNative'].forEach(function (method) {
      internal[method] = function () { return ask({ t: 'call', method: method, args: Array.prototype.slice.call(arguments) }); };
    });
    ['_connect', '_connectTab', '_connectNative'].forEach(function (method) {
      internal[method] = function () {
        var id = nextPort--; // negative: the content script's own ids are positive
        post({ t: 'call', id: id, method: method, args: Array.prototype.slice.call(arguments) });
        return id;
      };
    });
    ['_respond', '_post', '_disconnect'].forEach(function (method) {
      internal[method] = function () {
        post({ t: 'call', method: method, args: Array.prototype.slice.call(arguments) });
        return '';
      };
    });
    var handles = internal._handles, ready = internal._ready;
    internal._handles = function (text) {
      handles(text);
      post({ t: 'call', method: '_handles', args: [text] });
    };
    internal._ready = function (hook) {
      ready(hook);
      goHook = hook;
      post({ t: 'ready' });
    };
    // _dom runs one DOM operation in the page (see jsglue's Element) and resolves with its result.
    internal._dom = function (op, argsText) { return ask({ t: 'dom', op: op, args: JSON.parse(argsText) }); };
  }

  function onMessage(m) {
    if (!m || typeof m !== 'object') return;
    if (m.t === 'result' || m.t === 'dom') { settle(m); return; }
    if (m.t === 'hook' && goHook && Array.isArray(m.args)) {
      try { goHook.apply(null, m.args); } catch (e) { post({ t: 'fail', reason: 'extwasm: the Go module stopped: ' + describe(e) }); }
      return;
    }
    if (m.t === 'start' && typeof m.file === 'string') {
      internal._pageHostname = String(m.hostname);
      relay();
      var options = m.options || {};
      options.listen = false;
      glue.start(m.file, options).catch(function (e) { post({ t: 'fail', reason: describe(e) }); });
    }
  }

  global.chrome.tabs.getCurrent().then(function (tab) {
    if (!tab || !/^[0-9a-f]{32}$/.test(nonce)) throw new Error('not inserted by an extwasm content script');
    port = global.chrome.tabs.connect(tab.id, { name: 'extwasm-frame:' + nonce });
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(function () {
      pending.forEach(function (p) { p.reject(new Error('extwasm: the content script went away')); });
      pending.clear();
    });
  }).catch(function (e) {
    try { console.error('extwasm-frame: ' + describe(e)); } catch (x) { /* no console */ }
  });
})(globalThis);
