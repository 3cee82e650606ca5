// describe turns a received message into JSON that says what arrived: the types and values that
// JSON itself would lose (typed arrays, dates, maps, big integers, -0, cycles, prototypes).
'use strict';
self.describe = function describe(root) {
  const seen = new Map();
  function d(v) {
    switch (typeof v) {
      case 'undefined': return {undefined: true};
      case 'bigint': return {bigint: v.toString()};
      case 'symbol': return {symbol: String(v)};
      case 'function': return {function: true};
      case 'number':
        if (Number.isNaN(v) || !Number.isFinite(v)) return {number: String(v)};
        if (Object.is(v, -0)) return {number: '-0'};
        return v;
      case 'string': case 'boolean': return v;
    }
    if (v === null) return null;
    if (seen.has(v)) return {ref: seen.get(v)};
    seen.set(v, seen.size);
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    if (ArrayBuffer.isView(v)) return {[tag]: Array.from(v, Number)};
    if (v instanceof ArrayBuffer) return {ArrayBuffer: Array.from(new Uint8Array(v))};
    if (v instanceof Date) return {Date: isNaN(v) ? 'Invalid' : v.toISOString()};
    if (v instanceof Map) return {Map: Array.from(v, ([k, x]) => [d(k), d(x)])};
    if (v instanceof Set) return {Set: Array.from(v, d)};
    if (v instanceof RegExp) return {RegExp: String(v)};
    if (v instanceof Error) return {Error: [tag, v.constructor.name, v.name, v.message, Object.keys(v)]};
    if (v instanceof Boolean || v instanceof Number || v instanceof String) return {[tag + 'Object']: d(v.valueOf())};
    if (Array.isArray(v)) {
      const out = {Array: [], length: v.length};
      for (let i = 0; i < v.length; i++) out.Array.push(i in v ? d(v[i]) : {hole: true});
      const extra = Object.keys(v).filter((k) => !/^\d+$/.test(k));
      if (extra.length) out.extra = extra;
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    const entries = Object.keys(v).map((k) => [k, d(v[k])]);
    return {object: proto === Object.prototype ? 'Object' : proto === null ? 'null' : tag, entries};
  }
  return d(root);
};
