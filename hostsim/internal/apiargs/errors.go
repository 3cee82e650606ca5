// Package apiargs reproduces how Chrome's extension bindings read the
// arguments of the messaging APIs (runtime.sendMessage, runtime.connect,
// tabs.sendMessage, tabs.connect, runtime.sendNativeMessage,
// runtime.connectNative) and the synchronous errors they throw, on goja
// values. It also collects, verbatim, the Chrome error strings the
// simulator reports.
package apiargs

import (
	"fmt"
	"strings"
)

// Errors the browser reports for messaging, verbatim from Chromium.
const (
	// ErrReceivingEndDoesNotExist: no listener anywhere, target extension
	// or tab missing, or refused by externally_connectable.
	ErrReceivingEndDoesNotExist = "Could not establish connection. Receiving end does not exist."
	// ErrPortClosedBeforeResponse is the callback-form lastError when
	// listeners ran but none replied or promised to. It has a trailing period.
	ErrPortClosedBeforeResponse = "The message port closed before a response was received."
	// ErrAsyncResponseChannelClosed: a listener returned true, then its
	// context went away. It has NO trailing period.
	ErrAsyncResponseChannelClosed = "A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received"
	// ErrBFCache closes ports of a page entering the back/forward cache.
	ErrBFCache = "The page keeping the extension port is moved into back/forward cache, so the message channel is closed."
	// ErrContextInvalidated is thrown by extension APIs of a content script
	// whose extension was reloaded or removed.
	ErrContextInvalidated = "Extension context invalidated."
	// ErrDisconnectedPort is thrown (as Error) by postMessage on a port
	// after disconnect() or onDisconnect.
	ErrDisconnectedPort = "Attempting to use a disconnected port object"
	// ErrCouldNotSerialize: the message does not JSON.stringify to a string.
	// Plain Error from Port.postMessage and sendResponse; wrapped in an
	// invocation error by sendMessage.
	ErrCouldNotSerialize = "Could not serialize message."
	// ErrMessageTooLarge: serialized message over 64 MiB.
	ErrMessageTooLarge = "Message exceeded maximum allowed size of 64MiB."
	// ErrMalformedJSONMessage is logged when a native host sends bad JSON.
	ErrMalformedJSONMessage = "The sender sent an invalid JSON message; message ignored."
	// ErrUserScriptsExternal: user scripts may only message their extension.
	ErrUserScriptsExternal = "User scripts may not message external extensions."
	// ErrListenerPromiseRejectedWithoutError: an onMessage listener's
	// Promise rejected with a value that is not an Error.
	ErrListenerPromiseRejectedWithoutError = "A runtime.onMessage listener's promise rejected without an Error"
	// ErrListenerErrorUnparsable: a listener threw something that is not
	// an Error.
	ErrListenerErrorUnparsable = "Error message from listener couldn't be parsed or was empty."

	// Native messaging (conformance items 82, 85, 91).
	ErrNativeHostNotFound            = "Specified native messaging host not found."
	ErrNativeHostInvalidName         = "Invalid native messaging host name specified."
	ErrNativeHostForbidden           = "Access to the specified native messaging host is forbidden."
	ErrNativeHostStartFailed         = "Failed to start native messaging host."
	ErrNativeHostExited              = "Native host has exited."
	ErrNativeHostCommunication       = "Error when communicating with the native messaging host."
	ErrNativeMessagingPermission     = "Access to native messaging requires nativeMessaging permission."
	ErrNativeHostDisabledByPolicy    = "Access to the native messaging host was disabled by the system administrator."
	ErrNativeMessagingNotSupported   = "Native Messaging is not supported on this platform."
	ErrNativeHostMessageTooLargeLogf = "Native Messaging host tried sending a message that is %d bytes long."

	// Schema errors of the bindings' argument parser.
	ErrNoMatchingSignature = "No matching signature."
	ErrScriptThrew         = "Script threw an error."
	// ErrInvalidChoice: a value matching none of a choice parameter's types.
	ErrInvalidChoice = "Value did not match any choice."
	// ErrNotFinite is the schema error for a number parameter given NaN or an infinity.
	ErrNotFinite = "Value must not be NaN or Infinity."
)

// InvalidExtensionID is the error for a non-empty id that is not 32 a-p.
func InvalidExtensionID(id string) string { return fmt.Sprintf("Invalid extension id: '%s'", id) }

// ExtensionIDRequired is the error for a web page calling method
// ("runtime.sendMessage" or "runtime.connect") without an extension id.
func ExtensionIDRequired(method string) string {
	return fmt.Sprintf("chrome.%s() called from a webpage must specify an Extension ID (string) for its first argument.", method)
}

// NativeHostMessageTooLarge is the log line for an oversized host message.
func NativeHostMessageTooLarge(n int) string { return fmt.Sprintf(ErrNativeHostMessageTooLargeLogf, n) }

// InvalidType is the schema error for a value of the wrong type.
func InvalidType(expected, found string) string {
	return fmt.Sprintf("Invalid type: expected %s, found %s.", expected, found)
}

// NumberTooSmall is the schema error for a value under the minimum.
func NumberTooSmall(min int) string { return fmt.Sprintf("Value must be at least %d.", min) }

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
	return fmt.Sprintf("Error in invocation of %s(%s): %s", e.Method, e.Signature, e.Detail)
}
