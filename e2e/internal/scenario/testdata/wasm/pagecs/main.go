//go:build js && wasm

// Command pagecs is the Go content script of the scenario fixture testdata/gopage: it opens a
// page-world channel, serves cs.echo to the page world and calls page.add there, driven by the
// scenario through the exported __pw function.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"net/url"
	"sync/atomic"
	"syscall/js"
	"time"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/jsglue"
)

// EchoReq is what the page world sends on cs.echo.
type EchoReq struct {
	Text string `json:"text"`
}

// EchoResp tells the page what the content script saw.
type EchoResp struct {
	Got       string `json:"got"`
	PageWorld bool   `json:"pageWorld"`
	PageHost  bool   `json:"pageHost"` // the sender's origin is on the page's host
}

// AddReq and AddResp are the page world's page.add.
type AddReq struct {
	A int `json:"a"`
	B int `json:"b"`
}

// AddResp is page.add's reply.
type AddResp struct {
	Sum int `json:"sum"`
}

var (
	// Echo admits the page world, with a small size limit.
	Echo = bridge.NewRoute[EchoReq, EchoResp]("cs.echo")
	// Secret admits only the extension: it does not exist for the page world.
	Secret = bridge.NewRoute[map[string]any, map[string]bool]("cs.secret")
	// Add is served by the page world.
	Add = bridge.NewRoute[AddReq, AddResp]("page.add")
	// AddThere is the page world asking Go to ask the page world for page.add: both directions in
	// one request, for a scenario that cannot reach Go's exports (Go in the extension frame).
	AddThere = bridge.NewRoute[AddReq, AddResp]("cs.addThere")
)

func main() {
	var served atomic.Int64
	var pw *bridge.PageWorld
	must(bridge.Handle(Echo, func(ctx context.Context, req EchoReq) (EchoResp, error) {
		served.Add(1)
		s, _ := bridge.SenderFrom(ctx)
		// The page's host, also when Go runs in the extension frame.
		u, err := url.Parse(s.Origin)
		return EchoResp{Got: req.Text, PageWorld: s.PageWorld(), PageHost: err == nil && u.Hostname() == jsglue.Hostname()}, nil
	}, bridge.AllowPageWorld(), bridge.MaxBytes(256)))
	must(bridge.Handle(Secret, func(context.Context, map[string]any) (map[string]bool, error) {
		return map[string]bool{"secret": true}, nil
	}, bridge.AllowOwnExtension()))
	must(bridge.Handle(AddThere, func(ctx context.Context, req AddReq) (AddResp, error) {
		return Add.Send(ctx, bridge.ToPageWorld(), req)
	}, bridge.AllowPageWorld()))
	jsglue.ExportPromise(js.Global(), "__pw", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var op string
		if len(args) == 0 || json.Unmarshal(args[0], &op) != nil {
			return nil, errors.New("__pw: an operation is needed")
		}
		switch op {
		case "open":
			p, err := bridge.OpenPageWorld(ctx)
			if err != nil {
				return nil, err
			}
			pw = p
			return len(p.Nonce()), nil
		case "inject":
			if _, err := bridge.SendRaw(ctx, bridge.ToExtension(), map[string]string{"injectPageWorld": pw.Nonce()}); err != nil {
				return nil, err
			}
			if err := pw.Wait(ctx); err != nil {
				return nil, err
			}
			return "connected", nil
		case "add":
			var a, b int
			if len(args) < 3 || json.Unmarshal(args[1], &a) != nil || json.Unmarshal(args[2], &b) != nil {
				return nil, errors.New("__pw add: two numbers are needed")
			}
			r, err := Add.Send(ctx, bridge.ToPageWorld(), AddReq{A: a, B: b})
			if err != nil {
				return nil, err
			}
			return r.Sum, nil
		case "nonce":
			return pw.Nonce(), nil
		case "served":
			return served.Load(), nil
		case "close":
			pw.Close()
			return "closed", nil
		}
		return nil, errors.New("__pw: unknown operation " + op)
	})
	must(bridge.Ready())
	// A page that asks for it (<meta name="extwasm-pw-auto">) gets the channel at once, with no
	// step driving Go: in the extension frame Go's exports are out of the content script's reach.
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		doc, err := jsglue.Document()
		if err != nil {
			return
		}
		if _, auto, err := doc.Query(`meta[name="extwasm-pw-auto"]`); err != nil || !auto {
			return
		}
		p, err := bridge.OpenPageWorld(ctx)
		if err != nil {
			log.Printf("pagecs: %v", err)
			return
		}
		if _, err := bridge.SendRaw(ctx, bridge.ToExtension(), map[string]string{"injectPageWorld": p.Nonce()}); err != nil {
			log.Printf("pagecs: %v", err)
			return
		}
		if err := p.Wait(ctx); err != nil {
			log.Printf("pagecs: %v", err)
		}
	}()
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
