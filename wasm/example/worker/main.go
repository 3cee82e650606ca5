//go:build js && wasm

// Command worker is the example extension's service-worker logic (see extension/README.md).
package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"slices"
	"sync/atomic"
	"syscall/js"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/chrome/runtime"
	"github.com/extwasm/extwasm/chrome/storage"
	"github.com/extwasm/extwasm/chrome/tabs"
	"github.com/extwasm/extwasm/jsglue"
	"github.com/extwasm/extwasm/wasm/example/demo"
)

func main() {
	ours := []bridge.Option{bridge.AllowOwnExtension(), bridge.AllowContentScripts()}
	// RawKeys: only {greeting: …} is the worker's; other plain messages are left to other contexts.
	must(bridge.HandleRaw(greeting, append(ours, bridge.RawKeys("greeting"))...))
	must(bridge.Handle(demo.Greet, func(_ context.Context, r demo.GreetReq) (demo.GreetResp, error) {
		return demo.GreetResp{Greeting: "hello, " + r.Name, From: "worker"}, nil
	}, append(ours, bridge.MaxBytes(demo.GreetMaxBytes))...))
	must(bridge.Handle(demo.GreetTab, greetTab, ours...))
	must(bridge.Handle(demo.Panic, func(context.Context, demo.Empty) (demo.Empty, error) {
		panic("demo.panic was called")
	}, ours...))
	must(bridge.OnConnect("knockknock", knockKnock, ours...))
	// The fill starts from the extension's own pages only (the popup's "Fill" button): neither a
	// web page nor a content script can ask for it.
	must(bridge.Handle(demo.Fill, fill, bridge.AllowOwnExtension()))
	must(bridge.OnConnect(demo.LoginPort, login, ours...))
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
	if _, err := runtime.OnInstalled(seedVault); err != nil {
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

// demoVault is what a fresh install starts with, so `make run`'s page at http://127.0.0.1:8000 can
// be filled before anyone has opened the options page.
var demoVault = demo.Vault{"http://127.0.0.1:8000": {"username": "gopher", "password": "correct horse battery staple"}}

// seedVault writes demoVault on install when there is no vault yet.
func seedVault(d runtime.OnInstalledDetails) {
	if d.Reason != runtime.OnInstalledReasonInstall {
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

// fill is the user's request (from the popup) to fill a tab's login form. The credential is the
// vault's for the exact origin the tab's top frame shows (from Chrome's tabs.Tab, not from the page);
// the worker issues a fill id bound to that tab, its top frame and that origin, and asks the top
// frame's content script (tabs.sendMessage with frameId 0) to fill under it. Subframes are never
// asked, whatever their origin: the login port only serves the frame and origin the id is bound to.
func fill(ctx context.Context, r demo.FillReq) (demo.FillResp, error) {
	tab, err := tabs.Get(ctx, r.TabID)
	if err != nil {
		return demo.FillResp{}, err
	}
	origin := webOrigin(tab.URL)
	if origin == "" {
		return demo.FillResp{}, fmt.Errorf("%w: tab %d shows no http(s) page the filler may see", bridge.ErrInvalid, tab.ID)
	}
	resp := demo.FillResp{Origin: origin}
	v, _, err := storage.GetValue[demo.Vault](ctx, storage.Local, demo.VaultKey)
	if err != nil {
		return resp, fmt.Errorf("reading the vault: %w", err)
	}
	if _, resp.Saved = v[origin]; !resp.Saved {
		return resp, nil
	}
	id, err := newFillID()
	if err != nil {
		return resp, fmt.Errorf("naming the fill: %w", err)
	}
	state := demo.FillState{Tab: tab.ID, Frame: 0, Origin: origin, Served: []string{}}
	if err := storage.Session.Set(ctx, map[string]demo.FillState{demo.FillKey(id): state}); err != nil {
		return resp, fmt.Errorf("saving fill %s: %w", id, err)
	}
	// The content script answers once the fill is over (its port closed), so the id is spent.
	defer func() { _ = storage.Session.Remove(context.Background(), demo.FillKey(id)) }()
	got, err := demo.FillForm.Send(ctx, bridge.ToFrame(tab.ID, state.Frame), demo.FillFormReq{Fill: id})
	if err != nil {
		return resp, fmt.Errorf("filling tab %d: %w", tab.ID, err)
	}
	resp.Filled = got.Filled
	return resp, nil
}

// webOrigin is an http or https URL's origin as Chrome serializes it ("http://127.0.0.1:8000", with
// the scheme's default port left out), or "" for any other URL. The context's own URL parser reads
// it, so the origin is the browser's, not a second parser's idea of it.
func webOrigin(raw string) string {
	var origin string
	err := jsglue.Try(func() {
		u := js.Global().Get("URL").New(raw)
		if p := u.Get("protocol").String(); p == "http:" || p == "https:" {
			origin = u.Get("origin").String()
		}
	})
	if err != nil {
		return ""
	}
	return origin
}

// newFillID names one fill, for the worker to keep its state under; it is only ever sent to the
// top frame's content script, so a page cannot learn it. jsglue.RandomBytes reads the same source
// as crypto/rand without linking crypto/rand's FIPS module into the worker.
func newFillID() (string, error) {
	b := make([]byte, 16)
	if err := jsglue.RandomBytes(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// login serves one fill's fields from the vault in chrome.storage.local (the options page edits it).
// The first field names the fill id; the port is served only if the fill exists and the port's
// sender — from Chrome, never from the page — is the tab, frame and exact origin the fill is bound
// to; otherwise the worker closes the port without a value. Per fill it mirrors the fields served
// to chrome.storage.session after each one, so a worker stopped in the middle of a fill (idle, or
// killed) resumes it when the content script reconnects with the same id, and nothing is served
// twice or lost from the count.
func login(ctx context.Context, p *bridge.Port) {
	s, _ := bridge.SenderFrom(ctx)
	fillID := ""
	var state demo.FillState
	var entries map[string]string
	for m, err := range p.Messages() {
		if err != nil {
			return
		}
		var f demo.FieldReq
		if m.Decode(&f) != nil {
			return
		}
		if fillID == "" {
			saved, found, err := storage.GetValue[demo.FillState](ctx, storage.Session, demo.FillKey(f.Fill))
			if f.Fill == "" || err != nil || !found || !mayFill(s, saved) {
				log.Printf("extwasm demo: refused a login port from %s frame %d", s.Origin, s.FrameID)
				return
			}
			v, _, err := storage.GetValue[demo.Vault](ctx, storage.Local, demo.VaultKey)
			if err != nil {
				log.Printf("extwasm demo: reading the vault: %v", err)
				return
			}
			fillID, state, entries = f.Fill, saved, v[saved.Origin]
		} else if f.Fill != fillID {
			return
		}
		if !slices.Contains(state.Served, f.Field) { // asked again after a reconnect
			state.Served = append(state.Served, f.Field)
		}
		if err := storage.Session.Set(ctx, map[string]demo.FillState{demo.FillKey(fillID): state}); err != nil {
			log.Printf("extwasm demo: saving fill %s: %v", fillID, err)
		}
		if p.Send(demo.FieldResp{Field: f.Field, Value: entries[f.Field]}) != nil {
			return
		}
	}
	if fillID == "" {
		return
	}
	_ = storage.Session.Remove(context.Background(), demo.FillKey(fillID))
	log.Printf("extwasm demo: served %d fields on %s (%d in total)", len(state.Served), state.Origin, served.Add(int64(len(state.Served))))
}

// mayFill reports whether the port's sender is where the fill was bound: its tab, its frame (the
// top one) and exactly its origin, so neither another port nor another scheme of the same host nor a
// subframe gets the credential.
func mayFill(s bridge.Sender, st demo.FillState) bool {
	return s.Tab != nil && s.Tab.ID == st.Tab && s.FrameID == st.Frame && s.Origin == st.Origin
}
