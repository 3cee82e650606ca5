//go:build js && wasm

// Command usworker is the Go service worker of the scenario fixture
// e2e/internal/scenario/testdata/gouserscripts: route us.open and port us.port admit the
// extension's user scripts (bridge.AllowUserScripts), route us.closed only its content scripts.
// Each answers with what the bridge knows of the sender. self.ustest.registerCold registers, with
// the generated chrome/userscripts package, the user script the scenario's cold start uses.
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/url"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/chrome/userscripts"
	"github.com/extwasm/extwasm/jsglue"
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
	jsglue.ExportPromise(jsglue.Global("ustest"), "registerCold", registerCold)
	must(bridge.Ready())
	select {}
}

// registerCold turns messaging on for the default world and registers a user script that calls
// us.open as soon as a /us-go2 page loads, keeping the call's promise in self.cold; it returns the
// worlds' configurations and the scripts as Chrome reports them.
func registerCold(ctx context.Context, _ []json.RawMessage) (any, error) {
	if err := userscripts.ConfigureWorld(ctx, userscripts.WorldProperties{Messaging: true}); err != nil {
		return nil, err
	}
	err := userscripts.Register(ctx, []userscripts.RegisteredUserScript{{
		ID:      "cold",
		Matches: []string{"http://127.0.0.1/us-go2*"},
		JS:      []userscripts.ScriptSource{{Code: "self.cold = chrome.runtime.sendMessage({extwasm: 1, route: 'us.open', body: {text: 'cold start'}});"}},
	}})
	if err != nil {
		return nil, err
	}
	worlds, err := userscripts.GetWorldConfigurations(ctx)
	if err != nil {
		return nil, err
	}
	scripts, err := userscripts.GetScripts(ctx, nil)
	if err != nil {
		return nil, err
	}
	dup := userscripts.Register(ctx, []userscripts.RegisteredUserScript{{ID: "cold", Matches: []string{"http://127.0.0.1/*"},
		JS: []userscripts.ScriptSource{{Code: "1"}}}})
	return map[string]any{"worlds": worlds, "scripts": scripts, "duplicate": errText(dup)}, nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
