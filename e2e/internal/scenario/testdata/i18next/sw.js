// A plain-JS worker whose only job is to exist: the i18n scenario calls chrome.i18n in it.
self.ready = 1;
