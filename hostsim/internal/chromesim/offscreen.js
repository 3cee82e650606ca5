// chrome.offscreen (offscreen.go): the extension's one offscreen document, an extension page in
// no tab, created and closed by the extension.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, chrome} = kit;
	const offscreen = {};
	for (const m of ["createDocument", "closeDocument", "hasDocument"]) {
		offscreen[m] = function () {
			return settled(native[m], arguments);
		};
	}
	Object.assign(offscreen, native.enums);
	chrome.offscreen = offscreen;
})
