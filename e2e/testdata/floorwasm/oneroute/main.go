//go:build js && wasm

// Command oneroute is the smallest worker the bridge makes: one typed route and Ready, and no import
// of its own beyond the bridge (its own code does not use encoding/json). BenchmarkWasmSize reports
// it beside the floor and the example worker (it is built, never loaded): what the bridge alone adds
// to Go.
package main

import (
	"context"

	"github.com/extwasm/extwasm/bridge"
)

type greeting struct {
	Greeting string `json:"greeting"`
}

type farewell struct {
	Farewell string `json:"farewell"`
}

var greet = bridge.NewRoute[greeting, farewell]("greet")

func main() {
	if err := bridge.Handle(greet, func(context.Context, greeting) (farewell, error) {
		return farewell{Farewell: "goodbye"}, nil
	}, bridge.AllowContentScripts()); err != nil {
		panic(err)
	}
	if err := bridge.Ready(); err != nil {
		panic(err)
	}
	select {}
}
