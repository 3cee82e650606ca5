// extwasm-page.js: the page's main-world end of a content script's page-world channel
// (bridge.OpenPageWorld in the content script's Go).
//
// Inject it into the page's main world from the worker (chrome.scripting.executeScript({world:
// 'MAIN', files: ['extwasm-page.js', ...]})), then connect with the nonce the content script made,
// passed to the injected code out of band (a second executeScript's args, which no page script can
// read):
//
//   var ch = extwasmPage.connect(nonce);
//   ch.handle('page.title', function (body) { return { title: document.title }; });
//   ch.call('vault.lookup', { origin: location.origin }).then(function (reply) { ... });
//
// connect makes a MessageChannel and transfers one port to the frame's own window (never another
// frame: the target origin is the page's own and the target its own window) with the nonce; the
// content script takes it and stops listening to window messages. All traffic then goes over the
// port, as extwasm envelopes ({extwasm: 1, route, body}; replies {extwasm: 1, ok, body | error}).
// Messages are structured clones: what does not clone throws from call.
//
// What it does not hide: this runs in the page's world, so the page's own scripts can do all it
// does, and a page script listening on window when connect runs gets the port too (Chromium hands a
// port transferred to a window to every listener). The content script treats whatever arrives as
// the page's.
(function (global) {
  'use strict';
  if (global.extwasmPage) return;

  var VERSION = 1;
  var MAX_PENDING = 1000; // calls waiting for the content script

  function envelopeError(code, message) {
    return { extwasm: VERSION, ok: false, error: { code: code, message: String(message) } };
  }

  function isEnvelope(m) {
    return m !== null && typeof m === 'object' && !Array.isArray(m) && Object.prototype.hasOwnProperty.call(m, 'extwasm');
  }

  // callError turns an error envelope into an Error with the envelope's code.
  function callError(e) {
    var err = new Error(e && typeof e.message === 'string' ? e.message : 'extwasm: malformed error reply');
    err.code = e && typeof e.code === 'string' ? e.code : 'internal';
    return err;
  }

  function connect(nonce, options) {
    if (typeof nonce !== 'string' || nonce === '') throw new TypeError('extwasmPage.connect: the nonce must be a non-empty string');
    var timeoutMs = options && typeof options.timeoutMs === 'number' ? options.timeoutMs : 10000;
    var mc = new MessageChannel();
    var port = mc.port1;
    var pending = new Map();
    var handlers = new Map();
    var nextId = 1;
    var closed = false;

    function post(m) {
      try { port.postMessage(m); } catch (e) { /* a reply that does not clone: answered below */ return e; }
      return null;
    }

    function answer(id, value) {
      var failed = post({ t: 'reply', id: id, msg: { extwasm: VERSION, ok: true, body: value === undefined ? null : value } });
      if (failed) post({ t: 'reply', id: id, msg: envelopeError('not_serializable', 'reply: ' + failed.message) });
    }

    function serve(d) {
      var m = d.msg;
      if (!isEnvelope(m) || typeof m.route !== 'string') { post({ t: 'reply', id: d.id, msg: envelopeError('invalid', 'not an extwasm request') }); return; }
      var fn = handlers.get(m.route);
      if (!fn) { post({ t: 'reply', id: d.id, msg: envelopeError('not_found', 'no handler for route ' + JSON.stringify(m.route)) }); return; }
      Promise.resolve().then(function () { return fn(m.body === undefined ? null : m.body); }).then(
        function (v) { answer(d.id, v); },
        function (e) { post({ t: 'reply', id: d.id, msg: envelopeError('remote', e && e.message ? e.message : String(e)) }); });
    }

    port.onmessage = function (e) {
      var d = e.data;
      if (d === null || typeof d !== 'object' || typeof d.id !== 'number') return;
      if (d.t === 'call') { serve(d); return; }
      if (d.t !== 'reply') return;
      var p = pending.get(d.id);
      if (!p) return;
      pending.delete(d.id);
      clearTimeout(p.timer);
      var r = d.msg;
      if (!isEnvelope(r)) p.reject(callError({ code: 'invalid', message: 'extwasm: the content script did not reply with an envelope' }));
      else if (r.ok === true) p.resolve(r.body);
      else p.reject(callError(r.error));
    };

    // The handshake: the frame's own window, the page's own origin, one port.
    global.postMessage({ extwasmPage: VERSION, nonce: nonce }, global.location.origin, [mc.port2]);

    return {
      // call sends body on route to the content script's Go and resolves with the reply's body, or
      // rejects with an Error whose code is the envelope's (denied, not_found, invalid,
      // too_large, busy, remote, timeout, ...).
      call: function (route, body) {
        if (closed) return Promise.reject(callError({ code: 'disconnected', message: 'extwasmPage: the channel is closed' }));
        if (typeof route !== 'string') return Promise.reject(new TypeError('extwasmPage.call: the route must be a string'));
        if (pending.size >= MAX_PENDING) return Promise.reject(callError({ code: 'busy', message: 'extwasmPage: ' + MAX_PENDING + ' calls are waiting; retry later' }));
        var id = nextId++;
        return new Promise(function (resolve, reject) {
          var rec = { resolve: resolve, reject: reject, timer: null };
          rec.timer = setTimeout(function () {
            pending.delete(id);
            reject(callError({ code: 'timeout', message: 'extwasmPage: no reply to ' + route + ' within ' + timeoutMs + ' ms' }));
          }, timeoutMs);
          pending.set(id, rec);
          var failed = post({ t: 'call', id: id, msg: { extwasm: VERSION, route: route, body: body === undefined ? null : body } });
          if (failed) { pending.delete(id); clearTimeout(rec.timer); reject(failed); }
        });
      },
      // handle answers the content script's calls on route with fn(body), whose result (or
      // promise) is the reply; a thrown error or rejection becomes a 'remote' error.
      handle: function (route, fn) {
        if (typeof route !== 'string' || typeof fn !== 'function') throw new TypeError('extwasmPage.handle: a route and a function are needed');
        handlers.set(route, fn);
      },
      // close ends the channel; the content script is not told (MessagePort has no close event).
      close: function () {
        closed = true;
        port.close();
        pending.forEach(function (p) { clearTimeout(p.timer); p.reject(callError({ code: 'disconnected', message: 'extwasmPage: the channel is closed' })); });
        pending.clear();
      }
    };
  }

  Object.defineProperty(global, 'extwasmPage', { value: Object.freeze({ connect: connect }), enumerable: false, configurable: false, writable: false });
})(typeof globalThis !== 'undefined' ? globalThis : self);
