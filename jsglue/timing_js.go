//go:build js && wasm

package jsglue

import "syscall/js"

// init leaves the User Timing mark "extwasm.go-init". The glue marks a cold start's steps
// (extwasm.start, extwasm.instantiated, extwasm.ready); this one splits Go's part of it: the runtime
// and the initialisation of the packages jsglue depends on before it, the program's own packages and
// main up to bridge.Ready after it.
func init() {
	perf := js.Global().Get("performance")
	if perf.Type() == js.TypeObject && perf.Get("mark").Type() == js.TypeFunction {
		perf.Call("mark", "extwasm.go-init")
	}
}
