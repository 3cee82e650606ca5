// Package jserror is the one error type for JavaScript that evaluated code threw, shared by the
// simulated browser (hostsim/browser) and the Chromium driver (internal/chromium), so that a test
// written against either, or against extwasmtest, matches the same *Error with errors.As.
package jserror

import "fmt"

// Error is an exception thrown, or a promise rejected, by evaluated JavaScript.
type Error struct {
	// Realm names the context the expression ran in.
	Realm string
	// Name is the error's constructor name ("Error", "TypeError"), empty for a thrown non-Error.
	Name string
	// Message is the error's message exactly as the browser produced it, or String() of a
	// non-Error.
	Message string
}

func (e *Error) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("%s: uncaught %s", e.Realm, e.Message)
	}
	return fmt.Sprintf("%s: %s: %s", e.Realm, e.Name, e.Message)
}
