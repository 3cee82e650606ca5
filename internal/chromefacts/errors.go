package chromefacts

// Chrome's messaging errors, verbatim (conformance.md). Trailing periods matter: some texts have one
// and some do not.
const (
	// ErrReceivingEndDoesNotExist: no listener anywhere, target extension or tab missing, or refused
	// by externally_connectable.
	ErrReceivingEndDoesNotExist = "Could not establish connection. Receiving end does not exist."
	// ErrDifferentMessageSerialization: runtime.sendMessage or connect to another extension whose
	// manifest's message_serialization differs from the sender's (measured in Chromium 156: nothing
	// is delivered, either direction).
	ErrDifferentMessageSerialization = "Could not establish connection. Receiving end uses different message serialization format."
	// ErrPortClosedBeforeResponse is the callback-form lastError when listeners ran but none replied
	// or promised to. It has a trailing period.
	ErrPortClosedBeforeResponse = "The message port closed before a response was received."
	// ErrAsyncResponseChannelClosed: a listener returned true, then its context went away. It has NO
	// trailing period.
	ErrAsyncResponseChannelClosed = "A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received"
	// ErrBFCache closes ports of a page entering the back/forward cache.
	ErrBFCache = "The page keeping the extension port is moved into back/forward cache, so the message channel is closed."
	// ErrContextInvalidated is thrown by extension APIs of a context whose extension was reloaded or
	// removed.
	ErrContextInvalidated = "Extension context invalidated."
	// ErrDisconnectedPort is thrown (as Error) by postMessage on a port after disconnect() or
	// onDisconnect.
	ErrDisconnectedPort = "Attempting to use a disconnected port object"
	// ErrCouldNotSerialize: the message does not JSON.stringify to a string. Plain Error from
	// Port.postMessage and sendResponse; wrapped in an invocation error by sendMessage.
	ErrCouldNotSerialize = "Could not serialize message."
	// ErrMessageTooLarge: a serialized message over MaxMessageBytes.
	ErrMessageTooLarge = "Message exceeded maximum allowed size of 64MiB."
	// ErrMalformedJSONMessage is logged when a native host sends bad JSON.
	ErrMalformedJSONMessage = "The sender sent an invalid JSON message; message ignored."
	// ErrUserScriptsExternal: user scripts may only message their extension.
	ErrUserScriptsExternal = "User scripts may not message external extensions."
	// ErrListenerPromiseRejectedWithoutError: an onMessage listener's Promise rejected with a value
	// that is not an Error.
	ErrListenerPromiseRejectedWithoutError = "A runtime.onMessage listener's promise rejected without an Error"
	// ErrListenerErrorUnparsable: a listener threw something that is not an Error.
	ErrListenerErrorUnparsable = "Error message from listener couldn't be parsed or was empty."
)

// Chrome's native messaging errors, verbatim (conformance items 82, 85, 91).
const (
	// ErrNativeHostNotFound: no manifest for the host name in the directories Chrome searches.
	ErrNativeHostNotFound = "Specified native messaging host not found."
	// ErrNativeHostInvalidName: the host name is not dot-separated lower-case words.
	ErrNativeHostInvalidName = "Invalid native messaging host name specified."
	// ErrNativeHostForbidden: the host's allowed_origins does not list the calling extension.
	ErrNativeHostForbidden = "Access to the specified native messaging host is forbidden."
	// ErrNativeHostStartFailed: the host's executable could not be launched.
	ErrNativeHostStartFailed = "Failed to start native messaging host."
	// ErrNativeHostExited: the host closed its stdout or died, possibly before replying.
	ErrNativeHostExited = "Native host has exited."
	// ErrNativeHostCommunication: an I/O error, or a host message over MaxNativeHostMessageBytes.
	ErrNativeHostCommunication = "Error when communicating with the native messaging host."
	// ErrNativeMessagingPermission: the extension lacks the "nativeMessaging" permission.
	ErrNativeMessagingPermission = "Access to native messaging requires nativeMessaging permission."
	// ErrNativeHostDisabledByPolicy: an enterprise policy blocks the host.
	ErrNativeHostDisabledByPolicy = "Access to the native messaging host was disabled by the system administrator."
	// ErrNativeMessagingNotSupported: the platform has no native messaging.
	ErrNativeMessagingNotSupported = "Native Messaging is not supported on this platform."
	// ErrNativeHostMessageTooLargeLogf is the log line (a format taking the length) for a host message over MaxNativeHostMessageBytes.
	ErrNativeHostMessageTooLargeLogf = "Native Messaging host tried sending a message that is %d bytes long."
)

// InvocationErrorPrefix starts every TypeError Chrome's bindings throw for arguments that do not fit
// a method's signature: "Error in invocation of <signature>: <reason>".
const InvocationErrorPrefix = "Error in invocation of "

// InvocationError is the message of the TypeError Chrome throws when the arguments of the method with
// signature sig (as "tabs.query(object queryInfo, optional function callback)") are refused for reason.
func InvocationError(sig, reason string) string { return InvocationErrorPrefix + sig + ": " + reason }

// The network's errors as Chromium 156 gives them to fetch and XMLHttpRequest (measured with
// handlers behind --host-resolver-rules; e2e scenario "network-fetch").
const (
	// ErrFailedToFetch is the TypeError's message for every failed fetch: an unknown host, a
	// refused connection, a scheme fetch does not load, a response CORS refuses (no or the wrong
	// Access-Control-Allow-Origin, a failed preflight), redirect "error", a redirect loop. The
	// reason is on the console only; the error has no cause.
	ErrFailedToFetch = "Failed to fetch"
	// ErrSignalAbortedWithoutReason is the AbortError DOMException's message when
	// AbortController.abort() is called with no reason.
	ErrSignalAbortedWithoutReason = "signal is aborted without reason"
	// ErrSignalTimedOut is the TimeoutError DOMException's message of AbortSignal.timeout.
	ErrSignalTimedOut = "signal timed out"
)
