// chrome.privacy's ChromeSettings (chromesettings.go): get, set, clear and onChange of each
// setting at chrome.privacy.<group>.<name>, its value kept by the browser for the whole profile.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const privacy = chrome.privacy || (chrome.privacy = {});
	for (const path of native.paths()) {
		const [group, name] = path.split(".");
		const g = privacy[group] || (privacy[group] = {});
		g[name] = {
			get() {
				return settled((details, cb) => native.get(path, details, cb), arguments);
			},
			set() {
				return settled((details, cb) => native.set(path, details, cb), arguments);
			},
			clear() {
				return settled((details, cb) => native.clear(path, details, cb), arguments);
			},
			onChange: event("privacy." + path + ".onChange"),
		};
	}
})
