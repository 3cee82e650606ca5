// Package hostsim runs GOOS=js GOARCH=wasm Go programs inside Go: WebAssembly over wazero, in a
// goja JavaScript realm where the toolchain's wasm_exec.js runs unchanged, with the Node.js
// globals a plain Go program expects (fs on the real file system, process, path). Time is
// virtual: when the program is idle the clock jumps to its next timer, so a 30-second sleep
// takes microseconds and runs are reproducible.
//
// The folder holds two products on one JavaScript runtime.
//
// The runner for any GOOS=js program: this package, and cmd/go_js_wasm_exec, the -exec program
// of `GOOS=js go test`. Its internal packages:
//
//	internal/jsrt      the JavaScript runtime core: a goja realm per context, one scheduler, timers
//	internal/wasmjs    the WebAssembly JavaScript API over wazero, with the compilation cache
//	internal/gojs      the toolchain's GOOS=js imports: wasm_exec.js, and its fast path in Go
//	internal/nodejs    the Node.js globals and modules a plain Go program uses
//	internal/guests    test programs under testdata, built for the runner's tests and benchmarks
//
// The model of Chrome, for extensions: package browser (hostsim/browser) is its public face.
// Its internal packages, on top of jsrt and wasmjs:
//
//	internal/chromesim      the simulated browser: extensions, workers, tabs, frames, contexts,
//	                        the message service, and the chrome.* APIs beyond messaging
//	internal/dom            the DOM of the simulated pages
//	internal/manifest       manifest.json parsing and validation
//	internal/matchpattern   Chrome's match patterns
//	internal/apiargs        how Chrome's bindings read API call arguments
//	internal/chromejson     Chrome's JSON serialization of messages
//	internal/chromeclone    Chrome's structured-clone messaging
//	internal/nativesim      native messaging hosts: processes Chrome starts, and hosts written in Go
//	internal/nativeresolve  finding and checking a native host's manifest as Chrome does
//	internal/rundiagram     the transcript drawn as a sequence diagram (HTML with inline SVG)
//	internal/esm            ES modules: linking a module graph and running its modules on goja
//
// The runner imports nothing of the model; hostsim imports none of the packages it runs (bridge,
// jsglue, wasm): it runs their .wasm.
package hostsim
