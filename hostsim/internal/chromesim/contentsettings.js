// chrome.contentSettings (contentsettings.go): get, set, clear and getResourceIdentifiers of each
// content type, the rules kept by the browser for the whole profile.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, chrome} = kit;
	const cs = chrome.contentSettings || (chrome.contentSettings = {});
	for (const [type, callbackOnly] of native.types()) {
		const fn = (name) =>
			function () {
				const p = settled((details, cb) => native[name](type, details, cb), arguments);
				// The deprecated types give no promise: without a callback the call returns nothing.
				if (callbackOnly && typeof arguments[arguments.length - 1] !== "function") {
					p.catch(() => {});
					return undefined;
				}
				return p;
			};
		cs[type] = {get: fn("get"), set: fn("set"), clear: fn("clear"), getResourceIdentifiers: fn("getResourceIdentifiers")};
	}
})
