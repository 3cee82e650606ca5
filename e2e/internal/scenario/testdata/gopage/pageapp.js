'use strict';
// The page-world side of the scenario: it answers page.add and keeps the channel for the test's steps.
self.pageApp = {
  start: function (nonce) {
    var ch = extwasmPage.connect(nonce);
    ch.handle('page.add', function (b) { return { sum: b.a + b.b }; });
    self.pageChannel = ch;
    return true;
  }
};
