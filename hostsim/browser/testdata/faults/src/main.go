//go:build js && wasm

// Command src is the fault campaign's extension, one module for both sides: in the service worker
// it serves faults.echo, faults.slow and the faults.chat port; in a content script it exposes
// faults.request(id, kind, arg), which makes one request or port conversation and logs its outcome
// as one console line "faults outcome <json>", so the campaign reads outcomes even from contexts
// that have since ended.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"syscall/js"
	"time"

	"github.com/extwasm/extwasm/bridge"
)

type echoReq struct {
	ID    int    `json:"id"`
	Nonce string `json:"nonce"`
	Delay int    `json:"delayMs,omitempty"`
}

type echoResp struct {
	ID    int    `json:"id"`
	Nonce string `json:"nonce"`
}

var (
	echo = bridge.NewRoute[echoReq, echoResp]("faults.echo")
	slow = bridge.NewRoute[echoReq, echoResp]("faults.slow")
)

// outcome is what the campaign tallies for one request.
type outcome struct {
	ID      int    `json:"id"`
	OK      bool   `json:"ok"`
	Code    string `json:"code,omitempty"`
	Crossed bool   `json:"crossed,omitempty"` // a reply that belongs to another request
	Err     string `json:"err,omitempty"`
}

func main() {
	if js.Global().Get("document").IsUndefined() {
		serveWorker()
	} else {
		serveContent()
	}
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func reply(r echoReq) echoResp { return echoResp{ID: r.ID, Nonce: r.Nonce} }

func serveWorker() {
	from := bridge.AllowContentScripts()
	must(bridge.Handle(echo, func(_ context.Context, r echoReq) (echoResp, error) { return reply(r), nil }, from))
	must(bridge.Handle(slow, func(ctx context.Context, r echoReq) (echoResp, error) {
		select {
		case <-time.After(time.Duration(r.Delay) * time.Millisecond):
			return reply(r), nil
		case <-ctx.Done():
			return echoResp{}, ctx.Err()
		}
	}, from))
	must(bridge.OnConnect("faults.chat", func(ctx context.Context, p *bridge.Port) {
		for m, err := range p.Messages() {
			if err != nil {
				return
			}
			var r echoReq
			if err := m.Decode(&r); err != nil {
				return
			}
			if err := p.Send(reply(r)); err != nil {
				return
			}
		}
	}, from))
	must(bridge.Ready())
}

func serveContent() {
	obj := js.Global().Get("Object").New()
	js.Global().Set("faults", obj)
	obj.Set("request", js.FuncOf(func(_ js.Value, args []js.Value) any {
		id, kind, arg := args[0].Int(), args[1].String(), args[2].Int()
		go func() {
			o := run(id, kind, arg)
			text, _ := json.Marshal(o)
			fmt.Println("faults outcome " + string(text))
		}()
		return nil
	}))
	must(bridge.Ready())
	fmt.Println("faults ready")
}

// run makes request id: kind "echo" and "slow" (arg: the handler's delay in ms) are one-time
// requests, "chat" (arg: the number of turns) is a port conversation.
func run(id int, kind string, arg int) outcome {
	ctx := context.Background()
	req := echoReq{ID: id, Nonce: fmt.Sprintf("n%d-%d", id, arg), Delay: arg}
	var err error
	crossed := false
	check := func(r echoResp) {
		if r != reply(req) {
			crossed = true
		}
	}
	switch kind {
	case "echo", "slow":
		route := echo
		if kind == "slow" {
			route = slow
		}
		var r echoResp
		r, err = route.Send(ctx, bridge.ToExtension(), req)
		if err == nil {
			check(r)
		}
	case "chat":
		err = chat(ctx, &req, arg, check)
	default:
		err = errors.New("unknown kind " + kind)
	}
	if err != nil {
		return outcome{ID: id, Code: string(bridge.CodeOf(err)), Crossed: crossed, Err: err.Error()}
	}
	return outcome{ID: id, OK: !crossed, Crossed: crossed}
}

func chat(ctx context.Context, req *echoReq, turns int, check func(echoResp)) error {
	ctx, cancel := context.WithTimeout(ctx, bridge.DefaultTimeout)
	defer cancel()
	p, err := bridge.Connect(ctx, bridge.ToExtension(), "faults.chat")
	if err != nil {
		return err
	}
	defer p.Disconnect()
	for i := range turns {
		req.Nonce = fmt.Sprintf("n%d-turn%d", req.ID, i)
		if err := p.Send(*req); err != nil {
			return err
		}
		m, err := p.Receive(ctx)
		if err != nil {
			return err
		}
		var r echoResp
		if err := m.Decode(&r); err != nil {
			return err
		}
		check(r)
	}
	return nil
}
