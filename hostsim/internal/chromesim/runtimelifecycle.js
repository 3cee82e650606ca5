// chrome.runtime's lifecycle and context parts (conformance-apis §5): onInstalled, onStartup,
// getContexts, openOptionsPage and their enums. The messaging parts live in the prelude.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
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
	// Chrome 156's platform enums (measured).
	runtime.PlatformOs = {ANDROID: "android", CROS: "cros", LINUX: "linux", MAC: "mac", OPENBSD: "openbsd", WIN: "win"};
	runtime.PlatformArch = {ARM: "arm", ARM64: "arm64", MIPS: "mips", MIPS64: "mips64", PPC64: "ppc64", RISCV64: "riscv64", X86_32: "x86-32", X86_64: "x86-64"};
	runtime.getPlatformInfo = function () {
		return settled(native.getPlatformInfo, arguments);
	};
	// chrome.extension: inIncognitoContext is false (hostsim has no incognito windows; measured
	// false in a regular window); every other member says it is not simulated.
	chrome.extension = new Proxy({inIncognitoContext: false}, {
		get(t, k) {
			if (typeof k === "symbol" || k === "then" || k === "toJSON" || k in t) return t[k];
			throw new Error("hostsim: chrome.extension." + String(k) + " is not simulated");
		},
	});
	runtime.getContexts = function () {
		return settled(native.getContexts, arguments);
	};
	runtime.openOptionsPage = function () {
		return settled(native.openOptionsPage, arguments);
	};
})
