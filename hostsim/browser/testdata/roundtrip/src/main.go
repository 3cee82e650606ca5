//go:build js && wasm

// Command src is the round-trip benchmark's Go, in both contexts: in the service worker it serves
// rt.greet; in the content script it exports rtGreet(name), which sends rt.greet to the worker.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"syscall/js"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/jsglue"
)

type greetReq struct {
	Name string `json:"name"`
}

type greetResp struct {
	Greeting string `json:"greeting"`
}

var greet = bridge.NewRoute[greetReq, greetResp]("rt.greet")

func main() {
	// Only a worker global scope has importScripts.
	if js.Global().Get("importScripts").Type() == js.TypeFunction {
		serve()
	} else {
		export()
	}
	if err := bridge.Ready(); err != nil {
		log.Fatal(err)
	}
	select {}
}

func serve() {
	err := bridge.Handle(greet, func(_ context.Context, r greetReq) (greetResp, error) {
		return greetResp{Greeting: "hello, " + r.Name}, nil
	}, bridge.AllowContentScripts())
	if err != nil {
		log.Fatal(err)
	}
}

func export() {
	obj := jsglue.Global("rtGreet")
	jsglue.ExportPromise(obj, "send", func(ctx context.Context, args []json.RawMessage) (any, error) {
		if len(args) != 1 {
			return nil, errors.New("usage: rtGreet.send(name)")
		}
		var name string
		if err := json.Unmarshal(args[0], &name); err != nil {
			return nil, err
		}
		return greet.Send(ctx, bridge.ToExtension(), greetReq{Name: name})
	})
}
