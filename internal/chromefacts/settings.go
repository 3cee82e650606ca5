package chromefacts

import "strings"

// PrivacyDefaults are the values chrome.privacy's ChromeSettings have in a fresh Chromium 156
// profile on Linux, by path under chrome.privacy, as types.ChromeSetting.get reports them with
// levelOfControl "controllable_by_this_extension" (measured; scenario chrome-settings).
var PrivacyDefaults = map[string]any{
	"network.networkPredictionEnabled":              true,
	"network.webRTCIPHandlingPolicy":                "default",
	"services.alternateErrorPagesEnabled":           true,
	"services.autofillAddressEnabled":               true,
	"services.autofillCreditCardEnabled":            true,
	"services.autofillEnabled":                      true,
	"services.autofillSettings":                     []any{},
	"services.passwordSavingEnabled":                true,
	"services.safeBrowsingEnabled":                  true,
	"services.safeBrowsingExtendedReportingEnabled": false,
	"services.searchSuggestEnabled":                 true,
	"services.spellingServiceEnabled":               false,
	"services.translationServiceEnabled":            true,
	"websites.adMeasurementEnabled":                 false,
	"websites.doNotTrackEnabled":                    false,
	"websites.fledgeEnabled":                        false,
	"websites.hyperlinkAuditingEnabled":             true,
	"websites.referrersEnabled":                     true,
	"websites.thirdPartyCookiesAllowed":             false,
	"websites.topicsEnabled":                        false,
}

// IPHandlingPolicies are the values privacy.network.webRTCIPHandlingPolicy takes.
var IPHandlingPolicies = []string{"default", "default_public_and_private_interfaces", "default_public_interface_only", "disable_non_proxied_udp"}

// ChromeSetting errors: an extension not allowed in incognito asking for incognito values, and
// a set whose details Chrome's custom bindings refuse (a value of the wrong type, none at all).
const (
	ErrIncognitoPreferences = "You do not have permission to access incognito preferences."
	ErrInvalidInvocation    = "Invalid invocation"
)

// PropertiesNotOnLinux are members of Chrome's published schema that Chromium 156 on Linux does not
// have (measured: Object.keys(chrome.privacy.websites) lacks protectedContentEnabled, which Chrome
// documents for ChromeOS and Windows); the schema does not say so.
var PropertiesNotOnLinux = []string{"privacy.websites.protectedContentEnabled"}

// ContentSettingDefaults are chrome.contentSettings' types and what get answers for a URL no rule
// matches in a fresh Chromium 156 profile (measured; scenario content-settings).
var ContentSettingDefaults = map[string]string{
	"autoVerify": "allow", "automaticDownloads": "ask", "camera": "ask", "clipboard": "ask", "cookies": "allow",
	"fullscreen": "allow", "images": "allow", "javascript": "allow", "location": "ask", "microphone": "ask",
	"mouselock": "allow", "notifications": "ask", "plugins": "block", "popups": "block", "sound": "allow",
	"unsandboxedPlugins": "block",
}

// ContentSettingValues are the settings each type takes, in its <Type>ContentSetting enum's order,
// which Chrome's error follows (measured for cookies).
var ContentSettingValues = map[string][]string{
	"autoVerify": {"allow", "block"}, "automaticDownloads": {"allow", "block", "ask"}, "camera": {"allow", "block", "ask"},
	"clipboard": {"allow", "block", "ask"}, "cookies": {"allow", "block", "session_only"}, "fullscreen": {"allow"},
	"images": {"allow", "block"}, "javascript": {"allow", "block"}, "location": {"allow", "block", "ask"},
	"microphone": {"allow", "block", "ask"}, "mouselock": {"allow"}, "notifications": {"allow", "block", "ask"},
	"plugins": {"block"}, "popups": {"allow", "block"}, "sound": {"allow", "block"}, "unsandboxedPlugins": {"block"},
}

// ContentSettingsCallbackOnly are the deprecated types whose functions return no promise when
// called without a callback (measured: get returns undefined).
var ContentSettingsCallbackOnly = []string{"fullscreen", "mouselock", "plugins", "unsandboxedPlugins"}

// ContentSettingInvalidURL is contentSettings' get error for a primaryUrl that is not a URL.
func ContentSettingInvalidURL(u string) string { return `The URL "` + u + `" is invalid.` }

// ContentSettingInvalidSetting is the TypeError of a set whose setting the type does not take.
func ContentSettingInvalidSetting(values []string) string {
	return "Invalid invocation: Error at property 'setting': Value must be one of " + strings.Join(values, ", ") + "."
}

// TopSite is one of chrome.topSites' MostVisitedURLs.
type TopSite struct{ Title, URL string }

// PrepopulatedTopSites is what chrome.topSites.get answers in a new profile of Chromium 156 on
// Linux, visits or not (scenario top-sites): its prepopulated list, until history ranks sites
// in the background.
var PrepopulatedTopSites = []TopSite{{Title: "Web Store", URL: "https://chrome.google.com/webstore?hl=en"}}
