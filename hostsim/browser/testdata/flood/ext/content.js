// flood(n) sends n one-time messages to the worker at once and tallies how each ended:
// answered (the echo of its own body), refused (an error envelope, by code), or otherwise.
globalThis.flood = function (n) {
  const t = { sent: n, answered: 0, refused: {}, other: [], unanswered: n };
  globalThis.floodTally = t;
  const other = (what) => { if (t.other.length < 10) t.other.push(what); else t.other[9] = '…'; };
  for (let i = 0; i < n; i++) {
    chrome.runtime.sendMessage({ extwasm: 1, route: 'flood.echo', body: { i } }).then((r) => {
      t.unanswered--;
      if (r && r.ok === true && r.body && r.body.i === i) t.answered++;
      else if (r && r.ok === false && r.error) t.refused[r.error.code] = (t.refused[r.error.code] || 0) + 1;
      else other(JSON.stringify(r));
    }, (e) => { t.unanswered--; other(String(e && e.message)); });
  }
};
// settled resolves with the tally once every message has ended (polling on the browser's clock).
globalThis.settled = () => new Promise((resolve, reject) => {
  let n = 0;
  const check = () => floodTally.unanswered === 0 ? resolve(floodTally) :
    (++n > 6000 ? reject(new Error(floodTally.unanswered + ' unanswered: ' + JSON.stringify(floodTally))) : setTimeout(check, 10));
  check();
});
