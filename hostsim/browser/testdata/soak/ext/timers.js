// timers.js counts this context's pending timers (the glue's and the Go runtime's), for the soak
// test's probe: it wraps setTimeout and clearTimeout before the glue and the module load.
(function (global) {
  'use strict';
  var set = global.setTimeout, clear = global.clearTimeout, pending = new Set();
  global.setTimeout = function (fn) {
    var args = Array.prototype.slice.call(arguments, 1), id;
    args[0] = args[0] || 0;
    id = set.apply(global, [function () { pending.delete(id); return fn.apply(this, arguments); }].concat(args));
    pending.add(id);
    return id;
  };
  global.clearTimeout = function (id) { pending.delete(id); return clear.call(global, id); };
  global.soakTimers = function () { return pending.size; };
})(globalThis);
