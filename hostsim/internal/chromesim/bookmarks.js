// chrome.bookmarks (bookmarks.go): the profile's bookmark tree, shared by every extension with the
// permission, and its events.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const bookmarks = {};
	for (const m of ["get", "getChildren", "getRecent", "getTree", "getSubTree", "search", "create", "move", "update", "remove", "removeTree"]) {
		bookmarks[m] = function () {
			return settled(native[m], arguments);
		};
	}
	for (const e of ["onCreated", "onRemoved", "onChanged", "onMoved", "onChildrenReordered", "onImportBegan", "onImportEnded"]) {
		bookmarks[e] = event("bookmarks." + e);
	}
	chrome.bookmarks = bookmarks;
})
