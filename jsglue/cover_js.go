//go:build js && wasm && extwasmcover

package jsglue

import (
	"bytes"
	"runtime/coverage"
	"syscall/js"

	"github.com/extwasm/extwasm/internal/wasmcover"
)

// A coverage build (extwasmtest builds one under go test -cover) leaves a hook in the context's
// global scope for the simulator to call as the context ends: an extension's Go never exits, so
// the toolchain's write-at-exit never happens. The data goes back as bytes; writing files here
// would block inside a JavaScript callback, which deadlocks Go's js port.
func init() {
	js.Global().Set(wasmcover.Hook, js.FuncOf(func(js.Value, []js.Value) any {
		var meta, counters bytes.Buffer
		if err := coverage.WriteMeta(&meta); err != nil {
			return map[string]any{"error": err.Error()}
		}
		if err := coverage.WriteCounters(&counters); err != nil {
			return map[string]any{"error": err.Error()}
		}
		return map[string]any{"meta": uint8Array(meta.Bytes()), "counters": uint8Array(counters.Bytes())}
	}))
}

func uint8Array(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}
