package chromefacts

// declarativeNetRequest's rule limits in Chromium 156, as its API constants give them and as
// measured (e2e scenario "dnr-api").
const (
	// DNRMaxDynamicRules is MAX_NUMBER_OF_DYNAMIC_RULES.
	DNRMaxDynamicRules = 30000
	// DNRMaxUnsafeDynamicRules is MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES: dynamic rules that redirect or
	// modify headers.
	DNRMaxUnsafeDynamicRules = 5000
	// DNRMaxSessionRules is MAX_NUMBER_OF_SESSION_RULES.
	DNRMaxSessionRules = 5000
	// DNRMaxUnsafeSessionRules is MAX_NUMBER_OF_UNSAFE_SESSION_RULES.
	DNRMaxUnsafeSessionRules = 5000
	// DNRMaxRegexRules is MAX_NUMBER_OF_REGEX_RULES, per scope (dynamic, session).
	DNRMaxRegexRules = 1000
	// DNRStaticRulePool is what getAvailableStaticRuleCount counts down from: the guaranteed
	// GUARANTEED_MINIMUM_STATIC_RULES (30000) and the global pool (300000) (measured: 329999 with
	// one enabled static rule; disabling single static rules does not change it).
	DNRStaticRulePool = 330000
)
