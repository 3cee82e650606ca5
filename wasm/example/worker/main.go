//go:build js && wasm

// Command worker is the example extension's service-worker logic (see extension/README.md).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strings"
	"sync/atomic"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/jsglue"
	"github.com/extwasm/extwasm/wasm/example/demo"
)

// vault is the demo's credential store, keyed by hostname then field name.
var vault = map[string]map[string]string{
	"127.0.0.1": {"username": "gopher", "password": "correct horse battery staple"},
}

func main() {
	ours := []bridge.Option{bridge.AllowOwnExtension(), bridge.AllowContentScripts()}
	must(bridge.HandleRaw(greeting, ours...))
	must(bridge.Handle(demo.Greet, func(_ context.Context, r demo.GreetReq) (demo.GreetResp, error) {
		return demo.GreetResp{Greeting: "hello, " + r.Name, From: "worker"}, nil
	}, append(ours, bridge.MaxBytes(demo.GreetMaxBytes))...))
	must(bridge.Handle(demo.GreetTab, greetTab, ours...))
	must(bridge.Handle(demo.Panic, func(context.Context, demo.Empty) (demo.Empty, error) {
		panic("demo.panic was called")
	}, ours...))
	must(bridge.OnConnect("knockknock", knockKnock, ours...))
	must(bridge.OnConnect("login:*", login, ours...))
	// The public API: other extensions on the manifest's externally_connectable.ids, and pages on
	// http://127.0.0.1 (any port, as its matches pattern says). Both gates must agree: Chrome's
	// refuses everyone else before the worker sees them, the bridge's denies whatever Chrome lets by.
	must(bridge.Handle(demo.PublicInfo, publicInfo,
		bridge.AllowExtensions(externalIDs()...), bridge.AllowOrigins("http://127.0.0.1:*"), bridge.MaxBytes(1<<10)))
	must(bridge.Handle(demo.NativeLookup, func(ctx context.Context, r demo.LookupReq) (demo.Credential, error) {
		return demo.VaultLookup.Send(ctx, bridge.ToNative(demo.NativeHost), r)
	}, bridge.AllowOwnExtension()))

	jsglue.ExportPromise(jsglue.Global("extwasmDemo"), "greetTab", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var tab, frame int
		var name string
		if len(args) != 3 || json.Unmarshal(args[0], &tab) != nil || json.Unmarshal(args[1], &frame) != nil || json.Unmarshal(args[2], &name) != nil {
			return nil, errors.New("usage: greetTab(tabId, frameId, name)")
		}
		return demo.Greet.Send(ctx, bridge.ToFrame(tab, frame), demo.GreetReq{Name: name})
	})

	exportNative()
	must(bridge.Ready())
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// greeting answers Chrome's documentation example; anything else that is not a route is an error.
func greeting(_ context.Context, msg json.RawMessage) (any, error) {
	var g demo.Greeting
	if json.Unmarshal(msg, &g) == nil && g.Greeting == "hello" {
		return demo.Farewell{Farewell: "goodbye"}, nil
	}
	return nil, fmt.Errorf("%w: the worker only answers {greeting: \"hello\"} and extwasm routes", bridge.ErrNotFound)
}

// greetTab relays demo.greet to the frame the request came from.
func greetTab(ctx context.Context, r demo.GreetReq) (demo.GreetTabResp, error) {
	s, _ := bridge.SenderFrom(ctx)
	if s.Tab == nil {
		return demo.GreetTabResp{}, fmt.Errorf("%w: demo.greetTab must come from a content script", bridge.ErrInvalid)
	}
	reply, err := demo.Greet.Send(ctx, bridge.ToFrame(s.Tab.ID, s.FrameID), r)
	if err != nil {
		return demo.GreetTabResp{}, fmt.Errorf("relaying to tab %d frame %d: %w", s.Tab.ID, s.FrameID, err)
	}
	return demo.GreetTabResp{Reply: reply}, nil
}

func knockKnock(_ context.Context, p *bridge.Port) {
	next := map[string]string{"Knock knock": "Who's there?", "Madame": "Madame who?", "Madame... Bovary": "I don't get it."}
	for m, err := range p.Messages() {
		if err != nil {
			return
		}
		var j demo.Joke
		if err := m.Decode(&j); err != nil {
			return
		}
		q, ok := next[j.Joke+j.Answer]
		if !ok {
			q = "I don't get it."
		}
		if p.Send(demo.Question{Question: q}) != nil {
			return
		}
	}
}

// served counts the fields handed out, across ports, for the log.
var served atomic.Int64

// login serves one page's form: the host comes from the port name, but the vault is only opened for
// the host the sending frame is really on (the sender comes from Chrome, the name from the page).
func login(ctx context.Context, p *bridge.Port) {
	host := strings.TrimPrefix(p.Name(), "login:")
	s, _ := bridge.SenderFrom(ctx)
	entries := vault[host]
	if !originHasHost(s.Origin, host) {
		entries = nil
	}
	n := 0
	for m, err := range p.Messages() {
		if err != nil {
			return
		}
		var f demo.FieldReq
		if m.Decode(&f) != nil {
			return
		}
		n++
		if p.Send(demo.FieldResp{Field: f.Field, Value: entries[f.Field]}) != nil {
			return
		}
	}
	log.Printf("extwasm demo: served %d fields on %s (%d in total)", n, p.Name(), served.Add(int64(n)))
}

func originHasHost(origin, host string) bool {
	rest, ok := strings.CutPrefix(origin, "http://")
	if !ok {
		rest, ok = strings.CutPrefix(origin, "https://")
	}
	if !ok {
		return false
	}
	h, _, _ := strings.Cut(rest, ":")
	return h == host
}
