// extwasm.js: loads a Go (GOOS=js) WebAssembly module in an extension service worker, page or content
// script, and makes sure no message is lost or left unanswered while it starts.
//
// Load it after the toolchain's wasm_exec.js, as a classic script (importScripts in a service worker,
// the manifest's content_scripts "js" list in a content script), then call extwasm.start('x.wasm').
//
// Why it exists: a woken MV3 service worker only delivers events to listeners registered during the
// script's first evaluation, and the Go module is not running yet at that point. So this file
// registers the messaging listeners synchronously, attaches port listeners synchronously inside
// onConnect, keeps the reply channel open (by returning true) for the messages Go handles and buffers
// until Go says it is listening, within bounds (LIMITS: past one, that sender gets a 'busy' error). If
// the module fails to load, exits or panics, every buffered and later sender gets an 'unavailable'
// error reply with the reason at once, instead of silence.
//
// First reply wins: Chrome delivers a one-time message to every listening context of the extension
// and keeps the first reply. So this glue answers only messages its Go module handles (an envelope
// whose route Go registered, or any other message its raw handler claims) and stays silent for the
// rest: its listener returns false and never calls sendResponse, and another context (a plain-JS
// popup, an offscreen page) can answer. The decision must be synchronous, while Go may still be
// starting, so it is made from a table: before Go is ready, the one declared in start's options
// ({routes, raw}); once ready, Go's own. With no declaration, every envelope is kept and no other
// message is (the residual case: a declared table that misses a route Go then registers, or an
// undeclared raw handler, answers not_found or is not reached; the glue warns at Ready when the
// declaration and Go's table differ).
//
// Events that can wake a worker (start's options.events, e.g. ['alarms.onAlarm']) are registered by
// start synchronously, so Chrome wakes the worker for them, and buffered until Go subscribes. Only
// list the events the worker's Go code listens to: each one makes Chrome start the worker when it
// fires.
//
// For pages without Go it also offers a small client: extwasm.send(route, body, target) and
// extwasm.connect(name, target) (see extwasm.d.ts).
//
// Messages cross to Go as one JSON string each way (in the clone form under structured clone). Nothing here evaluates code or writes HTML.
(function (global) {
  'use strict';
  if (global.extwasm) return; // evaluated twice (e.g. injected again): keep the first instance

  var ENVELOPE = 1;
  var state = {
    ready: false,
    failed: null,      // reason string once the module can no longer answer
    hook: null,        // Go's event sink, set by _ready
    queue: [],         // events received before Go was ready
    replies: new Map(),// id -> held message (see onMessageFor), handed to Go and not yet answered
    ports: new Map(),  // id -> {port, buf}
    held: { msgs: 0, msgBytes: 0, portBytes: 0 }, // what senders make this context hold: see LIMITS
    incoming: 0,       // ports other contexts have open to this one
    replied: false,    // Go has answered a one-time message: the first one is marked
    nextId: 1,
    readyWaiters: [],
    readyTimer: null,
    declared: null,    // {routes: Set|null, raw: bool} from start's options, used until Go is ready
    handles: null,     // Go's own table, set by _handles
    events: new Map(), // 'ns.onX' -> {buf: [args JSON], sink: fn|null}, for start's options.events
    startedAt: -1,     // performance.now() when start was called, and when Go became ready
    readyAt: -1
  };

  var MAX_BUFFERED_EVENTS = 1000; // per event, until Go subscribes: a bound, not a quota

  // LIMITS bound what senders can make this context hold, until Go's table (_handles) brings Go's
  // own values; they are bridge's MaxPendingMessages, MaxPendingBytes, MaxPortQueue,
  // MaxPortQueueBytes and MaxOpenPorts, whose doc comments say what each bounds (a Go test keeps
  // these equal). Past one, that sender alone gets a 'busy' error envelope (a port: the envelope,
  // then a disconnect) and the console a warning at most every WARN_EVERY_MS. Sizes are characters
  // of the message's JSON text, known before anything is copied into Go's memory; a message is
  // admitted into an empty buffer whatever its size.
  var LIMITS = { pendingMessages: 1000, pendingBytes: 33554432, portQueue: 1000, portQueueBytes: 8388608, openPorts: 1000 };
  var WARN_EVERY_MS = 10000;
  var warned = { at: -Infinity, suppressed: 0 };

  function limits() { return (state.handles && state.handles.limits) || LIMITS; }

  // validLimits keeps Go's limits when they are all numbers, else null (LIMITS then apply).
  function validLimits(l) {
    if (!l || typeof l !== 'object') return null;
    for (var k in LIMITS) if (typeof l[k] !== 'number') return null;
    return l;
  }

  // warnRefused writes one console warning per flood, not one per refused message.
  function warnRefused(text) {
    var now = Date.now();
    if (now - warned.at < WARN_EVERY_MS) { warned.suppressed++; return; }
    if (warned.suppressed) text += ' (and ' + warned.suppressed + ' more refused since the last warning)';
    warned.at = now;
    warned.suppressed = 0;
    try { console.warn('extwasm: ' + text); } catch (e) { /* no console */ }
  }

  // maxBytesFor is the largest text Go accepts for a held message it (its route's MaxBytes, or the raw
  // handler's); before Go's table, Chrome's own limit already bounds it.
  function maxBytesFor(it) {
    var m = state.handles && state.handles.maxBytes;
    if (!m) return Infinity;
    if (!it.envelope) return typeof m.raw === 'number' ? m.raw : Infinity;
    var n = m.routes && typeof it.route === 'string' && Object.prototype.hasOwnProperty.call(m.routes, it.route) ? m.routes[it.route] : undefined;
    return typeof n === 'number' ? n : Infinity; // no such route: Go answers not_found
  }

  // tooLarge is the error envelope for a message of size characters over Go's limit max, or null.
  function tooLarge(size, max) {
    if (size <= max) return null;
    warnRefused('refused a message of ' + size + ' characters: over the limit of ' + max + ' bytes');
    return errorEnvelope('too_large', 'message of ' + size + ' characters exceeds the limit of ' + max + ' bytes');
  }

  // mark leaves a User Timing mark ('extwasm.start', 'extwasm.instantiated', 'extwasm.ready',
  // 'extwasm.first-reply'), so DevTools' Performance panel and the benchmark see where a cold start
  // goes.
  function mark(name) {
    try { if (global.performance && global.performance.mark) global.performance.mark(name); } catch (e) { /* no timing here */ }
  }

  // table returns what decides whether this context answers a message: Go's table once it is ready,
  // else the declared one, else every envelope and nothing else.
  function table() {
    return state.handles || state.declared || { routes: null, raw: false };
  }

  function isEnvelope(m) {
    // As the Go side decides (envelope.IsEnvelope): the key's presence, whatever its version.
    return m !== null && typeof m === 'object' && !Array.isArray(m) && Object.prototype.hasOwnProperty.call(m, 'extwasm');
  }

  // wants reports, synchronously, whether this context's Go module answers message. On external
  // channels only the routes that admit some external sender count (the table's external part,
  // when it has one): for another extension or a web page the rest do not exist.
  function wants(kind, message) {
    var t = table();
    var routes = t.routes, raw = t.raw;
    if (kind === 'external' && t.external !== undefined) { routes = t.external; raw = t.externalRaw; }
    if (isEnvelope(message)) {
      return routes === null || (typeof message.route === 'string' && routes.has(message.route));
    }
    return !!raw && hasRawKey(message, t.rawKeys);
  }

  // hasRawKey reports whether a raw handler narrowed to keys (null: every message) claims message:
  // a plain object with at least one of them as its own key (bridge.RawKeys).
  function hasRawKey(message, keys) {
    if (!keys) return true;
    if (message === null || typeof message !== 'object' || Array.isArray(message)) return false;
    for (var i = 0; i < keys.length; i++) {
      if (Object.prototype.hasOwnProperty.call(message, keys[i])) return true;
    }
    return false;
  }

  // rawKeysOf reads a declaration's or Go table's raw keys: a list of strings, else null (every
  // message).
  function rawKeysOf(v) {
    if (!Array.isArray(v)) return null;
    return v.filter(function (k) { return typeof k === 'string'; });
  }

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

  // packedHook hands Go an event as one text, kind and fields joined by newlines, and the id: every
  // string argument that crosses into Go costs it a finalised js.Value and three calls out. A field
  // that may hold any text comes last: a port's name, a disconnect's error; the others are names,
  // numbers or JSON texts, which have no raw newline.
  function packedHook(hook) {
    return function (kind, id, a, b, c) {
      var text;
      if (kind === 'message') text = kind + '\n' + a + '\n' + b + '\n' + c;
      else if (kind === 'connect') text = kind + '\n' + a + '\n' + c + '\n' + b;
      else text = kind + '\n' + a;
      return hook(text, id);
    };
  }

  function describe(e) {
    if (e && typeof e === 'object' && 'message' in e) return String(e.message);
    return String(e);
  }

  // ---- incoming one-time messages ----

  // A message this context answers is held, as its text, from here until Go replies (or the glue
  // answers for it): queued until Go is ready, then in state.replies. The text is made at once, so
  // its size is known before it is held or copied into Go's memory.
  function onMessageFor(kind) {
    return function (message, sender, sendResponse) {
      if (!wants(kind, message)) return false; // not ours: another context may answer
      if (state.failed) {
        sendResponse(errorEnvelope(UNAVAILABLE, state.failed));
        return false;
      }
      var it = { kind: kind, envelope: isEnvelope(message), route: null, text: '', senderText: '', size: 0, sendResponse: sendResponse };
      if (it.envelope) it.route = message.route;
      try {
        it.text = toGoText(message === undefined ? null : message);
        it.senderText = JSON.stringify(sender || {});
      } catch (e) {
        sendResponse(errorEnvelope('not_serializable', 'extwasm: message is not JSON: ' + describe(e)));
        return false;
      }
      it.size = it.text.length;
      var refusal = tooLarge(it.size, maxBytesFor(it)) || busyFor(it.size);
      if (refusal) {
        sendResponse(refusal);
        return false;
      }
      state.held.msgs++;
      state.held.msgBytes += it.size;
      if (!state.ready) {
        state.queue.push({ t: 'msg', it: it });
        return true;
      }
      return deliverMessage(it);
    };
  }

  // busyFor is the error envelope for a message of size characters that would take the held
  // one-time messages past LIMITS, or null.
  function busyFor(size) {
    var l = limits(), h = state.held, why = '';
    if (h.msgs >= l.pendingMessages) why = h.msgs + ' messages are waiting for an answer';
    else if (h.msgs > 0 && h.msgBytes + size > l.pendingBytes) why = h.msgBytes + ' characters of messages are waiting for an answer, limit ' + l.pendingBytes;
    if (!why) return null;
    warnRefused('refused a message: ' + why);
    return errorEnvelope('busy', 'extwasm: receiver busy: ' + why + '; retry later');
  }

  // answered answers a held message and stops counting it.
  function answered(it, value) {
    state.held.msgs--;
    state.held.msgBytes -= it.size;
    safeRespond(it.sendResponse, value);
  }

  function deliverMessage(it) {
    var id = state.nextId++;
    var text = it.text;
    it.text = ''; // Go has its own copy now
    state.replies.set(id, it);
    if (!callGo('message', id, it.kind, text, it.senderText)) return false;
    return true; // Go always answers, from a goroutine
  }

  // ---- incoming ports ----

  // An incoming port buffers the texts of its messages until Go is ready, within LIMITS. A port
  // whose other side disconnects before then is dropped with what it sent: Go never hears of it.
  function onConnectFor(kind) {
    return function (port) {
      if (takeFramePort(port)) return; // the extension frame's private channel (see frameHost)
      var rec = { port: port, buf: [], bufBytes: 0, id: state.nextId++, live: true, incoming: true };
      // Attached now, synchronously: messages posted right after connect are otherwise lost.
      port.onMessage.addListener(function (m) {
        if (!rec.live) return;
        if (rec.buf) { bufferPortMessage(rec, m); return; }
        portMessageToGo(rec, m);
      });
      port.onDisconnect.addListener(function () {
        var err = lastErrorMessage();
        if (!rec.live) return;
        var attached = !rec.buf;
        retire(rec);
        if (attached) callGo('pdisc', rec.id, err);
      });
      state.ports.set(rec.id, rec);
      state.incoming++;
      if (state.failed) { refusePort(rec, UNAVAILABLE, state.failed); return; }
      if (state.incoming > limits().openPorts) { refuseBusy(rec, (state.incoming - 1) + ' ports are open to this context'); return; }
      if (!state.ready) { state.queue.push({ t: 'port', kind: kind, rec: rec }); return; }
      attachPort(kind, rec);
    };
  }

  // retire forgets a port that is gone or refused, with what it had buffered.
  function retire(rec) {
    rec.live = false;
    state.ports.delete(rec.id);
    if (rec.incoming) state.incoming--;
    if (rec.buf) {
      state.held.portBytes -= rec.bufBytes;
      rec.buf = [];
      rec.bufBytes = 0;
    }
  }

  function bufferPortMessage(rec, m) {
    var text;
    try { text = toGoText(m === undefined ? null : m); } catch (e) { return; } // as once Go is ready
    var l = limits(), n = rec.buf.length, why = '';
    if (n >= l.portQueue) why = n + ' messages are waiting to be received';
    else if (n > 0 && rec.bufBytes + text.length > l.portQueueBytes) why = rec.bufBytes + ' characters are waiting to be received, limit ' + l.portQueueBytes;
    else if (state.held.portBytes > 0 && state.held.portBytes + text.length > l.pendingBytes) why = 'this context\'s ports hold ' + state.held.portBytes + ' characters waiting to be received, limit ' + l.pendingBytes;
    if (why) { refuseBusy(rec, why); return; }
    rec.buf.push(text);
    rec.bufBytes += text.length;
    state.held.portBytes += text.length;
  }

  function attachPort(kind, rec) {
    if (!rec.live) return; // gone or refused before Go was ready
    var senderText = JSON.stringify(rec.port.sender || {});
    var buf = rec.buf;
    state.held.portBytes -= rec.bufBytes;
    rec.buf = null;
    rec.bufBytes = 0;
    if (!callGo('connect', rec.id, kind, rec.port.name || '', senderText)) return;
    for (var i = 0; i < buf.length && rec.live; i++) textToGo(rec, buf[i]);
  }

  function portMessageToGo(rec, m) {
    var text;
    try { text = toGoText(m === undefined ? null : m); } catch (e) { return; }
    textToGo(rec, text);
  }

  // textToGo hands a port message to Go, or only its size when it is over every incoming port's
  // MaxBytes (Go's Receive reports too_large for it).
  function textToGo(rec, text) {
    var m = rec.incoming && state.handles && state.handles.maxBytes;
    if (m && typeof m.ports === 'number' && text.length > m.ports) {
      warnRefused('a message of ' + text.length + ' characters on port ' + JSON.stringify(rec.port.name || '') + ' is over the limit of ' + m.ports + ' bytes');
      callGo('pbig', rec.id, text.length);
      return;
    }
    callGo('pmsg', rec.id, text);
  }

  function refuseBusy(rec, why) {
    warnRefused('refused port ' + JSON.stringify(rec.port.name || '') + ': ' + why);
    refusePort(rec, 'busy', 'extwasm: receiver busy: ' + why + '; retry later');
  }

  function refusePort(rec, code, reason) {
    if (!rec.live) return;
    try { rec.port.postMessage(errorEnvelope(code, reason)); } catch (e) { /* already gone */ }
    try { rec.port.disconnect(); } catch (e) { /* already gone */ }
    retire(rec);
  }

  // ---- opener ports created by Go ----

  function openPort(port) {
    var rec = { port: port, buf: null, id: state.nextId++, live: true };
    port.onMessage.addListener(function (m) { if (rec.live) portMessageToGo(rec, m); });
    port.onDisconnect.addListener(function () {
      var err = lastErrorMessage();
      if (!rec.live) return;
      retire(rec);
      callGo('pdisc', rec.id, err);
    });
    state.ports.set(rec.id, rec);
    return rec.id;
  }

  // ---- failure ----

  // UNAVAILABLE is the code of every answer a context gives once its module can no longer answer
  // (it failed to load, exited, panicked or never became ready): bridge.ErrUnavailable in Go.
  var UNAVAILABLE = 'unavailable';

  // fail answers every held message and port with the reason, at once, and every later one as it
  // comes. It never throws: it runs from the worker's top level too.
  function fail(reason) {
    if (state.failed) return;
    state.failed = 'extwasm: ' + reason;
    state.ready = false;
    if (state.readyTimer !== null) { clearTimeout(state.readyTimer); state.readyTimer = null; }
    try { console.error(state.failed); } catch (e) { /* no console */ }
    var queued = state.queue.splice(0);
    for (var i = 0; i < queued.length; i++) {
      if (queued[i].t === 'msg') answered(queued[i].it, errorEnvelope(UNAVAILABLE, state.failed));
    }
    state.replies.forEach(function (it) { answered(it, errorEnvelope(UNAVAILABLE, state.failed)); });
    state.replies.clear();
    Array.from(state.ports.values()).forEach(function (rec) { refusePort(rec, UNAVAILABLE, state.failed); });
    var waiters = state.readyWaiters.splice(0);
    for (var j = 0; j < waiters.length; j++) waiters[j].reject(new Error(state.failed));
  }

  // ---- registration: synchronous, at first evaluation ----

  // Called by start, which a worker calls at top level: a page that loads this file only for the
  // client registers nothing, so senders still learn from Chrome that nobody listens there.
  //
  // listen adds fn to the event chrome.<name> and reports whether it could. An event that cannot be
  // registered costs that event only: one console error, never a throw at the top level, where a
  // throw would keep Go from starting and leave every sender waiting for its deadline.
  function listen(name, fn) {
    var target;
    try {
      target = chromeEvent(name);
    } catch (e) {
      return unregistered(name, describe(e));
    }
    if (!target) return unregistered(name, 'chrome.' + name + ' does not exist here (a missing permission or a typo?)');
    try {
      target.addListener(fn);
    } catch (e) {
      return unregistered(name, describe(e));
    }
    return true;
  }
  function unregistered(name, why) {
    try { console.error('extwasm: cannot listen to ' + name + ': ' + why); } catch (e) { /* no console */ }
    return false;
  }
  function listenMessaging() {
    if (!chromeRuntime) return;
    // Those Chrome lacks in a context (onMessageExternal without externally_connectable in a
    // content script) are skipped quietly: they cannot fire there.
    var events = [['onMessage', onMessageFor('internal')], ['onConnect', onConnectFor('internal')],
      ['onMessageExternal', onMessageFor('external')], ['onConnectExternal', onConnectFor('external')]];
    events = events.concat(userScriptEvents());
    for (var i = 0; i < events.length; i++) {
      var ev;
      try { ev = chromeRuntime[events[i][0]]; } catch (e) { ev = null; }
      if (ev && typeof ev.addListener === 'function') listen('runtime.' + events[i][0], events[i][1]);
    }
  }

  // userScriptEvents are the events user scripts' messages and ports arrive on (a world of
  // chrome.userScripts whose configuration enables messaging): Chrome never fires onMessage or
  // onConnect for them. They exist in the worker and extension pages, registered at top level and
  // buffered before Go is ready within the same LIMITS as the others; the 'userscript' kind tells
  // Go the channel, which is what tells a user script from a content script.
  function userScriptEvents() {
    return [['onUserScriptMessage', onMessageFor('userscript')], ['onUserScriptConnect', onConnectFor('userscript')]];
  }

  // ---- helpers for Go: every value crosses as one JSON string ----

  function parse(text) { return text === undefined || text === null ? undefined : JSON.parse(text); }
  function stringify(v) { return v === undefined ? undefined : JSON.stringify(v); }
  function call(fn) {
    try { return Promise.resolve(fn()).then(stringify); } catch (e) { return Promise.reject(e); }
  }
  function callMessaging(fn) {
    try {
      return Promise.resolve(fn()).then(function (v) { return v === undefined ? undefined : toGoText(v); });
    } catch (e) { return Promise.reject(e); }
  }

  // ---- structured clone ----
  // With "message_serialization": "structured_clone" in the manifest, Chrome carries Uint8Array,
  // Date, BigInt, Map, Set, NaN and -0 in messages. They still cross to Go as one text, in the clone
  // form Go reads (internal/envelope, LowerClone): JSON where such a value is an object with one key
  // starting with NUL, and where an ordinary key starting with NUL gets one more in front.

  var NUL = '\u0000';
  var cloneMode = null;
  function structuredClone() {
    if (cloneMode === null) {
      var m = null;
      try { m = chromeRuntime && typeof chromeRuntime.getManifest === 'function' ? chromeRuntime.getManifest() : null; } catch (e) { m = null; }
      cloneMode = !!(m && m.message_serialization === 'structured_clone');
    }
    return cloneMode;
  }
  function toGoText(v) { return structuredClone() ? JSON.stringify(toCloneForm(v, [])) : JSON.stringify(v); }
  function fromGoText(text) {
    if (text === undefined || text === null) return undefined;
    return structuredClone() ? JSON.parse(text, reviveClone) : JSON.parse(text);
  }
  function tagged(tag, v) { var o = {}; o[NUL + tag] = v; return o; }
  function orNull(v) { return v === undefined ? null : v; }
  // Base64 by hand: atob and btoa are not in every realm that runs this file.
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function bytesToBase64(u8) {
    var out = [];
    for (var i = 0; i < u8.length; i += 3) {
      var n = (u8[i] << 16) | ((i + 1 < u8.length ? u8[i + 1] : 0) << 8) | (i + 2 < u8.length ? u8[i + 2] : 0);
      out.push(B64.charAt(n >> 18 & 63), B64.charAt(n >> 12 & 63),
        i + 1 < u8.length ? B64.charAt(n >> 6 & 63) : '=', i + 2 < u8.length ? B64.charAt(n & 63) : '=');
    }
    return out.join('');
  }
  function base64ToBytes(b64) {
    if (typeof b64 !== 'string' || b64.length % 4 !== 0) throw new TypeError('malformed base64');
    var pad = b64.charAt(b64.length - 1) === '=' ? (b64.charAt(b64.length - 2) === '=' ? 2 : 1) : 0;
    var u8 = new Uint8Array(b64.length / 4 * 3 - pad);
    for (var i = 0, j = 0; i < b64.length; i += 4) {
      var n = 0;
      for (var k = 0; k < 4; k++) {
        var c = b64.charAt(i + k);
        var v = c === '=' ? 0 : B64.indexOf(c);
        if (v < 0) throw new TypeError('malformed base64');
        n = n << 6 | v;
      }
      if (j < u8.length) u8[j++] = n >> 16 & 255;
      if (j < u8.length) u8[j++] = n >> 8 & 255;
      if (j < u8.length) u8[j++] = n & 255;
    }
    return u8;
  }
  function setOwn(o, k, v) { Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true }); }
  // toCloneForm throws for what has no Go meaning (functions, cycles, RegExp, Error, other typed
  // arrays): the sender gets a not_serializable error reply.
  function toCloneForm(v, stack) {
    switch (typeof v) {
      case 'number':
        if (v !== v) return tagged('number', 'NaN');
        if (v === Infinity || v === -Infinity) return tagged('number', String(v));
        if (v === 0 && 1 / v < 0) return tagged('number', '-0');
        return v;
      case 'bigint': return tagged('bigint', v.toString());
      case 'string': case 'boolean': return v;
      case 'undefined': return undefined;
      case 'object': break;
      default: throw new TypeError('a ' + typeof v + ' has no Go form');
    }
    if (v === null) return null;
    if (stack.indexOf(v) >= 0) throw new TypeError('a cyclic value has no Go form');
    if (v instanceof Uint8Array) return tagged('bytes', bytesToBase64(v));
    if (v instanceof ArrayBuffer) return tagged('bytes', bytesToBase64(new Uint8Array(v)));
    if (v instanceof Date) { var t = v.getTime(); return tagged('date', t === t ? t : null); }
    stack.push(v);
    try {
      if (v instanceof Map) {
        var entries = [];
        v.forEach(function (x, k) { entries.push([orNull(toCloneForm(k, stack)), orNull(toCloneForm(x, stack))]); });
        return tagged('map', entries);
      }
      if (v instanceof Set) {
        var values = [];
        v.forEach(function (x) { values.push(orNull(toCloneForm(x, stack))); });
        return tagged('set', values);
      }
      if (Array.isArray(v)) {
        var a = [];
        for (var i = 0; i < v.length; i++) a.push(orNull(toCloneForm(v[i], stack)));
        return a;
      }
      var proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError('a ' + Object.prototype.toString.call(v).slice(8, -1) + ' has no Go form');
      }
      var o = {};
      Object.keys(v).forEach(function (k) {
        var x = toCloneForm(v[k], stack);
        if (x !== undefined) setOwn(o, k.charAt(0) === NUL ? NUL + k : k, x);
      });
      return o;
    } finally {
      stack.pop();
    }
  }
  function reviveClone(key, v) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    var keys = Object.keys(v);
    if (keys.length === 1 && keys[0].charAt(0) === NUL && keys[0].charAt(1) !== NUL) {
      var x = v[keys[0]];
      switch (keys[0].slice(1)) {
        case 'bytes': return base64ToBytes(x);
        case 'date': return new Date(x === null ? NaN : x);
        case 'bigint': return BigInt(x);
        case 'number': return Number(x);
        case 'map': return new Map(x);
        case 'set': return new Set(x);
      }
      throw new TypeError('unknown clone tag ' + keys[0].slice(1));
    }
    if (!keys.some(function (k) { return k.charAt(0) === NUL; })) return v;
    var o = {};
    keys.forEach(function (k) { setOwn(o, k.charAt(0) === NUL ? k.slice(1) : k, v[k]); });
    return o;
  }

  function tabOptions(frameId, documentId) {
    var o = {};
    if (frameId >= 0) o.frameId = frameId;
    if (documentId) o.documentId = documentId;
    return o;
  }

  var internal = {
    // _ready installs Go's event sink. With packed, Go takes each event as one text and the id
    // (see packedHook); otherwise as (kind, id, a, b, c).
    _ready: function (hook, packed) {
      if (state.failed) throw new Error(state.failed);
      state.hook = packed === true ? packedHook(hook) : hook;
      state.ready = true;
      if (global.performance) state.readyAt = global.performance.now();
      mark('extwasm.ready');
      warnDeclarationDiffers();
      state.events.forEach(function (ev, name) {
        if (ev.sink) return;
        ev.buf = null; // Go listens to nothing here: stop buffering
        try { console.warn('extwasm: ' + name + ' is in start\'s events but Go did not subscribe to it'); } catch (e) { /* no console */ }
      });
      if (state.readyTimer !== null) { clearTimeout(state.readyTimer); state.readyTimer = null; }
      // Go's table came just before (_handles): what is over its limits is refused here, before
      // it is copied into Go's memory.
      var queued = state.queue.splice(0);
      for (var i = 0; i < queued.length; i++) {
        var q = queued[i];
        if (q.t === 'port') { attachPort(q.kind, q.rec); continue; }
        var refusal = tooLarge(q.it.size, maxBytesFor(q.it));
        if (refusal) answered(q.it, refusal);
        else deliverMessage(q.it);
      }
      var waiters = state.readyWaiters.splice(0);
      for (var j = 0; j < waiters.length; j++) waiters[j].resolve();
    },
    _respond: function (id, text) {
      var it = state.replies.get(id);
      if (!it) return;
      state.replies.delete(id);
      if (!state.replied) { state.replied = true; mark('extwasm.first-reply'); }
      var value;
      try { value = fromGoText(text); } catch (e) { value = errorEnvelope('internal', 'extwasm: bad reply JSON'); }
      answered(it, value);
    },
    // Returns '' on success or the error text (e.g. "Attempting to use a disconnected port object").
    _post: function (id, text) {
      var rec = state.ports.get(id);
      if (!rec) return 'Attempting to use a disconnected port object';
      try { rec.port.postMessage(rec.native ? parse(text) : fromGoText(text)); return ''; } catch (e) { return describe(e); }
    },
    _disconnect: function (id) {
      var rec = state.ports.get(id);
      if (!rec) return;
      retire(rec);
      try { rec.port.disconnect(); } catch (e) { /* disconnecting twice is fine */ }
    },
    // _release forgets a port Go leaves alone (no handler for its name): no message and no
    // disconnect, which would end the channel for every receiver, so another context can keep it.
    _release: function (id) {
      var rec = state.ports.get(id);
      if (rec) retire(rec);
    },
    _selfId: function () { return (chromeRuntime && chromeRuntime.id) || ''; },
    _send: function (extId, text) {
      return callMessaging(function () {
        var m = fromGoText(text);
        return extId ? chromeRuntime.sendMessage(extId, m) : chromeRuntime.sendMessage(m);
      });
    },
    _sendTab: function (tabId, frameId, documentId, text) {
      return callMessaging(function () {
        return global.chrome.tabs.sendMessage(tabId, fromGoText(text), tabOptions(frameId, documentId));
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
      var id = openPort(chromeRuntime.connectNative(app));
      state.ports.get(id).native = true; // native messaging is JSON whatever the manifest says
      return id;
    },
    // _serialization is the manifest's message_serialization: "json" or "structured_clone".
    _serialization: function () { return structuredClone() ? 'structured_clone' : 'json'; },
    _fail: function (reason) { fail(String(reason)); },
    // _setup is start without loading a module, for a host that runs the Go program itself (Go's
    // own test binaries under GOOS=js).
    _setup: function (options) { setup(options || {}); },
    // _handles sets Go's table: text is JSON {routes: [names], raw: bool, rawKeys: [keys], external: [names],
    // externalRaw: bool, maxBytes: {routes: {name: n}, raw: n, ports: n}, limits: {as LIMITS}}
    // (gluetransport.Table).
    _handles: function (text) {
      var t = parse(text);
      state.handles = { routes: new Set(t.routes || []), raw: !!t.raw, rawKeys: rawKeysOf(t.rawKeys),
        external: new Set(t.external || []), externalRaw: !!t.externalRaw,
        maxBytes: t.maxBytes || null, limits: validLimits(t.limits) };
    },
    // _subscribe delivers the chrome event name ('alarms.onAlarm') to sink as a JSON array of its
    // arguments: first the events buffered since start, then live ones. It returns a function that
    // unsubscribes. An event not in start's options.events is listened to from now on.
    _subscribe: function (name, sink) {
      var ev = state.events.get(name);
      if (ev) {
        if (ev.sink) throw new Error('extwasm: ' + name + ' already has a Go subscriber');
        ev.sink = sink;
        var buf = ev.buf || [];
        ev.buf = null;
        for (var i = 0; i < buf.length; i++) sink(buf[i]);
        return function () { ev.sink = null; };
      }
      var target = chromeEvent(name);
      if (!target) throw new Error('extwasm: chrome.' + name + ' does not exist here');
      var fn = function () { sink(argsText(arguments)); };
      target.addListener(fn);
      return function () { target.removeListener(fn); };
    },
    // _call calls chrome.<path>(...JSON.parse(argsText)) and resolves with the result as JSON text
    // (undefined when the API resolves undefined).
    _call: function (path, argsText) {
      return call(function () {
        var dot = path.lastIndexOf('.');
        var obj = lookup(path.slice(0, dot));
        if (!obj || typeof obj[path.slice(dot + 1)] !== 'function') throw new Error('extwasm: chrome.' + path + ' does not exist here');
        return obj[path.slice(dot + 1)].apply(obj, parse(argsText) || []);
      });
    },
    // _callback calls chrome.<path>(...JSON.parse(argsText), callback) for an API that has no
    // promise form (contextMenus.create), the arguments padded to arity so that the callback
    // lands where Chrome looks for it. It resolves with the call's return value as JSON text once
    // the callback ran, or rejects with chrome.runtime.lastError.
    _callback: function (path, argsText, arity) {
      return call(function () {
        var dot = path.lastIndexOf('.');
        var obj = lookup(path.slice(0, dot));
        if (!obj || typeof obj[path.slice(dot + 1)] !== 'function') throw new Error('extwasm: chrome.' + path + ' does not exist here');
        var args = parse(argsText) || [];
        args.length = arity;
        return new Promise(function (resolve, reject) {
          var returned, done = false, called = false;
          args.push(function () {
            var e = global.chrome && global.chrome.runtime && global.chrome.runtime.lastError;
            if (e) { reject(new Error(e.message)); return; }
            called = true;
            if (done) resolve(returned);
          });
          returned = obj[path.slice(dot + 1)].apply(obj, args);
          done = true;
          if (called) resolve(returned);
        });
      });
    },
    // _invoke calls the synchronous chrome.<path>(...JSON.parse(argsText)) and returns its result
    // as JSON text.
    _invoke: function (path, argsText) {
      var dot = path.lastIndexOf('.');
      var obj = lookup(path.slice(0, dot));
      if (!obj || typeof obj[path.slice(dot + 1)] !== 'function') throw new Error('extwasm: chrome.' + path + ' does not exist here');
      return stringify(obj[path.slice(dot + 1)].apply(obj, parse(argsText) || []));
    },
    // _get returns chrome.<path> (a property, or a method called with no arguments) as JSON text.
    _get: function (path) {
      var dot = path.lastIndexOf('.');
      var obj = lookup(path.slice(0, dot));
      if (!obj) throw new Error('extwasm: chrome.' + path + ' does not exist here');
      var v = obj[path.slice(dot + 1)];
      return stringify(typeof v === 'function' ? v.call(obj) : v);
    }
  };

  // ---- the page's main world: a private MessageChannel (bridge.OpenPageWorld, extwasm-page.js) ----
  //
  // The content script expects one nonce (Go made it and handed it to the main-world script out of
  // band). It listens on its window only while it waits, and takes the first message that is
  // trusted (posted, not dispatched by script), from its own window and origin (not another frame),
  // with {extwasmPage: 1, nonce} and exactly one port; then it stops listening. Every other window
  // message is ignored, and from then on the traffic goes over the port only:
  //   {t: 'call', id, msg: <request envelope>} and {t: 'reply', id, msg: <reply envelope>}, both ways.
  // Calls from the page go through onMessageFor, as messages do: the same table, size limits and
  // bounds on what is held, and Go's strict decoding; routes must admit the page world.
  var PAGE_NONE = 'extwasm: no page-world channel is connected';
  var PAGE_MAX_CALLS = 1000; // calls to the page world waiting for a reply
  // PAGE_MAX_HELD bounds the page world's requests waiting for Go's answer, below LIMITS'
  // pendingMessages, so that the page alone cannot make the extension's own messages 'busy'.
  var PAGE_MAX_HELD = 100;
  var page = { nonce: '', port: null, waiters: [], calls: new Map(), nextId: 1, held: 0 };

  function pageHandshake(e) {
    if (!page.nonce || page.port) return;
    if (!e.isTrusted || e.source !== global || e.origin !== String(global.location.origin)) return;
    var d = e.data;
    if (d === null || typeof d !== 'object' || d.extwasmPage !== 1 || d.nonce !== page.nonce) return;
    if (!e.ports || e.ports.length !== 1) return;
    global.removeEventListener('message', pageHandshake, true);
    page.port = e.ports[0];
    page.port.onmessage = pageMessage;
    var waiters = page.waiters.splice(0);
    for (var i = 0; i < waiters.length; i++) waiters[i].resolve();
  }

  function pagePost(m) {
    try { if (page.port) page.port.postMessage(m); } catch (e) { /* not clonable: the caller's problem, told below */ }
  }

  function isCallId(id) { return typeof id === 'number' && id > 0 && id <= Number.MAX_SAFE_INTEGER && Math.floor(id) === id; }

  function pageMessage(e) {
    var d = e.data;
    if (d === null || typeof d !== 'object' || !isCallId(d.id)) return; // cannot be answered: dropped
    if (d.t === 'reply') {
      var c = page.calls.get(d.id);
      if (!c) return;
      page.calls.delete(d.id);
      var text;
      try { text = toGoText(d.msg === undefined ? null : d.msg); } catch (err) { c.reject(new Error('extwasm: the page world replied with a value that is not JSON')); return; }
      c.resolve(text);
      return;
    }
    if (d.t !== 'call') return;
    var id = d.id, answeredHere = false, current = page;
    var reply = function (v) {
      if (answeredHere) return;
      answeredHere = true;
      current.held--;
      if (current === page) pagePost({ t: 'reply', id: id, msg: v });
    };
    if (page.held >= PAGE_MAX_HELD) {
      warnRefused('refused a request from the page world: ' + page.held + ' are waiting for an answer');
      pagePost({ t: 'reply', id: id, msg: errorEnvelope('busy', 'extwasm: receiver busy: ' + page.held + ' requests from the page world are waiting for an answer; retry later') });
      return;
    }
    page.held++;
    if (!isEnvelope(d.msg)) { reply(errorEnvelope('invalid', 'the page world sends extwasm envelopes only')); return; }
    var sender = { url: String(global.location.href), origin: String(global.location.origin) };
    var kept = onMessageFor('page')(d.msg, sender, reply);
    if (!kept && !answeredHere) reply(errorEnvelope('not_found', 'no handler for route ' + JSON.stringify(String(d.msg.route))));
  }

  function pageClose() {
    global.removeEventListener('message', pageHandshake, true);
    if (page.port) { try { page.port.close(); } catch (e) { /* already closed */ } }
    var calls = page.calls;
    page = { nonce: '', port: null, waiters: page.waiters, calls: new Map(), nextId: page.nextId, held: 0 };
    calls.forEach(function (c) { c.reject(new Error(PAGE_NONE)); });
  }

  // _pageExpect starts waiting for the main world's handshake with nonce; one channel at a time. In
  // the extension frame (frameHost) Go's calls come here through FRAME_CALLS: the channel is always
  // the content script's.
  internal._pageExpect = function (nonce) {
    if (typeof nonce !== 'string' || nonce.length < 16) throw new Error('extwasm: page world: a nonce of at least 16 characters is needed');
    if (!global.document || !global.location || typeof global.addEventListener !== 'function' || typeof global.MessageChannel !== 'function') throw new Error('extwasm: page world: only a content script has a page');
    if (String(global.location.protocol) === 'chrome-extension:') throw new Error('extwasm: page world: only a content script has a page (this is an extension page)');
    if (page.nonce) throw new Error('extwasm: page world: a channel is already open; close it first');
    page.nonce = nonce;
    global.addEventListener('message', pageHandshake, true);
    return Promise.resolve(); // a promise, so that the extension frame's relay reports errors
  };
  // _pageConnected resolves once the main world connected.
  internal._pageConnected = function () {
    if (page.port) return Promise.resolve();
    if (!page.nonce) return Promise.reject(new Error('extwasm: page world: no channel is open'));
    return new Promise(function (resolve, reject) { page.waiters.push({ resolve: resolve, reject: reject }); });
  };
  internal._pageClose = function () {
    var waiters = page.waiters.splice(0);
    pageClose();
    for (var i = 0; i < waiters.length; i++) waiters[i].reject(new Error('extwasm: page world: the channel was closed'));
  };
  // _sendPage posts a request envelope (Go's text) to the main world; it resolves with the reply's
  // text.
  internal._sendPage = function (text) {
    if (!page.port) return Promise.reject(new Error(PAGE_NONE));
    if (page.calls.size >= PAGE_MAX_CALLS) return Promise.reject(new Error('extwasm: page world: ' + PAGE_MAX_CALLS + ' calls are waiting for the page; retry later'));
    var id = page.nextId++;
    return new Promise(function (resolve, reject) {
      var m;
      try { m = fromGoText(text); } catch (e) { reject(e); return; }
      page.calls.set(id, { resolve: resolve, reject: reject });
      try { page.port.postMessage({ t: 'call', id: id, msg: m }); } catch (e) { page.calls.delete(id); reject(e); }
    });
  };

  function lookup(path) {
    var o = global.chrome;
    var parts = path ? path.split('.') : [];
    for (var i = 0; i < parts.length && o; i++) o = o[parts[i]];
    return o;
  }

  // chromeEvent returns chrome.<name> if it is an event, else null; it throws what the lookup throws
  // (hostsim's stand-in for an API it does not model).
  function chromeEvent(name) {
    var e = lookup(name);
    return e && typeof e.addListener === 'function' ? e : null;
  }

  function argsText(args) {
    try { return JSON.stringify(Array.prototype.slice.call(args)); } catch (e) { return '[]'; }
  }

  // listenEarly registers the worker's waking events at first evaluation and buffers them.
  function listenEarly(names) {
    for (var i = 0; i < names.length; i++) {
      var name = String(names[i]);
      if (state.events.has(name)) continue;
      var ev = { buf: [], sink: null };
      if (listen(name, earlySink(ev))) state.events.set(name, ev);
    }
  }

  function earlySink(ev) {
    return function () {
      var text = argsText(arguments);
      if (ev.sink) { ev.sink(text); return; }
      if (ev.buf && ev.buf.length < MAX_BUFFERED_EVENTS) ev.buf.push(text);
    };
  }

  function warnDeclarationDiffers() {
    var d = state.declared, h = state.handles;
    if (!d || !h) return;
    var missing = [];
    if (d.routes) h.routes.forEach(function (r) { if (!d.routes.has(r)) missing.push(r); });
    if (h.raw && !d.raw) missing.push('(raw messages)');
    else if (h.raw && d.rawKeys) (h.rawKeys || ['(every raw message)']).forEach(function (k) { if (d.rawKeys.indexOf(k) < 0) missing.push('raw key ' + k); });
    if (d.external) h.external.forEach(function (r) { if (!d.external.has(r)) missing.push(r + ' (external)'); });
    if (missing.length) {
      try { console.warn('extwasm: start\'s routes do not list ' + missing.join(', ') + ': a message for them that wakes this worker is left to other contexts'); } catch (e) { /* no console */ }
    }
  }

  // ---- the client, for pages without Go ----

  // codedError is an Error carrying an envelope code, as the client rejects with.
  function codedError(code, message, chain) {
    var e = new Error(String(message));
    e.code = code;
    if (chain) e.chain = chain;
    return e;
  }

  // chromeCodedError classifies one of Chrome's own rejections.
  function chromeCodedError(e) {
    var msg = describe(e);
    var code = 'internal';
    if (/Receiving end does not exist|No tab with id|message port closed|message channel closed/.test(msg)) code = 'no_receiver';
    else if (/disconnected port/.test(msg)) code = 'disconnected';
    else if (/exceeds the maximum allowed length/.test(msg)) code = 'too_large';
    else if (/serialize/.test(msg)) code = 'not_serializable';
    return codedError(code, msg);
  }

  function checkRoute(route) {
    if (typeof route !== 'string' || route === '') throw codedError('invalid', 'extwasm.send: route must be a non-empty string');
  }

  // sendTo delivers message to target: undefined for this extension, {tabId, frameId?, documentId?}
  // for a tab's content scripts, {extensionId} for another extension.
  function sendTo(message, target) {
    if (target && typeof target.tabId === 'number') {
      return global.chrome.tabs.sendMessage(target.tabId, message, tabOptions(
        typeof target.frameId === 'number' ? target.frameId : -1, target.documentId || ''));
    }
    if (target && target.extensionId) return chromeRuntime.sendMessage(target.extensionId, message);
    return chromeRuntime.sendMessage(message);
  }

  function clientSend(route, body, target) {
    return new Promise(function (resolve, reject) {
      checkRoute(route);
      var request = { extwasm: ENVELOPE, route: route, body: body === undefined ? null : body };
      Promise.resolve(sendTo(request, target)).then(function (reply) {
        if (reply === undefined) {
          reject(codedError('no_receiver', 'extwasm.send: nobody answered route ' + route));
        } else if (!isEnvelope(reply) || typeof reply.ok !== 'boolean') {
          reject(codedError('invalid', 'extwasm.send: the reply to ' + route + ' is not an extwasm envelope'));
        } else if (reply.ok) {
          resolve(reply.body);
        } else {
          var err = reply.error || {};
          reject(codedError(err.code || 'internal', err.message || 'error', err.chain));
        }
      }, function (e) { reject(chromeCodedError(e)); });
    });
  }

  // clientConnect opens a port named name to target (as for send) and wraps it: send posts a
  // message, onMessage/onDisconnect take listeners, and an error envelope posted by the other side
  // (a refused port) reaches onDisconnect as an Error with .code instead of onMessage.
  function clientConnect(name, target) {
    if (typeof name !== 'string') throw codedError('invalid', 'extwasm.connect: name must be a string');
    var port;
    if (target && typeof target.tabId === 'number') {
      var o = tabOptions(typeof target.frameId === 'number' ? target.frameId : -1, target.documentId || '');
      o.name = name;
      port = global.chrome.tabs.connect(target.tabId, o);
    } else if (target && target.extensionId) {
      port = chromeRuntime.connect(target.extensionId, { name: name });
    } else {
      port = chromeRuntime.connect({ name: name });
    }
    var onMsg = [], onDisc = [], closed = false, refusal = null;
    function emitDisconnect(err) {
      if (closed) return;
      closed = true;
      for (var i = 0; i < onDisc.length; i++) onDisc[i](err);
    }
    port.onMessage.addListener(function (m) {
      if (isEnvelope(m) && m.ok === false && m.error) {
        refusal = codedError(m.error.code || 'internal', m.error.message || 'refused', m.error.chain);
        return;
      }
      for (var i = 0; i < onMsg.length; i++) onMsg[i](m);
    });
    port.onDisconnect.addListener(function () {
      var le = lastErrorMessage();
      emitDisconnect(refusal || (le ? chromeCodedError(le) : null));
    });
    return {
      name: name,
      send: function (m) {
        if (closed) throw codedError('disconnected', 'Attempting to use a disconnected port object');
        port.postMessage(m);
      },
      onMessage: function (fn) { onMsg.push(fn); },
      onDisconnect: function (fn) { onDisc.push(fn); },
      disconnect: function () {
        if (closed) return;
        closed = true;
        port.disconnect();
      }
    };
  }

  // ---- the extension-frame fallback (content scripts on pages whose CSP blocks wasm) ----
  //
  // A content script's wasm compiles under the page's CSP: a script-src without 'wasm-unsafe-eval'
  // blocks it. Then Go runs in a hidden extension frame (extwasm-frame.html, web-accessible, under the
  // extension's CSP) and this content script serves it over a private port, bound to this document and
  // that frame:
  //  - only a content script in a tab's top frame falls back. The frame opens the port with
  //    chrome.tabs.connect(tab, {frameId: 0}), so Chrome hands it to this extension's content scripts in
  //    the top frame only, which is the frame's parent (a child frame goes with its parent document);
  //    without frameId Chrome would hand it to every frame of the tab. Chromium 156 has no
  //    runtime.getFrameId, so a frame whose parent is not the top one could not name it.
  //  - the port's name carries a 128-bit nonce that only this document's DOM shows, and its sender
  //    must be this extension with the frame's exact URL (Chrome sets sender.url; a page, another
  //    extension or a content script cannot forge it). Every other port named like the channel, in
  //    any context running this glue, is disconnected at once (takeFramePort).
  // Over it the content script does the frame's messaging in its own name (so receivers see this
  // content script as the sender, as without the frame) and runs a fixed set of DOM operations on data
  // arguments; nothing received is ever evaluated.

  var FRAME_PAGE = 'extwasm-frame.html';
  var FRAME_PORT_PREFIX = 'extwasm-frame:';
  // FRAME_MAX_NODES bounds the element handles the frame's Go holds at once: past it a DOM operation
  // that would make a new one fails (ExtwasmHandleLimit); the first time, the console warns.
  var FRAME_MAX_NODES = 10000;
  var frame = {
    element: null, port: null, nonce: '', url: '', start: null,
    fromFrame: new Map(), toFrame: new Map(), nodes: new Map(), nextNode: 1, warnedFull: false
  };

  function isFramePort(port) {
    return typeof port.name === 'string' && port.name.indexOf(FRAME_PORT_PREFIX) === 0;
  }

  // takeFramePort keeps every port named like the frame channel from Go: it binds the one this
  // document's frame opened, once, and disconnects any other at once (in another frame's content
  // script, the worker, an extension page), so that no end of a channel stays open where it does not
  // belong. It reports whether port was such a port.
  function takeFramePort(port) {
    if (!isFramePort(port)) return false;
    if (isOwnFramePort(port)) bindFrame(port);
    else try { port.disconnect(); } catch (e) { /* already gone */ }
    return true;
  }

  // isOwnFramePort: the frame this document inserted, and nothing else, as Chrome names the sender
  // of a tabs.connect from an extension frame: {id, origin, url} with the frame's URL, fragment
  // included (scenario "extension frame connects to its parent frame only").
  function isOwnFramePort(port) {
    var s = port.sender || {};
    return !!frame.start && !frame.port && port.name === FRAME_PORT_PREFIX + frame.nonce &&
      s.id === chromeRuntime.id && s.url === frame.url && !s.tab &&
      s.origin === new URL(chromeRuntime.getURL('')).origin;
  }

  function bindFrame(port) {
    var st = frame.start;
    frame.port = port;
    port.onMessage.addListener(fromFrame);
    port.onDisconnect.addListener(function () { fail('the extension frame running ' + st.file + ' went away'); });
    var opts = { readyTimeoutMs: st.timeout, routes: st.options.routes, raw: st.options.raw };
    port.postMessage({ t: 'start', file: st.file, options: opts, hostname: String(global.location.hostname) });
  }

  // canUseFrame: only a content script (a document that is not the extension's, without chrome.tabs)
  // whose module failed to compile, and that did not opt out with options.frame === false.
  function canUseFrame(e, options) {
    return options.frame !== false && e && e.name === 'CompileError' && typeof global.document === 'object' &&
      !!chromeRuntime && typeof chromeRuntime.getURL === 'function' && !(global.chrome && global.chrome.tabs) &&
      global.location && global.location.protocol !== 'chrome-extension:';
  }

  function frameHost(file, options, timeout) {
    if (global.top !== global) {
      fail('could not run ' + file + ': the page\'s CSP blocks WebAssembly here, and the extension frame it falls back to runs only in a tab\'s top frame');
      return;
    }
    var bytes = new Uint8Array(16);
    global.crypto.getRandomValues(bytes);
    frame.nonce = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
    frame.url = chromeRuntime.getURL(FRAME_PAGE) + '#' + frame.nonce;
    frame.start = { file: file, options: options, timeout: timeout };
    var el = global.document.createElement('iframe');
    el.setAttribute('src', frame.url);
    el.setAttribute('aria-hidden', 'true');
    el.setAttribute('tabindex', '-1');
    el.setAttribute('title', 'extwasm');
    el.setAttribute('style', 'display:none!important');
    frame.element = el;
    (global.document.body || global.document.documentElement).appendChild(el);
    global.addEventListener('pagehide', function () { if (el.parentNode) el.parentNode.removeChild(el); });
  }

  function toFrame(m) {
    try { frame.port.postMessage(m); } catch (e) { /* the frame is gone: its onDisconnect fails us */ }
  }

  // frameHook is Go's event sink as the frame's Go sees it: ports Go opened travel under the frame's
  // own (negative) ids.
  function frameHook(kind, id, a, b, c) {
    toFrame({ t: 'hook', args: [kind, frame.toFrame.has(id) ? frame.toFrame.get(id) : id, a, b, c] });
  }

  function localId(id) { return frame.fromFrame.has(id) ? frame.fromFrame.get(id) : id; }

  // FRAME_CALLS are what the frame's glue may ask of this one: promise-returning sends, port opens
  // (under an id the frame chose), and one-way notices.
  var FRAME_CALLS = {
    _send: 'promise', _sendTab: 'promise', _tabState: 'promise', _sendNative: 'promise',
    _connect: 'open', _connectTab: 'open', _connectNative: 'open',
    _respond: 'id', _post: 'id', _disconnect: 'id', _release: 'id', _handles: 'plain',
    _sendPage: 'promise', _pageExpect: 'promise', _pageConnected: 'promise', _pageClose: 'plain'
  };

  function fromFrame(m) {
    if (!m || typeof m !== 'object') return;
    if (m.t === 'ready') { if (!state.ready) internal._ready(frameHook); return; }
    if (m.t === 'fail') { fail(String(m.reason)); return; }
    if (m.t === 'dom') { domOp(m); return; }
    if (m.t !== 'call' || !Object.prototype.hasOwnProperty.call(FRAME_CALLS, m.method) || !Array.isArray(m.args)) return;
    var how = FRAME_CALLS[m.method], args = m.args.slice();
    try {
      if (how === 'promise') {
        internal[m.method].apply(null, args).then(
          function (v) { toFrame({ t: 'result', id: m.id, ok: true, value: v }); },
          function (e) { toFrame({ t: 'result', id: m.id, ok: false, error: describe(e) }); });
      } else if (how === 'open') {
        var id = internal[m.method].apply(null, args);
        frame.fromFrame.set(m.id, id);
        frame.toFrame.set(id, m.id);
      } else if (how === 'id') {
        args[0] = localId(args[0]);
        var err = internal[m.method].apply(null, args);
        if (m.method === '_post' && err) toFrame({ t: 'hook', args: ['pdisc', m.args[0], err] });
      } else {
        internal[m.method].apply(null, args);
      }
    } catch (e) {
      if (how === 'promise') toFrame({ t: 'result', id: m.id, ok: false, error: describe(e) });
      else if (how === 'open') toFrame({ t: 'hook', args: ['pdisc', m.id, describe(e)] });
    }
  }

  // ---- the DOM operations the frame's Go may ask for: data in, data out ----

  function node(h) {
    if (h === 0) return global.document.documentElement;
    var n = frame.nodes.get(h);
    if (!n) throw new Error('extwasm: element ' + h + ' is no longer known');
    return n;
  }

  // handles names elements for the frame. A handle lives until the frame's Go drops its Element (Go
  // batches the handles it no longer reaches into one "release" operation) and at most
  // FRAME_MAX_NODES are live at once: a query that would pass the bound fails whole.
  function handles(list) {
    if (frame.nodes.size + list.length > FRAME_MAX_NODES) {
      if (!frame.warnedFull) {
        frame.warnedFull = true;
        try { console.warn('extwasm: the extension frame\'s Go holds ' + frame.nodes.size + ' elements, the most it may: DOM queries fail until it drops some'); } catch (e) { /* no console */ }
      }
      var err = new Error('extwasm: more than ' + FRAME_MAX_NODES + ' elements held at once in the extension frame');
      err.name = 'ExtwasmHandleLimit';
      throw err;
    }
    return list.map(function (n) {
      var h = frame.nextNode++;
      frame.nodes.set(h, n);
      return h;
    });
  }

  function handle(n) { return n ? handles([n])[0] : null; }

  // release forgets the handles the frame's Go dropped; unknown ones are ignored (the document
  // element, 0, is never held).
  function release(ids) {
    for (var i = 0; i < ids.length; i++) frame.nodes.delete(Number(ids[i]));
  }

  // The live handles, for tests and DevTools.
  internal._frameElements = function () { return frame.nodes.size; };

  var DOM_OPS = {
    query: function (n, sel) { return handle(n.querySelector(String(sel))); },
    queryAll: function (n, sel) { return handles(Array.prototype.slice.call(n.querySelectorAll(String(sel)))); },
    attr: function (n, name) { return n.getAttribute(String(name)); },
    setAttr: function (n, name, value) { n.setAttribute(String(name), String(value)); return null; },
    value: function (n) { var v = n.value; return v === undefined || v === null ? '' : String(v); },
    setValue: function (n, text) { n.value = String(text); return null; },
    dispatch: function (n, type) { n.dispatchEvent(new global.Event(String(type), { bubbles: true })); return null; }
  };

  function domOp(m) {
    var reply = { t: 'dom', id: m.id, ok: true, value: null };
    try {
      if (!Array.isArray(m.args)) throw new Error('extwasm: malformed DOM operation');
      if (m.op === 'release') {
        release(m.args);
        if (m.id === undefined) return; // one-way, as the frame sends it
      } else {
        if (!Object.prototype.hasOwnProperty.call(DOM_OPS, m.op)) throw new Error('extwasm: unknown DOM operation');
        reply.value = DOM_OPS[m.op].apply(null, [node(Number(m.args[0]))].concat(m.args.slice(1)));
      }
    } catch (e) {
      reply.ok = false;
      reply.error = { name: e && e.name ? String(e.name) : 'Error', message: describe(e) };
    }
    toFrame(reply);
  }

  // ---- loading the module ----

  // instantiate fetches and compiles the module. A fetch that fails or answers an error status says
  // so in the reason; a compile error keeps its name (CompileError decides the frame fallback).
  function instantiate(go, url) {
    var WA = global.WebAssembly;
    return global.fetch(url).then(function (r) {
      if (!r.ok) throw new Error('fetch ' + url + ': HTTP ' + r.status);
      if (typeof WA.instantiateStreaming === 'function') return WA.instantiateStreaming(r, go.importObject);
      return r.arrayBuffer().then(function (bytes) { return WA.instantiate(bytes, go.importObject); });
    }, function (e) {
      throw new Error('fetch ' + url + ': ' + describe(e));
    });
  }

  function whenReady() {
    return new Promise(function (resolve, reject) {
      if (state.ready) resolve();
      else if (state.failed) reject(new Error(state.failed));
      else state.readyWaiters.push({ resolve: resolve, reject: reject });
    });
  }

  var started = false, listening = false;

  // setup declares what Go handles and registers the listeners: start's first, synchronous part.
  function setup(options) {
    if (listening) return;
    listening = true;
    // Messaging first: should a malformed option throw below, senders still get start's failure.
    if (options.listen !== false) listenMessaging(); // false: the extension frame, whose content script listens for it
    if (options.routes || options.raw) {
      // routes left out: every envelope, as with no declaration.
      state.declared = { routes: options.routes ? new Set(options.routes) : null, raw: !!options.raw, rawKeys: rawKeysOf(options.raw) };
    }
    if (options.external) {
      // The routes that admit external senders: the rest stay silent on external channels.
      state.declared = state.declared || { routes: null, raw: false, rawKeys: null };
      state.declared.external = new Set(options.external);
      state.declared.externalRaw = !!options.raw;
    }
    if (options.listen !== false) listenEarly(options.events || []);
  }

  // load is start's work: setup at once, then the module's fetch, compile and run.
  function load(file, options) {
    if (global.performance) state.startedAt = global.performance.now();
    mark('extwasm.start');
    setup(options);
    var timeout = options.readyTimeoutMs || 10000;
    var url = chromeRuntime && chromeRuntime.getURL ? chromeRuntime.getURL(file) : file;
    var go;
    try {
      go = new global.Go();
    } catch (e) {
      fail('wasm_exec.js must be loaded before extwasm.js: ' + describe(e));
      return;
    }
    var exitCode = 0;
    var exit = go.exit;
    go.exit = function (code) { exitCode = code; exit.call(go, code); };
    state.readyTimer = setTimeout(function () {
      state.readyTimer = null;
      if (state.ready) return;
      if (frame.element && !frame.port) fail('the extension frame never connected within ' + timeout + ' ms: the page\'s CSP blocks wasm here, and ' + FRAME_PAGE + ' must be in web_accessible_resources for this page');
      else fail('the Go module did not call bridge.Ready() within ' + timeout + ' ms');
    }, timeout);
    // Through a promise, so that what instantiate throws (no fetch, no WebAssembly) rejects too.
    Promise.resolve().then(function () { return instantiate(go, url); }).then(function (result) {
      mark('extwasm.instantiated');
      return go.run(result.instance).then(function () {
        fail(exitCode === 0 ? 'the Go program exited' :
          'the Go program exited with code ' + exitCode + ' (a panic or fatal error; see the console)');
      });
    }).catch(function (e) {
      if (canUseFrame(e, options)) frameHost(file, options, timeout);
      else fail('could not run ' + file + ': ' + describe(e));
    });
  }

  global.extwasm = {
    // start loads and runs file (a path inside the extension). It resolves once Go has called
    // bridge.Ready, and rejects if the module fails to load, exits or does not become ready within
    // options.readyTimeoutMs (default 10000).
    //
    // Call it synchronously at the top level of the script (a woken worker only delivers events to
    // listeners registered then). options.routes lists the routes Go handles and options.raw says
    // whether it handles messages that are not envelopes (true: all of them; a list of keys: plain
    // objects with one of those keys, as bridge.RawKeys): they decide which messages this context
    // answers while Go is starting (see "First reply wins" above). options.events lists the chrome
    // events ('tabs.onUpdated', 'alarms.onAlarm', 'storage.onChanged', 'runtime.onInstalled', …)
    // that Go listens to and that must wake the worker; they are buffered until Go subscribes.
    //
    // start never throws: what keeps the module from running (a bad option, a missing file, a
    // compile error, Go exiting before Ready) is one console error, the rejection, and an
    // 'unavailable' answer to every message and port, at once.
    start: function (file, options) {
      if (started) return whenReady();
      started = true;
      try {
        load(file, options || {});
      } catch (e) {
        fail('could not start ' + file + ': ' + describe(e));
      }
      return whenReady();
    },
    // status reports "starting", "ready" or the failure reason.
    status: function () { return state.failed || (state.ready ? 'ready' : 'starting'); },
    // held reports what senders make this context hold now (see LIMITS): one-time messages
    // unanswered (queued before Ready or in Go) and the characters of their texts, the characters
    // of port messages buffered before Ready, the ports open to this context, and the limits.
    held: function () {
      return { messages: state.held.msgs, messageChars: state.held.msgBytes, portChars: state.held.portBytes,
        openPorts: state.incoming, queued: state.queue.length, limits: limits() };
    },
    // mode reports where this content script's Go runs: "here", or "frame" once the page's CSP made
    // it fall back to the hidden extension frame.
    mode: function () { return frame.element ? 'frame' : 'here'; },
    // startupMs reports the milliseconds from start to Go ready (-1 until then), in either mode.
    startupMs: function () { return state.readyAt < 0 || state.startedAt < 0 ? -1 : state.readyAt - state.startedAt; },
    send: clientSend,
    connect: clientConnect,
    internal: internal
  };
})(typeof globalThis !== 'undefined' ? globalThis : self);
