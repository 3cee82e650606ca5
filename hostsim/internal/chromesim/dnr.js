// chrome.declarativeNetRequest (dnr.go): rules applied to the simulated web's requests. Its
// constants and the functions it does not model come from the schema's stand-ins.
(function (native, global, cfg, kit) {
	"use strict";
	const {settled, event, chrome} = kit;
	const dnr = {};
	for (const m of ["getDynamicRules", "getSessionRules", "updateDynamicRules", "updateSessionRules", "getEnabledRulesets",
		"updateEnabledRulesets", "getAvailableStaticRuleCount", "isRegexSupported", "setExtensionActionOptions", "getMatchedRules",
		"updateStaticRules", "getDisabledRuleIds", "testMatchOutcome"]) {
		dnr[m] = function () {
			return settled(native[m], arguments);
		};
	}
	// onRuleMatchedDebug exists only with declarativeNetRequestFeedback, for unpacked extensions.
	if (native.feedback()) dnr.onRuleMatchedDebug = event("declarativeNetRequest.onRuleMatchedDebug");
	chrome.declarativeNetRequest = dnr;
})
