// extwasm.js: loads a Go (GOOS=js) WebAssembly module in an extension service worker, page or content
// script, and makes sure no message is lost or left unanswered while it starts.
//
// Load it after the toolchain's wasm_exec.js, as a classic script (importScripts in a service worker,
// the manifest's content_scripts "js" list in a content script), then call extwasm.start('x.wasm').
//
// Why it exists: a woken MV3 service worker only delivers events to listeners registered during the
// script's first evaluation, and the Go module is not running yet at that point. So this file
// registers the messaging listeners synchronously, attaches port listeners synchronously inside
// onConnect, keeps every reply channel open (by returning true) and buffers until Go says it is
// listening. If the module fails to load, exits or panics, every buffered and later sender gets an
// error reply instead of silence.
//
// Messages cross to Go as one JSON string each way. Nothing here evaluates code or writes HTML.
(function (global) {
  'use strict';
  if (global.extwasm) return; // evaluated twice (e.g. injected again): keep the first instance

  var ENVELOPE = 1;
  var state = {
    ready: false,
    failed: null,      // reason string once the module can no longer answer
    hook: null,        // Go's event sink, set by _ready
    queue: [],         // events received before Go was ready
    replies: new Map(),// id -> sendResponse, for messages handed to Go and not yet answered
    ports: new Map(),  // id -> {port, buf}
    nextId: 1,
    readyWaiters: [],
    readyTimer: null
  };

  var chromeRuntime = global.chrome && global.chrome.runtime;

  function errorEnvelope(code, message) {
    return { extwasm: ENVELOPE, ok: false, error: { code: code, message: String(message) } };
  }

  function lastErrorMessage() {
    var le = chromeRuntime && chromeRuntime.lastError;
    return le && le.message ? String(le.message) : '';
  }

  function safeRespond(sendResponse, value) {
    try { sendResponse(value); } catch (e) { /* the channel already closed: nothing to tell */ }
  }

  function callGo(kind, id, a, b, c) {
    try {
      state.hook(kind, id, a, b, c);
      return true;
    } catch (e) {
      fail('the Go module stopped: ' + describe(e));
      return false;
    }
  }

  function describe(e) {
    if (e && typeof e === 'object' && 'message' in e) return String(e.message);
    return String(e);
  }

  // ---- incoming one-time messages ----

  function onMessageFor(kind) {
    return function (message, sender, sendResponse) {
      if (state.failed) {
        sendResponse(errorEnvelope('internal', state.failed));
        return false;
      }
      if (!state.ready) {
        state.queue.push({ t: 'msg', kind: kind, message: message, sender: sender, sendResponse: sendResponse });
        return true;
      }
      return deliverMessage(kind, message, sender, sendResponse);
    };
  }

  function deliverMessage(kind, message, sender, sendResponse) {
    var text, senderText;
    try {
      text = JSON.stringify(message === undefined ? null : message);
      senderText = JSON.stringify(sender || {});
    } catch (e) {
      sendResponse(errorEnvelope('not_serializable', 'extwasm: message is not JSON: ' + describe(e)));
      return false;
    }
    var id = state.nextId++;
    state.replies.set(id, sendResponse);
    if (!callGo('message', id, kind, text, senderText)) return false;
    return true; // Go always answers, from a goroutine
  }

  // ---- incoming ports ----

  function onConnectFor(kind) {
    return function (port) {
      var rec = { port: port, buf: [], id: state.nextId++, live: true };
      // Attached now, synchronously: messages posted right after connect are otherwise lost.
      port.onMessage.addListener(function (m) {
        if (!rec.live) return;
        if (rec.buf) { rec.buf.push({ t: 'm', m: m }); return; }
        portMessageToGo(rec, m);
      });
      port.onDisconnect.addListener(function () {
        var err = lastErrorMessage();
        if (!rec.live) return;
        rec.live = false;
        state.ports.delete(rec.id);
        if (rec.buf) { rec.buf.push({ t: 'd', err: err }); return; }
        callGo('pdisc', rec.id, err);
      });
      state.ports.set(rec.id, rec);
      if (state.failed) { refusePort(rec, state.failed); return; }
      if (!state.ready) { state.queue.push({ t: 'port', kind: kind, rec: rec }); return; }
      attachPort(kind, rec);
    };
  }

  function attachPort(kind, rec) {
    var senderText = JSON.stringify(rec.port.sender || {});
    var buf = rec.buf;
    rec.buf = null;
    if (!callGo('connect', rec.id, kind, rec.port.name || '', senderText)) return;
    for (var i = 0; i < buf.length; i++) {
      if (buf[i].t === 'm') portMessageToGo(rec, buf[i].m);
      else callGo('pdisc', rec.id, buf[i].err);
    }
  }

  function portMessageToGo(rec, m) {
    var text;
    try { text = JSON.stringify(m === undefined ? null : m); } catch (e) { return; }
    callGo('pmsg', rec.id, text);
  }

  function refusePort(rec, reason) {
    if (!rec.live) return;
    try { rec.port.postMessage(errorEnvelope('internal', reason)); } catch (e) { /* already gone */ }
    try { rec.port.disconnect(); } catch (e) { /* already gone */ }
    rec.live = false;
    state.ports.delete(rec.id);
  }

  // ---- opener ports created by Go ----

  function openPort(port) {
    var rec = { port: port, buf: null, id: state.nextId++, live: true };
    port.onMessage.addListener(function (m) { if (rec.live) portMessageToGo(rec, m); });
    port.onDisconnect.addListener(function () {
      var err = lastErrorMessage();
      if (!rec.live) return;
      rec.live = false;
      state.ports.delete(rec.id);
      callGo('pdisc', rec.id, err);
    });
    state.ports.set(rec.id, rec);
    return rec.id;
  }

  // ---- failure ----

  function fail(reason) {
    if (state.failed) return;
    state.failed = 'extwasm: ' + reason;
    state.ready = false;
    if (state.readyTimer !== null) { clearTimeout(state.readyTimer); state.readyTimer = null; }
    try { console.error(state.failed); } catch (e) { /* no console */ }
    var queued = state.queue.splice(0);
    for (var i = 0; i < queued.length; i++) {
      var it = queued[i];
      if (it.t === 'msg') safeRespond(it.sendResponse, errorEnvelope('internal', state.failed));
    }
    state.replies.forEach(function (sendResponse) {
      safeRespond(sendResponse, errorEnvelope('internal', state.failed));
    });
    state.replies.clear();
    Array.from(state.ports.values()).forEach(function (rec) { refusePort(rec, state.failed); });
    var waiters = state.readyWaiters.splice(0);
    for (var j = 0; j < waiters.length; j++) waiters[j].reject(new Error(state.failed));
  }

  // ---- registration: synchronous, at first evaluation ----

  function listen(event, fn) {
    if (event && typeof event.addListener === 'function') event.addListener(fn);
  }
  if (chromeRuntime) {
    listen(chromeRuntime.onMessage, onMessageFor('internal'));
    listen(chromeRuntime.onConnect, onConnectFor('internal'));
    listen(chromeRuntime.onMessageExternal, onMessageFor('external'));
    listen(chromeRuntime.onConnectExternal, onConnectFor('external'));
  }

  // ---- helpers for Go: every value crosses as one JSON string ----

  function parse(text) { return text === undefined || text === null ? undefined : JSON.parse(text); }
  function stringify(v) { return v === undefined ? undefined : JSON.stringify(v); }
  function call(fn) {
    try { return Promise.resolve(fn()).then(stringify); } catch (e) { return Promise.reject(e); }
  }
  function tabOptions(frameId, documentId) {
    var o = {};
    if (frameId >= 0) o.frameId = frameId;
    if (documentId) o.documentId = documentId;
    return o;
  }

  var internal = {
    _ready: function (hook) {
      if (state.failed) throw new Error(state.failed);
      state.hook = hook;
      state.ready = true;
      if (state.readyTimer !== null) { clearTimeout(state.readyTimer); state.readyTimer = null; }
      var queued = state.queue.splice(0);
      for (var i = 0; i < queued.length; i++) {
        var it = queued[i];
        if (it.t === 'msg') deliverMessage(it.kind, it.message, it.sender, it.sendResponse);
        else attachPort(it.kind, it.rec);
      }
      var waiters = state.readyWaiters.splice(0);
      for (var j = 0; j < waiters.length; j++) waiters[j].resolve();
    },
    _respond: function (id, text) {
      var sendResponse = state.replies.get(id);
      if (!sendResponse) return;
      state.replies.delete(id);
      var value;
      try { value = parse(text); } catch (e) { value = errorEnvelope('internal', 'extwasm: bad reply JSON'); }
      safeRespond(sendResponse, value);
    },
    // Returns '' on success or the error text (e.g. "Attempting to use a disconnected port object").
    _post: function (id, text) {
      var rec = state.ports.get(id);
      if (!rec) return 'Attempting to use a disconnected port object';
      try { rec.port.postMessage(parse(text)); return ''; } catch (e) { return describe(e); }
    },
    _disconnect: function (id) {
      var rec = state.ports.get(id);
      if (!rec) return;
      rec.live = false;
      state.ports.delete(id);
      try { rec.port.disconnect(); } catch (e) { /* disconnecting twice is fine */ }
    },
    _selfId: function () { return (chromeRuntime && chromeRuntime.id) || ''; },
    _send: function (extId, text) {
      return call(function () {
        var m = parse(text);
        return extId ? chromeRuntime.sendMessage(extId, m) : chromeRuntime.sendMessage(m);
      });
    },
    _sendTab: function (tabId, frameId, documentId, text) {
      return call(function () {
        return global.chrome.tabs.sendMessage(tabId, parse(text), tabOptions(frameId, documentId));
      });
    },
    // Resolves with "missing", "loading" or "complete".
    _tabState: function (tabId) {
      return Promise.resolve().then(function () { return global.chrome.tabs.get(tabId); }).then(
        function (tab) { return tab && tab.status === 'loading' ? 'loading' : 'complete'; },
        function () { return 'missing'; });
    },
    _connect: function (extId, name) {
      var info = { name: name };
      return openPort(extId ? chromeRuntime.connect(extId, info) : chromeRuntime.connect(info));
    },
    _connectTab: function (tabId, frameId, documentId, name) {
      var o = tabOptions(frameId, documentId);
      o.name = name;
      return openPort(global.chrome.tabs.connect(tabId, o));
    },
    _sendNative: function (app, text) {
      return call(function () { return chromeRuntime.sendNativeMessage(app, parse(text)); });
    },
    _connectNative: function (app) {
      return openPort(chromeRuntime.connectNative(app));
    },
    _fail: function (reason) { fail(String(reason)); }
  };

  // ---- loading the module ----

  function instantiate(go, url) {
    var WA = global.WebAssembly;
    if (typeof WA.instantiateStreaming === 'function') {
      return WA.instantiateStreaming(global.fetch(url), go.importObject);
    }
    return global.fetch(url)
      .then(function (r) {
        if (!r.ok) throw new Error('fetch ' + url + ': HTTP ' + r.status);
        return r.arrayBuffer();
      })
      .then(function (bytes) { return WA.instantiate(bytes, go.importObject); });
  }

  function whenReady() {
    return new Promise(function (resolve, reject) {
      if (state.ready) resolve();
      else if (state.failed) reject(new Error(state.failed));
      else state.readyWaiters.push({ resolve: resolve, reject: reject });
    });
  }

  var started = false;

  global.extwasm = {
    // start loads and runs file (a path inside the extension). It resolves once Go has called
    // bridge.Ready, and rejects if the module fails to load, exits or does not become ready within
    // options.readyTimeoutMs (default 10000).
    start: function (file, options) {
      if (started) return whenReady();
      started = true;
      var timeout = (options && options.readyTimeoutMs) || 10000;
      var url = chromeRuntime && chromeRuntime.getURL ? chromeRuntime.getURL(file) : file;
      var go;
      try {
        go = new global.Go();
      } catch (e) {
        fail('wasm_exec.js must be loaded before extwasm.js: ' + describe(e));
        return whenReady();
      }
      var exitCode = 0;
      var exit = go.exit;
      go.exit = function (code) { exitCode = code; exit.call(go, code); };
      state.readyTimer = setTimeout(function () {
        state.readyTimer = null;
        if (!state.ready) fail('the Go module did not call bridge.Ready() within ' + timeout + ' ms');
      }, timeout);
      instantiate(go, url).then(function (result) {
        return go.run(result.instance).then(function () {
          fail(exitCode === 0 ? 'the Go program exited' :
            'the Go program exited with code ' + exitCode + ' (a panic or fatal error; see the console)');
        });
      }).catch(function (e) {
        fail('could not run ' + file + ': ' + describe(e));
      });
      return whenReady();
    },
    // status reports "starting", "ready" or the failure reason.
    status: function () { return state.failed || (state.ready ? 'ready' : 'starting'); },
    internal: internal
  };
})(typeof globalThis !== 'undefined' ? globalThis : self);
