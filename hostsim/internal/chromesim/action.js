// chrome.action with only openPopup modelled; every other member says it is not simulated.
(function (native, global, cfg, kit) {
	"use strict";
	const {alive, unwrap, request, chrome} = kit;
	const action = {};
	action.openPopup = function () {
		alive();
		const r = unwrap(native.openPopup.apply(undefined, arguments));
		if (r.callback) {
			const cb = r.callback;
			return request(r.id, (...a) => (a.length === 0 || a[0] === null ? cb() : cb(a[0])));
		}
		return request(r.id).then((v) => (v === null ? undefined : v));
	};
	chrome.action = new Proxy(action, {
		get(t, k) {
			if (typeof k === "symbol" || k === "then" || k === "toJSON" || k in t) return t[k];
			throw new Error("hostsim: chrome.action." + String(k) + " is not simulated");
		},
	});
})
