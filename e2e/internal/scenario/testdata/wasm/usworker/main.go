//go:build js && wasm

// Command usworker is the Go service worker of the scenario fixture
// e2e/internal/scenario/testdata/gouserscripts: route us.open and port us.port admit the
// extension's user scripts (bridge.AllowUserScripts), route us.closed only its content scripts.
// Each answers with what the bridge knows of the sender.
package main

import (
	"context"
	"log"
	"net/url"

	"github.com/extwasm/extwasm/bridge"
)

// Req is what a caller sends.
type Req struct {
	Text string `json:"text"`
}

// Seen is the answer: the text, and the sender as the bridge sees it, reduced to what does not
// vary between runs.
type Seen struct {
	Text       string `json:"text"`
	Route      string `json:"route"`
	UserScript bool   `json:"userScript"`
	Path       string `json:"path"`
	InTab      bool   `json:"inTab"`
	FrameID    int    `json:"frameId"`
}

var (
	open   = bridge.NewRoute[Req, Seen]("us.open")
	closed = bridge.NewRoute[Req, Seen]("us.closed")
)

func seen(ctx context.Context, route, text string) Seen {
	s, _ := bridge.SenderFrom(ctx)
	path := ""
	if u, err := url.Parse(s.URL); err == nil {
		path = u.Path
	}
	return Seen{Text: text, Route: route, UserScript: s.UserScript(), Path: path, InTab: s.Tab != nil, FrameID: s.FrameID}
}

func main() {
	must(bridge.Handle(open, func(ctx context.Context, r Req) (Seen, error) {
		return seen(ctx, "us.open", r.Text), nil
	}, bridge.AllowUserScripts()))
	must(bridge.Handle(closed, func(ctx context.Context, r Req) (Seen, error) {
		return seen(ctx, "us.closed", r.Text), nil
	}, bridge.AllowContentScripts()))
	must(bridge.OnConnect("us.port", func(ctx context.Context, p *bridge.Port) {
		for m, err := range p.Messages() {
			var r Req
			if err != nil || m.Decode(&r) != nil {
				return
			}
			if p.Send(seen(ctx, "us.port", r.Text)) != nil {
				return
			}
		}
	}, bridge.AllowUserScripts()))
	must(bridge.Ready())
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
