package chromefacts

import "fmt"

// chrome.userScripts' own error texts, measured in Chromium 156 (scenario "userscripts-api"). The
// texts it shares with chrome.scripting's registered scripts (duplicate, empty or "_" ids, bad
// matches, unknown ids on update and unregister, missing files, missing tabs) are the same
// strings, and hostsim takes them from its chrome.scripting model.
const (
	// ErrUserScriptWorldIDNotUserScript: a worldId given with world "MAIN" (register and execute).
	ErrUserScriptWorldIDNotUserScript = "World ID can only be specified for USER_SCRIPT worlds."
	// ErrUserScriptWorldIDReserved: a worldId starting with "_" (configureWorld and register).
	ErrUserScriptWorldIDReserved = "World IDs beginning with '_' are reserved."
	// ErrUserScriptExecuteNoJS: userScripts.execute with an empty js list.
	ErrUserScriptExecuteNoJS = "User script must specify at least one js source."
)

// UserScriptNoMatch: a registered user script whose matches list is empty (one with no matches key
// at all gets scripting's "must specify 'matches'." instead).
func UserScriptNoMatch(id string) string {
	return fmt.Sprintf("Script with ID '%s' must specify at least one match.", id)
}

// UserScriptNoMatches: a registered user script without a matches key.
func UserScriptNoMatches(id string) string {
	return fmt.Sprintf("User script with ID '%s' must specify 'matches'.", id)
}

// UserScriptNoJS: a registered user script without js sources (no key, or an empty list).
func UserScriptNoJS(id string) string {
	return fmt.Sprintf("User script with ID '%s' must specify at least one js source.", id)
}

// UserScriptCodeOrFile: a js source with both or neither of code and file.
func UserScriptCodeOrFile(id string) string {
	return fmt.Sprintf("User script with ID '%s' must specify exactly one of 'code' or 'file' as a js source.", id)
}

// UserScriptBadExcludeMatch: a registered user script's excludeMatches[i] that does not parse.
func UserScriptBadExcludeMatch(id string, i int, why string) string {
	return fmt.Sprintf("Script with ID '%s' has invalid value for exclude_matches[%d]: %s", id, i, why)
}
