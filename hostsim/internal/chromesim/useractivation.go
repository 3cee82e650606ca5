package chromesim

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// userActivationLifespan is how long a user gesture keeps its frame's transient user activation
// (Blink's kActivationLifespan).
const userActivationLifespan = 5 * time.Second

// EvalWithGesture is [Browser.Eval] as if the user had just clicked in c's page: c's frame gets
// transient user activation, which lasts userActivationLifespan on the browser's clock, as DevTools'
// userGesture gives it in Chromium. A worker has no frame to click in.
func (b *Browser) EvalWithGesture(ctx context.Context, c *Context, expr string, budget time.Duration) (json.RawMessage, error) {
	if c.frame == nil {
		return nil, fmt.Errorf("chrome: %s has no page to click in: a user gesture needs a frame", c.name)
	}
	c.frame.activatedAt, c.frame.activated = b.sched.Now(), true
	return b.Eval(ctx, c, expr, budget)
}

// hasUserGesture reports whether c's frame has transient user activation now: an extension API
// call made then counts as made in response to a user gesture.
func (c *Context) hasUserGesture() bool {
	f := c.frame
	return f != nil && f.activated && c.b.sched.Now()-f.activatedAt < userActivationLifespan
}
