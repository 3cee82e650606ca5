// chrome.downloads (downloads.go): the profile's downloads, fetched through the simulated web.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const downloads = {};
	for (const m of ["download", "search", "erase", "pause", "resume", "cancel", "open", "getFileIcon", "removeFile",
		"setUiOptions", "acceptDanger"]) {
		downloads[m] = function () {
			return settled(native[m], arguments);
		};
	}
	for (const m of ["show", "showDefaultFolder", "setShelfEnabled"]) {
		downloads[m] = function () {
			kit.alive();
			kit.unwrap(native[m].apply(undefined, arguments));
		};
	}
	downloads.onCreated = event("downloads.onCreated");
	downloads.onChanged = event("downloads.onChanged");
	downloads.onErased = event("downloads.onErased");
	const determining = (downloads.onDeterminingFilename = event("downloads.onDeterminingFilename"));
	// Go calls this with the item's JSON and answer(suggestion or undefined) for this context: each
	// listener gets a suggest function; one that neither suggested nor returned true has no say,
	// and only a listener's first suggestion counts (measured in Chromium 156).
	native.register(function (itemJSON, answer) {
		const item = JSON.parse(itemJSON);
		let open = 0;
		let best;
		const done = () => {
			if (--open === 0) answer(best);
		};
		open++;
		for (const fn of determining._listeners.slice()) {
			let state = "running"; // then "waiting" (returned true), "done"
			const suggest = function (s) {
				if (state === "done") return;
				if (best === undefined && s !== null && typeof s === "object") best = {filename: s.filename, conflictAction: s.conflictAction};
				const wasWaiting = state === "waiting";
				state = "done";
				if (wasWaiting) done();
			};
			open++;
			const r = kit.call(fn, [item, suggest]);
			if (state === "running" && r === true) {
				state = "waiting";
				continue;
			}
			state = "done";
			done();
		}
		done();
	});
	chrome.downloads = downloads;
})
