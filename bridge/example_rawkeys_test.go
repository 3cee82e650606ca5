package bridge_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/bridge/bridgetest"
)

// Two contexts answer plain JSON messages: the worker claims those with a greeting key, an
// extension page those with a ping key. Chrome keeps the first reply, so each message reaches the
// context that claims it, and one nobody claims gets ErrNoReceiver.
func ExampleRawKeys() {
	b := bridgetest.NewBrowser()
	answer := func(who string) bridge.RawHandlerFunc {
		return func(context.Context, json.RawMessage) (any, error) { return who, nil }
	}
	b.Worker().Run(func(context.Context) {
		_ = bridge.HandleRaw(answer("worker"), bridge.AllowContentScripts(), bridge.RawKeys("greeting"))
		_ = bridge.Ready()
	})
	b.Page("offscreen.html").Run(func(context.Context) {
		_ = bridge.HandleRaw(answer("page"), bridge.AllowContentScripts(), bridge.RawKeys("ping"))
		_ = bridge.Ready()
	})
	b.ContentScript(1, 0, "https://example.com/").Run(func(ctx context.Context) {
		for _, msg := range []map[string]string{{"greeting": "hello"}, {"ping": "page"}, {"other": "?"}} {
			reply, err := bridge.SendRaw(ctx, bridge.ToExtension(), msg)
			if errors.Is(err, bridge.ErrNoReceiver) {
				fmt.Println(msg, "→ nobody")
				continue
			}
			fmt.Println(msg, "→", string(reply))
		}
	})
	// Output:
	// map[greeting:hello] → "worker"
	// map[ping:page] → "page"
	// map[other:?] → nobody
}
