//go:build js && wasm

// Command clone is the Go service worker of the scenario fixtures e2e/internal/scenario/testdata/goclone
// (message_serialization structured_clone) and gojson (the JSON default): one program, typed routes
// with []byte, time.Time and *big.Int fields, which travel as Uint8Array, Date and BigInt under
// structured clone and as base64, RFC 3339 and a number in JSON.
package main

import (
	"context"
	"log"
	"math/big"
	"time"

	"github.com/extwasm/extwasm/bridge"
)

// Blob is what the routes carry.
type Blob struct {
	Data []byte    `json:"data"`
	At   time.Time `json:"at"`
	N    *big.Int  `json:"n,omitempty"`
	// Tags leaves as a Map under structured clone (the extwasm:"map" tag), as an object in JSON.
	Tags map[string]int `json:"tags,omitempty" extwasm:"map"`
}

// Seen is what the Go handler saw, so that a scenario can tell the values arrived intact.
type Seen struct {
	Echo   Blob   `json:"echo"`
	Len    int    `json:"len"`
	Sum    int    `json:"sum"`
	Millis int64  `json:"millis"`
	Next   string `json:"next"`
}

// Echo answers a Blob with the Blob and what Go made of it.
var Echo = bridge.NewRoute[Blob, Seen]("clone.echo")

// Ask makes the worker send a Blob to the content scripts of a tab (route clone.cs) and answers
// with what came back.
var Ask = bridge.NewRoute[AskReq, Seen]("clone.ask")

// AskReq names the tab to ask.
type AskReq struct {
	Tab int `json:"tab"`
}

// ToContent is answered by the fixture's content script.
var ToContent = bridge.NewRoute[Blob, Blob]("clone.cs")

func seen(b Blob) Seen {
	s := Seen{Echo: b, Len: len(b.Data), Millis: b.At.UnixMilli()}
	for _, x := range b.Data {
		s.Sum += int(x)
	}
	if b.N != nil {
		s.Next = new(big.Int).Add(b.N, big.NewInt(1)).String()
	}
	return s
}

func main() {
	own := bridge.AllowOwnExtension()
	cs := bridge.AllowContentScripts()
	must(bridge.Handle(Echo, func(_ context.Context, b Blob) (Seen, error) { return seen(b), nil }, own, cs))
	must(bridge.Handle(Ask, func(ctx context.Context, r AskReq) (Seen, error) {
		at := time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)
		back, err := ToContent.Send(ctx, bridge.ToTab(r.Tab), Blob{Data: []byte{9, 8, 7}, At: at, N: big.NewInt(41)})
		if err != nil {
			return Seen{}, err
		}
		return seen(back), nil
	}, own, cs))
	// Each Blob posted on a "clone.port" port is answered with what Go made of it.
	must(bridge.OnConnect("clone.port", func(ctx context.Context, p *bridge.Port) {
		for m, err := range p.Messages() {
			var b Blob
			if err != nil || m.Decode(&b) != nil || p.Send(seen(b)) != nil {
				return
			}
		}
	}, own, cs))
	must(bridge.Ready())
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
