//go:build js && wasm

// Command worker is the Go service worker of the scenario fixture e2e/internal/scenario/testdata/goext:
// it handles two routes, a port and plain {greeting} messages, and nothing else, so the fixture's
// plain-JS page can answer the rest.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"

	"github.com/extwasm/extwasm/bridge"
)

// Ping is answered with {pong: true}.
var Ping = bridge.NewRoute[map[string]any, map[string]bool]("scenario.ping")

// Fail is answered with an error.
var Fail = bridge.NewRoute[map[string]any, struct{}]("scenario.fail")

func main() {
	own := bridge.AllowOwnExtension()
	must(bridge.Handle(Ping, func(context.Context, map[string]any) (map[string]bool, error) {
		return map[string]bool{"pong": true}, nil
	}, own, bridge.AllowContentScripts()))
	must(bridge.Handle(Fail, func(context.Context, map[string]any) (struct{}, error) {
		return struct{}{}, errors.New("scenario.fail always fails")
	}, own))
	// Chrome's own example message; RawKeys leaves every other plain message to the page.
	must(bridge.HandleRaw(func(context.Context, json.RawMessage) (any, error) {
		return map[string]string{"farewell": "goodbye from the Go worker"}, nil
	}, own, bridge.AllowContentScripts(), bridge.RawKeys("greeting")))
	must(bridge.OnConnect("echo", func(ctx context.Context, p *bridge.Port) {
		for m, err := range p.Messages() {
			if err != nil || p.Send(map[string]any{"echo": m.Raw()}) != nil {
				return
			}
		}
	}, own))
	must(bridge.Ready())
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
