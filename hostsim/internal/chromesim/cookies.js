// chrome.cookies (cookies.go): the profile's cookie jar, which pages' Set-Cookie and
// document.cookie share.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const cookies = {};
	for (const m of ["getAll", "set", "remove", "getAllCookieStores"]) {
		cookies[m] = function () {
			return settled(native[m], arguments);
		};
	}
	// get answers null, not undefined, for no cookie (measured), in both forms.
	cookies.get = function () {
		kit.alive();
		const r = kit.unwrap(native.get.apply(undefined, arguments));
		if (r.callback) return kit.request(r.id, (...a) => r.callback(a.length === 0 ? null : a[0]));
		return kit.request(r.id);
	};
	cookies.onChanged = event("cookies.onChanged");
	chrome.cookies = cookies;
})
