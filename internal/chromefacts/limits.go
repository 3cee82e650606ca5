// Package chromefacts holds what this module knows about Chrome (Chromium 156) and must agree on
// everywhere: message size limits, the shape of an extension ID and Chrome's error texts, verbatim.
// The bridge, the native host library, the JavaScript glue's Go side and the simulator import these
// instead of keeping copies, so a correction made here reaches all of them.
package chromefacts

// MaxMessageBytes is Chrome's limit on an extension message: the JSON text a runtime.sendMessage,
// tabs.sendMessage or Port.postMessage message serializes to, and a message from the browser to a
// native host. A JSON text of exactly this many UTF-8 bytes is sent; one byte more fails with
// ErrMessageTooLarge.
const MaxMessageBytes = 64 << 20

// MaxNativeHostMessageBytes is Chrome's limit on one message from a native host to the browser
// (kMaximumNativeMessageSize). A longer message makes Chrome close the channel with
// ErrNativeHostCommunication.
const MaxNativeHostMessageBytes = 1 << 20
