package browser

import (
	"encoding/json"

	"github.com/extwasm/extwasm/hostsim/internal/nativesim"
)

// NativeHostFunc is a native messaging host written in Go. It is called once per message the
// extension sends to one launch of the host (the message of a sendNativeMessage call, each
// message of a connectNative port), in order, synchronously, so tests built on it stay
// deterministic. It answers with NativeHost.Post; for sendNativeMessage only the first answer
// counts. A panic is a crash: the extension sees "Native host has exited.".
type NativeHostFunc func(h *NativeHost, msg json.RawMessage)

// NativeHost is one launch of a NativeHostFunc: what a process is for an executable host.
type NativeHost struct{ h *nativesim.Host }

// Origin is the caller's origin, "chrome-extension://<id>/", as argv[1] of a process.
func (h *NativeHost) Origin() string { return h.h.Origin() }

// Post sends v, encoded as JSON, to the extension. It fails once the launch is over.
func (h *NativeHost) Post(v any) error { return h.h.Post(v) }

// PostRaw sends msg as one frame unchecked, as a buggy host could: a frame that is not JSON is
// dropped with Chrome's console message, one over 1 MiB breaks the connection.
func (h *NativeHost) PostRaw(msg []byte) error { return h.h.PostRaw(msg) }

// Exit ends the launch as a process exiting with status code would: the extension sees
// "Native host has exited.".
func (h *NativeHost) Exit(code int) { h.h.Exit(code) }

// Logf writes a line to the host's stderr.
func (h *NativeHost) Logf(format string, args ...any) { h.h.Logf(format, args...) }

// RegisterNativeHost makes a Go host reachable as name by the extensions whose origins
// ("chrome-extension://<id>/", see Extension.Origin) are listed. Name and origins follow
// Chrome's host manifest rules. Registering a name again replaces the host.
func (b *Browser) RegisterNativeHost(name string, allowedOrigins []string, f NativeHostFunc) error {
	return b.b.RegisterNativeHost(name, allowedOrigins, func(h *nativesim.Host, msg json.RawMessage) {
		f(&NativeHost{h: h}, msg)
	})
}

// Origin is the extension's origin as native messaging hosts see it: "chrome-extension://<id>/".
func (e *Extension) Origin() string { return nativesim.Origin(e.e.ID()) }
