package browser

import "github.com/extwasm/extwasm/hostsim/internal/wasmjs"

// GoValues reports how many JavaScript values the context's Go modules hold references to, for the
// soak test; ok is false when the realm runs wasm_exec.js's own imports (HOSTSIM_GOJS=reference),
// whose table JavaScript reads itself.
func (c *Context) GoValues() (n int, ok bool) {
	cc, err := c.current(false)
	if err != nil {
		return 0, false
	}
	return cc.GoValues()
}

// StopTranscript turns b's transcript off, for benchmarks that measure the message service
// without the record every test reads.
func StopTranscript(b *Browser) { b.b.Transcript.Off = true }

// NewOn starts an empty browser on engine e instead of the process's shared one, for benchmarks
// that watch the guest code an engine runs.
func NewOn(opts Options, e *wasmjs.Engine) (*Browser, error) { return newOn(opts, e) }
