// Package nativehost is the native side of Chrome native messaging: the program an extension
// reaches with chrome.runtime.sendNativeMessage and chrome.runtime.connectNative.
//
// # Wire format
//
// Both directions carry frames: a 4-byte unsigned length in the machine's native byte order, then
// exactly that many bytes of UTF-8 JSON. [Reader] and [Writer] implement it. A Writer refuses a
// message over [MaxHostMessageSize] (1 MiB) before writing it, because Chrome would close the
// channel with "Error when communicating with the native messaging host."; a Reader refuses one over
// its limit ([MaxBrowserMessageSize], 64 MiB, by default) before allocating anything, and reads a
// body in chunks so that a forged length costs no memory. Malformed frames are [*FrameError]s.
//
// # Serving
//
// A host is a [Handler], usually built from a typed function with [Func], run by [Main]:
//
//	func main() {
//		nativehost.Main(nativehost.Func(func(ctx context.Context, req Lookup) (Credential, error) {
//			...
//		}))
//	}
//
// The same handler serves both lifecycles: for sendNativeMessage Chrome starts one process per
// message and keeps only the first reply; for connectNative one process answers every message of
// the port until the browser closes stdin, which ends [Serve] cleanly. Replies are written in
// message order and never interleave; [Post] adds unsolicited messages on a long-lived port.
// Stdout carries only frames: [Main] redirects os.Stdout to stderr, and logs go to stderr.
//
// A handler error becomes an error reply {"error":{"code":...,"message":...}} (see [Error]), a panic
// becomes an error reply of code [CodeInternal], a reply over 1 MiB becomes an error reply of code
// [CodeTooLarge]: the host keeps serving in each case.
//
// # Typed routes
//
// A [Mux] serves extwasm's typed envelope ({"extwasm":1,"route":...,"body":...}), so the
// extension's Go code reaches the host through the same kind of routes, strict decoding and error
// envelope it uses for extension messaging. Register routes with [HandleRoute]; plain JSON from
// JavaScript callers can share the port through [Mux.Fallback].
//
// # Security
//
// Native messaging is not a secure channel. Anything the host receives was produced by extension
// code and may carry data from web pages the extension read, so decode strictly (as [Func] does)
// and validate. Chrome only starts the host for the extensions listed in the manifest's
// allowed_origins, and passes the caller's origin as the first argument; when several extensions
// are listed, check the caller with [AllowOrigins] or [CheckOrigin] (see [CallerFrom]) before doing
// anything privileged. The host runs with the user's rights; the executable and its manifest must
// not be writable by others, and a per-user manifest can be replaced by any program the user runs.
//
// # Installing
//
// [Install] writes a host [Manifest] into the directory a browser searches ([Dir] for Chrome and
// Chromium on Linux and macOS, [UserDataDir] for a profile started with --user-data-dir), after
// the same checks Chrome applies when it loads one ([ParseManifest], [Manifest.Validate]).
// The command nativehost-install does the same from a shell.
package nativehost
