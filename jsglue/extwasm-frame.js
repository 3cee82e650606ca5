// extwasm-frame.js: runs a content script's Go module in a hidden extension frame, for pages whose
// Content-Security-Policy blocks WebAssembly in content scripts (a script-src without
// 'wasm-unsafe-eval'). extwasm.js in the content script inserts the frame (extwasm-frame.html, which
// must be web-accessible to the page) when its module fails to compile there.
//
// The frame runs under the extension's CSP, so the module compiles. It opens a private port to the
// content script that made it and does everything that concerns the page through it: messaging goes
// out from the content script (receivers see the content script as the sender, as without the
// frame), incoming messages come in from it, and the DOM helper's operations run there. The port is
// opened with chrome.tabs.connect(tab, {frameId: 0}), to the top frame only: the glue falls back to
// this frame only in a tab's top frame, so that is the frame's parent, the document that inserted it
// (a frame ends with its parent document). Without frameId Chrome would hand the port to the
// extension's content scripts in every frame of the tab. The port is named after the nonce in this
// frame's URL, which the content script checks with the sender's URL.
//
// Only that port talks to this frame, and only in protocol order: one "start" (the content script's
// answer to the connect), then "result" and "dom" answers to calls this frame made, and "hook" events
// once Go is ready; anything else is ignored. This frame listens to no chrome.runtime event itself: as
// an extension page it would otherwise receive what the extension's pages receive, which a content
// script does not.
(function (global) {
  'use strict';
  var glue = global.extwasm, internal = glue.internal;
  var nonce = String(global.location.hash).slice(1);
  var port = null, nextCall = 1, nextPort = -1;
  var pending = new Map(); // call id -> {resolve, reject, dom}
  var goHook = null, started = false;

  function post(m) {
    try { port.postMessage(m); } catch (e) { /* the content script is gone: the frame goes with it */ }
  }

  function describe(e) { return e && typeof e === 'object' && 'message' in e ? String(e.message) : String(e); }

  // ask posts m and resolves with the content script's answer (a message {id, ok, value, error} whose
  // t is "dom" for a DOM operation, "result" for a call).
  function ask(m) {
    return new Promise(function (resolve, reject) {
      m.id = nextCall++;
      pending.set(m.id, { resolve: resolve, reject: reject, dom: m.t === 'dom' });
      post(m);
    });
  }

  function settle(m) {
    var p = pending.get(m.id);
    if (!p || p.dom !== (m.t === 'dom')) return;
    pending.delete(m.id);
    if (m.ok) { p.resolve(m.value); return; }
    var e = new Error(m.error && typeof m.error === 'object' ? m.error.message : String(m.error));
    if (m.error && m.error.name) e.name = m.error.name;
    p.reject(e);
  }

  // relay makes the glue's messaging calls go through the content script.
  function relay() {
    ['_send', '_sendTab', '_tabState', '_sendNative', '_sendPage', '_pageExpect', '_pageConnected'].forEach(function (method) {
      internal[method] = function () { return ask({ t: 'call', method: method, args: Array.prototype.slice.call(arguments) }); };
    });
    ['_connect', '_connectTab', '_connectNative'].forEach(function (method) {
      internal[method] = function () {
        var id = nextPort--; // negative: the content script's own ids are positive
        post({ t: 'call', id: id, method: method, args: Array.prototype.slice.call(arguments) });
        return id;
      };
    });
    ['_respond', '_post', '_disconnect', '_release', '_pageClose'].forEach(function (method) {
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
    // _release tells the content script that Go dropped these element handles (a JSON array); one
    // way, so that Go's cleanups never wait.
    internal._release = function (idsText) { post({ t: 'dom', op: 'release', args: JSON.parse(idsText) }); };
  }

  function onMessage(m, from) {
    if (!m || typeof m !== 'object' || (from && from !== port)) return;
    if (m.t === 'result' || m.t === 'dom') { settle(m); return; }
    if (m.t === 'hook' && goHook && Array.isArray(m.args)) {
      try { goHook.apply(null, m.args); } catch (e) { post({ t: 'fail', reason: 'extwasm: the Go module stopped: ' + describe(e) }); }
      return;
    }
    if (m.t === 'start' && !started && typeof m.file === 'string') {
      started = true;
      internal._pageHostname = String(m.hostname);
      relay();
      var options = m.options || {};
      options.listen = false;
      glue.start(m.file, options).catch(function (e) { post({ t: 'fail', reason: describe(e) }); });
    }
  }

  global.chrome.tabs.getCurrent().then(function (tab) {
    if (!tab || !/^[0-9a-f]{32}$/.test(nonce)) throw new Error('not inserted by an extwasm content script');
    if (global.parent === global || global.parent !== global.top) throw new Error('not framed by a top frame');
    port = global.chrome.tabs.connect(tab.id, { name: 'extwasm-frame:' + nonce, frameId: 0 });
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(function () {
      pending.forEach(function (p) { p.reject(new Error('extwasm: the content script went away')); });
      pending.clear();
    });
  }).catch(function (e) {
    try { console.error('extwasm-frame: ' + describe(e)); } catch (x) { /* no console */ }
  });
})(globalThis);
