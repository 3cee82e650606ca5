package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// i18nProbe calls chrome.i18n the ways extensions do. Measured in Chromium 156 (a new profile,
// UI language en-US): message names are looked up without case; $1…$9 take the substitutions (a
// string, or an array whose items become strings; anything else counts as none, and more than
// nine make getMessage return undefined); $NAME$ takes a placeholder's content; $$ is $; a name
// with no message gives ""; the @@ messages; no name is a TypeError; the manifest's __MSG_x__
// strings come back filled in.
const i18nProbe = `(async () => {
	const g = (...a) => { try { return chrome.i18n.getMessage(...a); } catch (e) { return "ERR " + e.constructor.name + ": " + e.message; } };
	return [g("hello", "Bob"), g("hello"), g("hello", ["A", "B"]), g("two", ["x", "y"]), g("named", ["Ann", 3]), g("named", "Ann"),
		g("mixed_case"), g("MIXED_CASE"), g("fixedPh"), g("nope"), g("@@extension_id") === chrome.runtime.id, g("@@ui_locale"),
		g("@@bidi_dir"), g("@@bidi_reversed_dir"), g("@@bidi_start_edge"), g("@@bidi_end_edge"), g(), g(5), g("hello", 7), g("hello", [1, 2]),
		g("hello", "<b>", {escapeLt: true}), g("hello", ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]),
		chrome.i18n.getUILanguage(), await chrome.i18n.getAcceptLanguages(), chrome.runtime.getManifest().name,
		chrome.runtime.getManifest().description];
})()`

func init() {
	All = append(All, Scenario{
		Name:    "i18n",
		Doc:     "chrome.i18n.getMessage from _locales with substitutions and placeholders, the @@ messages, getUILanguage, getAcceptLanguages and the manifest's __MSG_ strings (measured in Chromium 156).",
		Fixture: "i18next",
		Steps: []Step{
			{Do: extwasmtest.Eval("worker", i18nProbe), Want: `{"value":["Hello, Bob!","Hello, !","Hello, A!","x and y, not ; $ dollars","Hi Ann, you have 3 notes",` +
				`"Hi Ann, you have  notes","mixed","mixed","Go to example.com","",true,"en_US","ltr","rtl","left","right",` +
				`"ERR TypeError: Error in invocation of i18n.getMessage(string messageName, optional any substitutions, optional object options): No matching signature.",` +
				`"ERR TypeError: Error in invocation of i18n.getMessage(string messageName, optional any substitutions, optional object options): No matching signature.",` +
				`"Hello, !","Hello, 1!","Hello, <b>!",null,"en-US",["en-US","en"],"Notes ext","Keeps notes"]}`},
		},
	})
}
