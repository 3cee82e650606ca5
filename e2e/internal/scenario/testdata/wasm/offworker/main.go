//go:build js && wasm

// Command offworker is the Go service worker of the scenario fixture
// e2e/internal/scenario/testdata/gooffscreen. It serves routes to the offscreen document only
// (bridge.AllowExtensionPages), and exports on self.offtest functions that open the document with
// chrome/offscreen, talk to the Go in it and close it, so a scenario drives it from JavaScript.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/chrome/offscreen"
	"github.com/extwasm/extwasm/e2e/internal/scenario/testdata/wasm/offroutes"
	"github.com/extwasm/extwasm/jsglue"
)

func seen(ctx context.Context, text string) offroutes.Seen {
	s, _ := bridge.SenderFrom(ctx)
	return offroutes.Seen{Text: text, Where: "worker", Sender: s, Page: s.Page()}
}

func outcome(reply offroutes.Seen, err error) offroutes.Outcome {
	if err != nil {
		return offroutes.Outcome{Code: string(bridge.CodeOf(err)), Error: err.Error()}
	}
	return offroutes.Outcome{Reply: &reply}
}

func main() {
	doc := bridge.AllowExtensionPages(offroutes.Page)
	must(bridge.Handle(offroutes.Hello, func(ctx context.Context, req offroutes.EchoReq) (offroutes.Seen, error) {
		return seen(ctx, "hello, "+req.Text), nil
	}, doc))
	must(bridge.Handle(offroutes.PopupOnly, func(ctx context.Context, req offroutes.EchoReq) (offroutes.Seen, error) {
		return seen(ctx, req.Text), nil
	}, bridge.AllowExtensionPages("/popup.html")))
	must(bridge.OnConnect(offroutes.WorkerPort, func(ctx context.Context, p *bridge.Port) {
		for m, err := range p.Messages() {
			var req offroutes.EchoReq
			if err != nil || m.Decode(&req) != nil {
				return
			}
			s, _ := p.Sender()
			if p.Send(offroutes.Seen{Text: req.Text, Where: "worker port", Sender: s, Page: s.Page()}) != nil {
				return
			}
		}
	}, doc))

	obj := jsglue.Global("offtest")
	export := func(name string, fn func(ctx context.Context, args []json.RawMessage) (any, error)) {
		jsglue.ExportPromise(obj, name, fn)
	}
	export("open", func(ctx context.Context, _ []json.RawMessage) (any, error) {
		err := offscreen.CreateDocument(ctx, offscreen.CreateParameters{
			URL:           "offscreen.html",
			Reasons:       []offscreen.Reason{offscreen.ReasonDOMParser},
			Justification: "Go in an offscreen document",
		})
		if err != nil {
			return nil, err
		}
		return offscreen.HasDocument(ctx)
	})
	export("close", func(ctx context.Context, _ []json.RawMessage) (any, error) {
		if err := offscreen.CloseDocument(ctx); err != nil {
			return nil, err
		}
		return offscreen.HasDocument(ctx)
	})
	export("echo", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var text string
		if len(args) != 1 || json.Unmarshal(args[0], &text) != nil {
			return nil, errors.New("usage: echo(text)")
		}
		return outcome(offroutes.Echo.Send(ctx, bridge.ToExtension(), offroutes.EchoReq{Text: text})), nil
	})
	export("port", func(ctx context.Context, _ []json.RawMessage) (any, error) {
		p, err := bridge.Connect(ctx, bridge.ToExtension(), offroutes.DocPort)
		if err != nil {
			return []offroutes.Outcome{outcome(offroutes.Seen{}, err)}, nil
		}
		defer p.Disconnect()
		return exchange(ctx, p, "one", "two"), nil
	})
	export("callWorker", func(ctx context.Context, _ []json.RawMessage) (any, error) {
		return offroutes.CallWorker.Send(ctx, bridge.ToExtension(), struct{}{})
	})
	must(bridge.Ready())
	select {}
}

// exchange sends each text on p and collects the answers.
func exchange(ctx context.Context, p *bridge.Port, texts ...string) []offroutes.Outcome {
	var out []offroutes.Outcome
	for _, text := range texts {
		if err := p.Send(offroutes.EchoReq{Text: text}); err != nil {
			return append(out, outcome(offroutes.Seen{}, err))
		}
		m, err := p.Receive(ctx)
		var s offroutes.Seen
		if err == nil {
			err = m.Decode(&s)
		}
		out = append(out, outcome(s, err))
	}
	return out
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
