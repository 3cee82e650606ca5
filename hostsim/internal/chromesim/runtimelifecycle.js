// chrome.runtime's lifecycle and context parts (conformance-apis §5): onInstalled, onStartup,
// getContexts, openOptionsPage and their enums. The messaging parts live in the prelude.
(function (native, global, cfg, kit) {
	"use strict";
	const {alive, unwrap, request, event, chrome} = kit;
	const runtime = chrome.runtime;
	runtime.onInstalled = event("runtime.onInstalled");
	// Chrome fires onStartup only when a profile with the extension already installed starts;
	// hostsim always installs afresh, as a --load-extension relaunch does (R1), so it never fires.
	runtime.onStartup = event("runtime.onStartup");
	// Chrome's enum objects list their keys in schema order, which is alphabetical for both.
	const sorted = (src) => {
		const o = {};
		for (const k of Object.keys(src).sort()) o[k] = src[k];
		return o;
	};
	runtime.OnInstalledReason = sorted(native.onInstalledReasons());
	runtime.ContextType = sorted(native.contextTypes());
	const settle = (r) => {
		if (r.callback) {
			const cb = r.callback;
			return request(r.id, (...a) => (a.length === 0 || a[0] === null ? cb() : cb(a[0])));
		}
		return request(r.id).then((v) => (v === null ? undefined : v));
	};
	runtime.getContexts = function () {
		alive();
		return settle(unwrap(native.getContexts.apply(undefined, arguments)));
	};
	runtime.openOptionsPage = function () {
		alive();
		return settle(unwrap(native.openOptionsPage.apply(undefined, arguments)));
	};
})
