package chromesim

import (
	_ "embed"
	"fmt"
	"slices"

	"github.com/dop251/goja"
)

//go:embed idle.js
var idleSrc string

// IdleStates are idle.IdleState's values.
var IdleStates = []string{"active", "idle", "locked"}

func init() {
	registerAPI("idle", idleSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("idle") },
		func(c *Context, set func(string, any)) {
			queryState := schemaMethod("idle.queryState")
			setInterval := schemaMethod("idle.setDetectionInterval")
			set("queryState", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(queryState, call)
				if fail != nil {
					return fail
				}
				return c.settle(p[1], c.b.IdleState(), "")
			})
			set("setDetectionInterval", func(call goja.FunctionCall) goja.Value {
				if _, fail := c.parseCall(setInterval, call); fail != nil {
					return fail
				}
				return goja.Undefined()
			})
		})
}

// IdleState is what chrome.idle.queryState answers: "active" (headless Chromium 156 answers
// "active" too), until SetIdleState says otherwise.
func (b *Browser) IdleState() string {
	if b.idleState == "" {
		return "active"
	}
	return b.idleState
}

// SetIdleState makes the user "active", "idle" or "locked", as the system would report it, and
// fires idle.onStateChanged in every extension with the idle permission when the state changes.
// (Chrome fires "idle" only once the extension's detection interval has passed without input; the
// simulator takes the test's word for it.)
func (b *Browser) SetIdleState(state string) error {
	if !slices.Contains(IdleStates, state) {
		return fmt.Errorf("chrome: idle state %q is not one of %v", state, IdleStates)
	}
	if state == b.IdleState() {
		return nil
	}
	b.idleState = state
	b.fireProfileEvent("idle", "idle.onStateChanged", state)
	return nil
}
