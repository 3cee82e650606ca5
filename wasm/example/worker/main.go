//go:build js && wasm

// Command worker is the example extension's service-worker logic (see extension/README.md).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/chrome/extension"
	"github.com/extwasm/extwasm/chrome/storage"
	"github.com/extwasm/extwasm/jsglue"
	"github.com/extwasm/extwasm/wasm/example/demo"
)

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
	if _, err := extension.OnInstalled(seedVault); err != nil {
		log.Printf("extwasm demo: runtime.onInstalled: %v", err)
	}
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

// demoVault is what a fresh install starts with, so the demo fills 127.0.0.1's login form before
// anyone has opened the options page.
var demoVault = demo.Vault{"127.0.0.1": {"username": "gopher", "password": "correct horse battery staple"}}

// seedVault writes demoVault on install when there is no vault yet.
func seedVault(d extension.InstalledDetails) {
	if d.Reason != "install" {
		return
	}
	ctx := context.Background()
	if _, found, err := storage.GetValue[demo.Vault](ctx, storage.Local, demo.VaultKey); err != nil || found {
		return
	}
	if err := storage.Local.Set(ctx, map[string]demo.Vault{demo.VaultKey: demoVault}); err != nil {
		log.Printf("extwasm demo: seeding the vault: %v", err)
	}
}

// login serves one page's form from the vault in chrome.storage.local (the options page edits it):
// the host comes from the port name, but credentials are only read for the host the sending frame
// is really on (the sender comes from Chrome, the name from the page). Per port it keeps the fill's
// state — which fields it served — and mirrors it to chrome.storage.session after each field, so a
// worker stopped in the middle of a fill (idle, or killed) resumes it when the content script
// reconnects with the same fill id, and nothing is served twice or lost from the count.
func login(ctx context.Context, p *bridge.Port) {
	host := strings.TrimPrefix(p.Name(), "login:")
	s, _ := bridge.SenderFrom(ctx)
	var entries map[string]string
	if originHasHost(s.Origin, host) {
		v, _, err := storage.GetValue[demo.Vault](ctx, storage.Local, demo.VaultKey)
		if err != nil {
			log.Printf("extwasm demo: reading the vault: %v", err)
			return
		}
		entries = v[host]
	}
	fillID := ""
	state := demo.FillState{Host: host, Served: []string{}}
	for m, err := range p.Messages() {
		if err != nil {
			return
		}
		var f demo.FieldReq
		if m.Decode(&f) != nil {
			return
		}
		if f.Fill != "" && f.Fill != fillID {
			fillID = f.Fill
			if saved, found, err := storage.GetValue[demo.FillState](ctx, storage.Session, demo.FillKey(fillID)); err == nil && found && saved.Host == host {
				state = saved // a fill this worker (or the one before it) started
			}
		}
		if !slices.Contains(state.Served, f.Field) { // asked again after a reconnect
			state.Served = append(state.Served, f.Field)
		}
		if fillID != "" {
			if err := storage.Session.Set(ctx, map[string]demo.FillState{demo.FillKey(fillID): state}); err != nil {
				log.Printf("extwasm demo: saving fill %s: %v", fillID, err)
			}
		}
		if p.Send(demo.FieldResp{Field: f.Field, Value: entries[f.Field]}) != nil {
			return
		}
	}
	if fillID != "" {
		_ = storage.Session.Remove(context.Background(), demo.FillKey(fillID))
	}
	log.Printf("extwasm demo: served %d fields on %s (%d in total)", len(state.Served), p.Name(), served.Add(int64(len(state.Served))))
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
