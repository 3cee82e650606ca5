// Package nativesim models the host side of Chrome's native messaging for the simulator: finding a
// host by name, checking that the calling extension may use it, launching it the way Chrome does,
// speaking Chrome's framing with it, and turning what the host does (replies, malformed output,
// oversized messages, exiting) into the events and exact error strings an extension observes.
//
// The browser model builds chrome.runtime.sendNativeMessage on [Registry.SendNativeMessage] and
// chrome.runtime.connectNative on [Registry.ConnectNative]. Framing and manifest rules are the
// nativehost package's; the error strings are apiargs'.
//
// # Hosts
//
// A host is either a program described by a manifest <dir>/<name>.json in one of
// [Options.Dirs] (like Chrome's <user-data-dir>/NativeMessagingHosts), or a [HostFunc] registered
// with [Registry.RegisterFunc]. A program is started per Chrome's rules: argv[1] is the caller's
// origin "chrome-extension://<id>/", the working directory is the binary's directory, stdin and
// stdout carry frames, stderr is captured ([Conn.Stderr]). A HostFunc sees the same JSON messages
// but runs synchronously on the goroutine that sends to it, so tests built on it are
// deterministic.
//
// # Lifecycles
//
// SendNativeMessage starts a new host per message; the first message the host sends is the
// reply, anything later is ignored, and the host is then closed. ConnectNative starts one host
// for the life of the port: messages flow both ways until the browser calls [Conn.Close] (which
// closes the host's stdin and kills it if it has not exited within [Options.KillGrace]) or the
// host goes away (the port's disconnect error, such as "Native host has exited.").
//
// # Integrating with the simulator's scheduler
//
// The simulator runs every JavaScript context on one goroutine on a virtual clock, and a real
// process answers whenever it likes. So nothing in this package calls into the browser on its own:
// what a host does is queued, and reaches the browser only when the browser's goroutine calls
// [Registry.Dispatch], which runs each queued event's deliver callback (given to
// SendNativeMessage or ConnectNative) in order, on the calling goroutine. The callback should
// turn the event into a scheduler task (a reply, a port message, a disconnect), not run script
// itself.
//
// The browser's run loop therefore looks like this:
//
//	for {
//		reg.Dispatch()                 // host events become scheduler tasks
//		if a macrotask is runnable {   // run JS; virtual time stands still
//			sched.Step(); continue
//		}
//		if reg.InFlight() > 0 {        // a real process may still answer
//			wctx, cancel := context.WithTimeout(ctx, settle)
//			err := reg.Wait(wctx)      // real time passes, virtual time does not
//			cancel()
//			if err == nil { continue } // something arrived: dispatch it first
//		}
//		if no timer is due { break }  // idle (or: keep waiting on reg.Wait(ctx) for a pending reply)
//		fire the next timer            // virtual time jumps
//	}
//
// Waiting before the clock jumps means a host that answers promptly is seen to answer "at once" in
// virtual time, whatever the machine's load; settle bounds how long a silent host (an idle
// connectNative port) holds the clock. Events of a HostFunc are queued synchronously while the
// browser sends, so for Go hosts Dispatch alone is enough and [Registry.Wait] never blocks.
//
// # Keeping the service worker alive
//
// Chrome gives the opener of a connectNative port a keepalive that never times out (Chrome 105+,
// conformance items 93 and 104): the browser model should hold one from ConnectNative until the
// conn's final event is delivered or it calls Close, and then let the worker's idle timer run
// again. A sendNativeMessage call is an ordinary one-time channel, with the default 5-minute
// request timeout.
//
// Errors that Chrome reports after the call (host not found, forbidden, failed to start, ...) are
// returned at once by SendNativeMessage and ConnectNative as an [*Error] whose Error() is Chrome's
// exact text; the browser model delivers them the way Chrome does (a rejection or lastError, or a
// port's onDisconnect).
package nativesim
