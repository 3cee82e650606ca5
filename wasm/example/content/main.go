//go:build js && wasm

// Command content is the example extension's content-script logic (see extension/README.md).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"strconv"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/jsglue"
	"github.com/extwasm/extwasm/wasm/example/demo"
)

func main() {
	fromExtension := bridge.AllowOwnExtension()
	must(bridge.Handle(demo.Greet, func(_ context.Context, r demo.GreetReq) (demo.GreetResp, error) {
		return demo.GreetResp{Greeting: "hello, " + r.Name, From: "content"}, nil
	}, fromExtension, bridge.MaxBytes(demo.GreetMaxBytes)))
	must(bridge.HandleRaw(func(_ context.Context, msg json.RawMessage) (any, error) {
		var g demo.Greeting
		if json.Unmarshal(msg, &g) == nil && g.Greeting == "hello" {
			return demo.Farewell{Farewell: "goodbye from the content script"}, nil
		}
		return nil, fmt.Errorf("%w: the content script only answers {greeting: \"hello\"} and extwasm routes", bridge.ErrNotFound)
	}, fromExtension, bridge.RawKeys("greeting")))
	// The content script fills only when the extension asks (tabs.sendMessage, after the user
	// clicked "Fill" in the popup), never on load: a page can neither send this nor see the fill id.
	must(bridge.Handle(demo.FillForm, func(ctx context.Context, r demo.FillFormReq) (demo.FillFormResp, error) {
		n, err := fillLoginForm(ctx, r.Fill)
		return demo.FillFormResp{Filled: n}, err
	}, fromExtension))
	exportDemo()
	must(bridge.Ready())
	select {}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// exportDemo installs the isolated world's extwasmDemo functions used by tests.
func exportDemo() {
	obj := jsglue.Global("extwasmDemo")
	arg := func(args []json.RawMessage, i int, v any) error {
		if i >= len(args) {
			return fmt.Errorf("missing argument %d", i+1)
		}
		return json.Unmarshal(args[i], v)
	}
	jsglue.ExportPromise(obj, "greet", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var name string
		if err := arg(args, 0, &name); err != nil {
			return nil, err
		}
		return demo.Greet.Send(ctx, bridge.ToExtension(), demo.GreetReq{Name: name})
	})
	jsglue.ExportPromise(obj, "greetTab", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var name string
		if err := arg(args, 0, &name); err != nil {
			return nil, err
		}
		return demo.GreetTab.Send(ctx, bridge.ToExtension(), demo.GreetReq{Name: name})
	})
	jsglue.ExportPromise(obj, "knock", func(ctx context.Context, _ []json.RawMessage) (any, error) {
		return knock(ctx)
	})
	jsglue.ExportPromise(obj, "panic", func(ctx context.Context, _ []json.RawMessage) (any, error) {
		_, err := demo.Panic.Send(ctx, bridge.ToExtension(), demo.Empty{})
		if err == nil {
			return nil, errors.New("demo.panic succeeded unexpectedly")
		}
		return errInfo(err), nil
	})
	jsglue.ExportPromise(obj, "send", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var route string
		if err := arg(args, 0, &route); err != nil {
			return nil, err
		}
		body := json.RawMessage("null")
		if len(args) > 1 {
			body = args[1]
		}
		r := bridge.NewRoute[json.RawMessage, json.RawMessage](route)
		reply, err := r.Send(ctx, bridge.ToExtension(), body)
		if err != nil {
			info := errInfo(err)
			info["ok"] = false
			return info, nil
		}
		return map[string]any{"ok": true, "body": reply}, nil
	})
}

func errInfo(err error) map[string]any {
	msg := err.Error()
	var re *bridge.RemoteError
	if errors.As(err, &re) {
		msg = re.Message
	}
	return map[string]any{"code": string(bridge.CodeOf(err)), "message": msg}
}

// knock runs the knock-knock conversation and returns the questions received.
func knock(ctx context.Context) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, bridge.DefaultTimeout)
	defer cancel()
	p, err := bridge.Connect(ctx, bridge.ToExtension(), "knockknock")
	if err != nil {
		return nil, err
	}
	defer p.Disconnect()
	var got []string
	for _, j := range []demo.Joke{{Joke: "Knock knock"}, {Answer: "Madame"}, {Answer: "Madame... Bovary"}} {
		if err := p.Send(j); err != nil {
			return got, err
		}
		m, err := p.Receive(ctx)
		if err != nil {
			return got, err
		}
		var q demo.Question
		if err := m.Decode(&q); err != nil {
			return got, err
		}
		got = append(got, q.Question)
	}
	return got, nil
}

// fillLoginForm fills the first form with a password input from the vault under the worker's fill
// id, one field per message on the login port, and returns how many inputs it set (0 without such
// a form). Values are set as text and announced with an input event. If the port closes in the
// middle (the worker was stopped), it reconnects — which wakes the worker — and asks for the
// remaining fields under the same fill id, so the worker resumes the fill's state.
func fillLoginForm(ctx context.Context, fill string) (int, error) {
	doc, err := jsglue.Document()
	if err != nil {
		return 0, err
	}
	forms, err := doc.QueryAll("form")
	if err != nil {
		return 0, err
	}
	for _, form := range forms {
		if _, ok, _ := form.Query("input[type=password]"); !ok {
			continue
		}
		inputs, err := form.QueryAll("input[name]")
		if err != nil {
			return 0, err
		}
		ctx, cancel := context.WithTimeout(ctx, bridge.DefaultTimeout)
		defer cancel()
		filled, reconnects := 0, 0
		var p *bridge.Port
		for filled < len(inputs) {
			if p == nil {
				if p, err = bridge.Connect(ctx, bridge.ToExtension(), demo.LoginPort); err != nil {
					return filled, err
				}
			}
			in := inputs[filled]
			name, _ := in.Attr("name")
			value, err := askField(ctx, p, fill, name)
			if errors.Is(err, bridge.ErrDisconnected) && reconnects < 3 {
				p.Disconnect()
				p, reconnects = nil, reconnects+1
				continue
			}
			if err != nil {
				p.Disconnect()
				return filled, err
			}
			in.SetValue(value)
			if err := in.Dispatch("input"); err != nil {
				return filled, err
			}
			filled++
		}
		p.Disconnect()
		if reconnects > 0 {
			if err := form.SetAttr("data-extwasm-reconnects", strconv.Itoa(reconnects)); err != nil {
				return filled, err
			}
		}
		return filled, form.SetAttr("data-extwasm-filled", strconv.Itoa(filled))
	}
	return 0, nil
}

// askField asks the vault for one field of fill on p.
func askField(ctx context.Context, p *bridge.Port, fill, name string) (string, error) {
	if err := p.Send(demo.FieldReq{Field: name, Fill: fill}); err != nil {
		return "", err
	}
	m, err := p.Receive(ctx)
	if err != nil {
		return "", err
	}
	var f demo.FieldResp
	if err := m.Decode(&f); err != nil {
		return "", err
	}
	if f.Field != name {
		return "", fmt.Errorf("asked for %q, got %q", name, f.Field)
	}
	return f.Value, nil
}
