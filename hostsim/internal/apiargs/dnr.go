package apiargs

import "fmt"

// declarativeNetRequest's rule errors, measured in Chromium 156 (e2e scenario "dnr"): each names
// the rule by id.

// DNRNonUniqueID is the error for a rule whose id is already in the ruleset or earlier in the list.
func DNRNonUniqueID(id int) string {
	return fmt.Sprintf("Rule with id %d does not have a unique ID.", id)
}

// DNRInvalidKeyMin is the error for an integer key (id, priority) below 1.
func DNRInvalidKeyMin(id int, key string) string {
	return fmt.Sprintf("Rule with id %d has an invalid value for %s key. This should be greater than or equal to 1.", id, key)
}

// DNRIncorrectValue is the error for a key whose value Chrome cannot use (action.redirect,
// regexFilter).
func DNRIncorrectValue(id int, key string) string {
	return fmt.Sprintf("Rule with id %d specifies an incorrect value for the %q key.", id, key)
}

// DNRInvalidRedirectURL is the error for a redirect.url that is not a valid URL.
func DNRInvalidRedirectURL(id int) string {
	return fmt.Sprintf("Rule with id %d does not provide a valid URL for action.redirect.url key.", id)
}

// DNREmptyURLFilter is the error for an empty urlFilter.
func DNREmptyURLFilter(id int) string {
	return fmt.Sprintf("Rule with id %d cannot have an empty value for urlFilter key.", id)
}

// DNRBothFilters is the error for a rule with both urlFilter and regexFilter.
func DNRBothFilters(id int) string {
	return fmt.Sprintf("Rule with id %d can only specify one of \"urlFilter\" or \"regexFilter\" keys.", id)
}

// DNRSubstitutionWithoutRegex is the error for a regexSubstitution redirect without a regexFilter.
func DNRSubstitutionWithoutRegex(id int) string {
	return fmt.Sprintf("Rule with id %d can't specify the \"regexSubstitution\" key without specifying the \"regexFilter\" key.", id)
}

// DNRNoHeaders is the error for a modifyHeaders rule with no header to modify.
func DNRNoHeaders(id int) string {
	return fmt.Sprintf("Rule with id %d does not specify a value for \"action.requestHeaders\" or \"action.responseHeaders\" key. At least one of these keys must be specified with a non-empty list.", id)
}

// DNRHeaderNoValue is the error for a set or append header operation without a value.
func DNRHeaderNoValue(id int) string {
	return fmt.Sprintf("Rule with id %d must provide a value for a header to be appended/set.", id)
}

// DNREmptyList is the error for an empty list where Chrome wants a non-empty one (resourceTypes,
// requestMethods, the domain lists).
func DNREmptyList(id int, key string) string {
	return fmt.Sprintf("Rule with id %d cannot have an empty list as the value for %s key.", id, key)
}

// DNRTabIDsNotSession is the error for tabIds or excludedTabIds outside session rules.
func DNRTabIDsNotSession(id int) string {
	return fmt.Sprintf("Rule with id %d specifies a value for \"tabIds\" or \"excludedTabIds\" key. These are only supported for session-scoped rules.", id)
}

// DNRInvalidRulesetID is updateEnabledRulesets' error for an id the manifest does not declare.
func DNRInvalidRulesetID(id string) string { return fmt.Sprintf("Invalid ruleset id: %s.", id) }

// DNRNoFeedback is getMatchedRules' error without the declarativeNetRequestFeedback permission.
const DNRNoFeedback = "The extension must have the declarativeNetRequestFeedback permission or have activeTab granted for the specified tab ID in order to call this function."

// DNRInvalidAppendHeader is the error for appending to a request header outside Chrome's list of
// headers that take several values.
func DNRInvalidAppendHeader(id int) string {
	return fmt.Sprintf("Rule with id %d specifies an invalid request header to be appended. Only standard HTTP request headers that can specify multiple values for a single entry are supported.", id)
}

// DNRCountExceeded is the error for an update that would go over a limit: scope "Dynamic" or
// "Session", kind "" (all rules), "unsafe " (redirect and modifyHeaders rules) or " for regex
// rules" placed as Chrome places it.
func DNRCountExceeded(scope string, unsafe, regex bool) string {
	switch {
	case regex:
		return scope + " rule count for regex rules exceeded."
	case unsafe:
		return scope + " unsafe rule count exceeded."
	}
	return scope + " rule count exceeded."
}

// DNRInvalidTestURL is testMatchOutcome's error for a URL that does not parse.
const DNRInvalidTestURL = "Invalid test request URL."

// DNRIncrementWithoutBadge is setExtensionActionOptions' error for tabUpdate while the action count
// is not the badge text.
const DNRIncrementWithoutBadge = "Cannot increment action count unless displaying action count as badge text."

// DNRNoTab is setExtensionActionOptions' error for a tabUpdate of a tab that does not exist.
func DNRNoTab(id int) string { return fmt.Sprintf("No tab with id: %d.", id) }
