//go:build js && wasm

// Command offdoc is the Go of the offscreen document of the scenario fixture
// e2e/internal/scenario/testdata/gooffscreen, started by the same glue as a worker
// (extwasm.start('offscreen.wasm') in offscreen.js). It serves the worker's requests and, asked to,
// calls the worker's routes and port, one of which refuses it.
package main

import (
	"context"
	"log"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/e2e/internal/scenario/testdata/wasm/offroutes"
)

func outcome(reply offroutes.Seen, err error) offroutes.Outcome {
	if err != nil {
		return offroutes.Outcome{Code: string(bridge.CodeOf(err)), Error: err.Error()}
	}
	return offroutes.Outcome{Reply: &reply}
}

func main() {
	own := bridge.AllowOwnExtension()
	must(bridge.Handle(offroutes.Echo, func(ctx context.Context, req offroutes.EchoReq) (offroutes.Seen, error) {
		s, _ := bridge.SenderFrom(ctx)
		return offroutes.Seen{Text: req.Text, Where: "offscreen", Sender: s, Page: s.Page()}, nil
	}, own))
	must(bridge.Handle(offroutes.CallWorker, func(ctx context.Context, _ struct{}) (offroutes.Calls, error) {
		var c offroutes.Calls
		c.Hello = outcome(offroutes.Hello.Send(ctx, bridge.ToExtension(), offroutes.EchoReq{Text: "from the offscreen document"}))
		c.PopupOnly = outcome(offroutes.PopupOnly.Send(ctx, bridge.ToExtension(), offroutes.EchoReq{Text: "let me in"}))
		p, err := bridge.Connect(ctx, bridge.ToExtension(), offroutes.WorkerPort)
		if err != nil {
			c.Port = []offroutes.Outcome{outcome(offroutes.Seen{}, err)}
			return c, nil
		}
		defer p.Disconnect()
		for _, text := range []string{"a", "b"} {
			if err := p.Send(offroutes.EchoReq{Text: text}); err != nil {
				c.Port = append(c.Port, outcome(offroutes.Seen{}, err))
				break
			}
			m, err := p.Receive(ctx)
			var s offroutes.Seen
			if err == nil {
				err = m.Decode(&s)
			}
			c.Port = append(c.Port, outcome(s, err))
		}
		return c, nil
	}, own))
	must(bridge.OnConnect(offroutes.DocPort, func(ctx context.Context, p *bridge.Port) {
		for m, err := range p.Messages() {
			var req offroutes.EchoReq
			if err != nil || m.Decode(&req) != nil {
				return
			}
			s, _ := p.Sender()
			if p.Send(offroutes.Seen{Text: req.Text, Where: "offscreen port", Sender: s, Page: s.Page()}) != nil {
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
