// chrome.i18n (i18n.go): the extension's messages from _locales for hostsim's UI locale, en_US.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, unwrap, chrome} = kit;
	chrome.i18n = {
		getMessage() {
			return unwrap(native.getMessage.apply(undefined, arguments));
		},
		getUILanguage() {
			return unwrap(native.getUILanguage.apply(undefined, arguments));
		},
		getAcceptLanguages() {
			return settled(native.getAcceptLanguages, arguments);
		},
	};
})
