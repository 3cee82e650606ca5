// chrome.topSites (topsites.go): the most visited sites of the profile.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, chrome} = kit;
	chrome.topSites = {
		get() {
			return settled(native.get, arguments);
		},
	};
})
