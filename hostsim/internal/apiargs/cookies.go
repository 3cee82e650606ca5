package apiargs

import "fmt"

// chrome.cookies' error texts, verbatim from Chromium 156 (scenario cookies). Its argument checks
// come from Chrome's schema (FromSchema).

// CookieNoHostPermission is the error for a url the extension has no host permission for.
func CookieNoHostPermission(url string) string {
	return fmt.Sprintf("No host permissions for cookies at url: %q.", url)
}

// CookieInvalidURL is the error for a url that does not parse.
func CookieInvalidURL(url string) string { return fmt.Sprintf("Invalid url: %q.", url) }

// CookieNotSet is the error for a cookie Chrome refuses to store (a domain the url is not in, a
// Secure cookie for an http url).
func CookieNotSet(name string) string {
	return fmt.Sprintf("Failed to parse or set cookie named %q.", name)
}
