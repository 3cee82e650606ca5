//go:build js && wasm

// Command src is the flood test's worker: it serves flood.echo, but calls bridge.Ready only when
// the test calls floodRelease(), so everything sent before is held by the glue.
package main

import (
	"context"
	"log"
	"sync"
	"syscall/js"

	"github.com/extwasm/extwasm/bridge"
)

type item struct {
	I int `json:"i"`
}

var echo = bridge.NewRoute[item, item]("flood.echo")

func main() {
	err := bridge.Handle(echo, func(_ context.Context, r item) (item, error) { return r, nil }, bridge.AllowContentScripts())
	if err != nil {
		log.Fatal(err)
	}
	release := make(chan struct{})
	var once sync.Once
	js.Global().Set("floodRelease", js.FuncOf(func(js.Value, []js.Value) any {
		once.Do(func() { close(release) })
		return nil
	}))
	<-release
	if err := bridge.Ready(); err != nil {
		log.Fatal(err)
	}
	select {}
}
