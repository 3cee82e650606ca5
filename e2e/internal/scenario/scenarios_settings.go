package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// settleJS defines settle, which runs f and gives its value, or the name and message of what it threw or rejected with.
const settleJS = `var settle = async (f) => { try { const v = await f(); return v === undefined ? "undefined" : v; } catch (e) { return e.name + ": " + e.message; } };`

const privacyDefaults = settleJS + `(async () => {
	const out = {};
	for (const group of Object.keys(chrome.privacy).sort()) {
		for (const name of Object.keys(chrome.privacy[group]).sort()) {
			if (typeof chrome.privacy[group][name].get !== "function") { out[group + "." + name] = typeof chrome.privacy[group][name]; continue; }
			const d = await settle(() => chrome.privacy[group][name].get({}));
			out[group + "." + name] = [d.value, d.levelOfControl, Object.keys(d).sort().join()];
		}
	}
	return out;
})()`

const privacySetClear = settleJS + `(async () => {
	const s = chrome.privacy.services.autofillCreditCardEnabled, out = [];
	out.push(await settle(() => s.set({value: false})));
	out.push(await settle(() => s.get({})));
	out.push(await settle(() => s.set({value: false})));
	out.push(await settle(() => s.set({value: "no"})));
	out.push(await settle(() => s.set({})));
	out.push(await settle(() => s.get({incognito: true})));
	out.push(await settle(() => s.set({value: true, scope: "incognito_session_only"})));
	out.push(await settle(() => s.clear({})));
	out.push(await settle(() => s.get({})));
	out.push(await new Promise((r) => s.get({}, r)));
	out.push(await settle(() => chrome.privacy.network.webRTCIPHandlingPolicy.set({value: "nope"})));
	out.push(await settle(() => chrome.privacy.network.webRTCIPHandlingPolicy.set({value: "disable_non_proxied_udp"})));
	out.push(await settle(() => chrome.privacy.network.webRTCIPHandlingPolicy.get({})));
	out.push(await settle(() => chrome.privacy.network.webRTCIPHandlingPolicy.clear({})));
	return out;
})()`

// What Chromium 156 gives.
const (
	privacyDefaultsWant = `{"value":{"AutofillBlockedType.ALL":"string","AutofillBlockedType.CONTACT_INFO":"string","AutofillBlockedType.IDENTITY_DOCS":"string",` +
		`"AutofillBlockedType.PAYMENTS":"string","AutofillBlockedType.TRAVEL":"string","IPHandlingPolicy.DEFAULT":"string",` +
		`"IPHandlingPolicy.DEFAULT_PUBLIC_AND_PRIVATE_INTERFACES":"string","IPHandlingPolicy.DEFAULT_PUBLIC_INTERFACE_ONLY":"string",` +
		`"IPHandlingPolicy.DISABLE_NON_PROXIED_UDP":"string",` +
		`"network.networkPredictionEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"network.webRTCIPHandlingPolicy":["default","controllable_by_this_extension","levelOfControl,value"],` +
		`"services.alternateErrorPagesEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.autofillAddressEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.autofillCreditCardEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.autofillEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.autofillSettings":[[],"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.passwordSavingEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.safeBrowsingEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.safeBrowsingExtendedReportingEnabled":[false,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.searchSuggestEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.spellingServiceEnabled":[false,"controllable_by_this_extension","levelOfControl,value"],` +
		`"services.translationServiceEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"websites.adMeasurementEnabled":[false,"controllable_by_this_extension","levelOfControl,value"],` +
		`"websites.doNotTrackEnabled":[false,"controllable_by_this_extension","levelOfControl,value"],` +
		`"websites.fledgeEnabled":[false,"controllable_by_this_extension","levelOfControl,value"],` +
		`"websites.hyperlinkAuditingEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"websites.referrersEnabled":[true,"controllable_by_this_extension","levelOfControl,value"],` +
		`"websites.thirdPartyCookiesAllowed":[false,"controllable_by_this_extension","levelOfControl,value"],` +
		`"websites.topicsEnabled":[false,"controllable_by_this_extension","levelOfControl,value"]}}`
	privacySetClearWant = `{"value":["undefined",{"levelOfControl":"controlled_by_this_extension","value":false},"undefined",` +
		`"TypeError: Invalid invocation","TypeError: Invalid invocation",` +
		`"Error: You do not have permission to access incognito preferences.","Error: You do not have permission to access incognito preferences.",` +
		`"undefined",{"levelOfControl":"controllable_by_this_extension","value":true},{"levelOfControl":"controllable_by_this_extension","value":true},` +
		`"TypeError: Invalid invocation","undefined",{"levelOfControl":"controlled_by_this_extension","value":"disable_non_proxied_udp"},"undefined"]}`
	// A set to the value in force fires nothing: two changes for three sets and a clear.
	privacyChangesWant = `{"value":[{"levelOfControl":"controlled_by_this_extension","value":false},{"levelOfControl":"controllable_by_this_extension","value":true}]}`
)

func init() {
	All = append(All, Scenario{
		Name: "privacy-settings",
		Doc: "chrome.privacy's ChromeSettings: every setting's default on Linux (no protectedContentEnabled), set, get, clear, " +
			"the incognito refusals, Invalid invocation for a value of the wrong type, and onChange only when the value in force " +
			"changes (measured in Chromium 156).",
		Fixture: "settingsext",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", privacyDefaults), Want: privacyDefaultsWant},
			{Do: extwasmtest.Eval("worker", privacySetClear), Want: privacySetClearWant},
			{Do: extwasmtest.EvalStep{Realm: "worker", Until: "self.changes.length >= 2", Expr: "self.changes"}, Want: privacyChangesWant},
		},
	})
}
