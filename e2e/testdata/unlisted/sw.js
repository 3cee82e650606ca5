// An extension on no allow-list: the tests evaluate callVault(id) here and expect a refusal.
self.callVault = function (id) {
  return chrome.runtime.sendMessage(id, { extwasm: 1, route: 'vault.publicInfo', body: {} }).then(
    function (reply) { return { ok: true, reply: reply === undefined ? null : reply }; },
    function (e) { return { ok: false, message: String(e && e.message) }; });
};
