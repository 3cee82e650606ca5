// Package apiargs reproduces how Chrome's extension bindings read the
// arguments of the messaging APIs (runtime.sendMessage, runtime.connect,
// tabs.sendMessage, tabs.connect, runtime.sendNativeMessage,
// runtime.connectNative) and the synchronous errors they throw, on goja
// values.
package apiargs

import (
	"fmt"
	"strings"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Schema errors of the bindings' argument parser, verbatim from Chromium. Chrome's messaging
// errors live in package chromefacts.
const (
	ErrNoMatchingSignature = "No matching signature."
	ErrScriptThrew         = "Script threw an error."
	// ErrInvalidChoice: a value matching none of a choice parameter's types.
	ErrInvalidChoice = "Value did not match any choice."
	// ErrNotFinite is the schema error for a number parameter given NaN or an infinity.
	ErrNotFinite = "Value must not be NaN or Infinity."
)

// ExtensionIDRequired is the error for a web page calling method
// ("runtime.sendMessage" or "runtime.connect") without an extension id.
func ExtensionIDRequired(method string) string {
	return fmt.Sprintf("chrome.%s() called from a webpage must specify an Extension ID (string) for its first argument.", method)
}

// NativeHostMessageTooLarge is the log line for an oversized host message.
func NativeHostMessageTooLarge(n int) string {
	return fmt.Sprintf(chromefacts.ErrNativeHostMessageTooLargeLogf, n)
}

// InvalidType is the schema error for a value of the wrong type.
func InvalidType(expected, found string) string {
	return fmt.Sprintf("Invalid type: expected %s, found %s.", expected, found)
}

// NumberTooSmall is the schema error for a value under the minimum.
func NumberTooSmall(min int) string { return fmt.Sprintf("Value must be at least %d.", min) }

// NumberTooLarge is Chrome's text for an integer above the schema's maximum.
func NumberTooLarge(max int) string { return fmt.Sprintf("Value must be at most %d.", max) }

// ArrayTooShort and ArrayTooLong are Chrome's texts for an array outside the schema's minItems and
// maxItems (ArgumentSpec::ParseArgumentToArray).
func ArrayTooShort(n int) string { return fmt.Sprintf("Array must have at least %d items.", n) }

// ArrayTooLong: see ArrayTooShort.
func ArrayTooLong(n int) string { return fmt.Sprintf("Array must have at most %d items.", n) }

// UnexpectedProperty is the schema error for a key an options object may not have.
func UnexpectedProperty(name string) string { return fmt.Sprintf("Unexpected property: '%s'.", name) }

// MissingRequiredProperty is the schema error for a missing required key.
func MissingRequiredProperty(name string) string {
	return fmt.Sprintf("Missing required property '%s'.", name)
}

// ValueMustBeOneOf is the schema error for a string outside an enum.
func ValueMustBeOneOf(values []string) string {
	return "Value must be one of " + strings.Join(values, ", ") + "."
}

// IndexError prefixes an error found in an array element.
func IndexError(i int, err string) string { return fmt.Sprintf("Error at index %d: %s", i, err) }

// PropertyError prefixes an error found in an object property.
func PropertyError(name, err string) string {
	return fmt.Sprintf("Error at property '%s': %s", name, err)
}

// ArgumentError prefixes an error found in a parameter.
func ArgumentError(param, err string) string {
	return fmt.Sprintf("Error at parameter '%s': %s", param, err)
}

// InvocationError is what the bindings throw, as a TypeError, for a call
// they refuse: Error() is "Error in invocation of <method>(<signature>): <detail>".
type InvocationError struct {
	Method    string // e.g. "runtime.sendMessage"
	Signature string // e.g. "optional string extensionId, any message, ..."
	Detail    string // e.g. "Invalid extension id: 'ping'"
}

func (e *InvocationError) Error() string {
	return chromefacts.InvocationError(e.Method+"("+e.Signature+")", e.Detail)
}
