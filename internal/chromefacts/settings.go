package chromefacts

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
