// chrome.contextMenus (contextmenus.go): items created, updated and removed by the extension, and
// onClicked, which a click on an item fires.
(function (native, global, cfg, kit) {
	"use strict";
	const {alive, unwrap, request, settled, event, chrome} = kit;
	const menus = {ACTION_MENU_TOP_LEVEL_LIMIT: 6};
	// create returns the item's id at once; its outcome reaches the callback (with lastError), or
	// is an unchecked lastError without one, as in Chrome (create returns no promise).
	menus.create = function (props, callback) {
		alive();
		const r = unwrap(native.create.apply(undefined, arguments));
		const req = unwrap(r.request);
		request(req.id, req.callback ? () => req.callback() : () => {});
		return r.item;
	};
	for (const m of ["update", "remove", "removeAll"]) {
		menus[m] = function () {
			return settled(native[m], arguments);
		};
	}
	menus.onClicked = event("contextMenus.onClicked");
	chrome.contextMenus = menus;
})
