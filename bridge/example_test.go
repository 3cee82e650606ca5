package bridge_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/bridge/bridgetest"
)

type LookupReq struct {
	Site string `json:"site"`
}

func (r LookupReq) Validate() error {
	if r.Site == "" {
		return errors.New("site is required")
	}
	return nil
}

type LookupResp struct {
	User string `json:"user"`
}

var Lookup = bridge.NewRoute[LookupReq, LookupResp]("vault.lookup")

// registerLookup is the service worker's code: a handler only content scripts may call, then Ready.
func registerLookup() error {
	err := bridge.Handle(Lookup, func(ctx context.Context, req LookupReq) (LookupResp, error) {
		sender, _ := bridge.SenderFrom(ctx)
		if sender.Tab == nil {
			return LookupResp{}, fmt.Errorf("%w: not from a tab", bridge.ErrDenied)
		}
		return LookupResp{User: "gopher@" + req.Site}, nil
	}, bridge.AllowContentScripts(), bridge.MaxBytes(4<<10))
	if err != nil {
		return err
	}
	return bridge.Ready()
}

// The service worker registers a handler that only content scripts may call; a content script in a
// tab calls it. Here both run in bridgetest's in-memory browser.
func ExampleHandle() {
	b := bridgetest.NewBrowser()
	b.Worker().Run(func(context.Context) {
		if err := registerLookup(); err != nil {
			fmt.Println(err)
		}
	})
	b.ContentScript(1, 0, "https://example.com/login").Run(func(ctx context.Context) {
		resp, err := Lookup.Send(ctx, bridge.ToExtension(), LookupReq{Site: "example.com"})
		fmt.Println(resp.User, err)
	})
	// Output: gopher@example.com <nil>
}

// A caller tells the failure modes apart with errors.Is: here an extension page, which the route
// does not admit, then a content script sending a request its Validate method refuses.
func ExampleRoute_Send() {
	b := bridgetest.NewBrowser()
	b.Worker().Run(func(context.Context) { _ = registerLookup() })
	explain := func(err error) {
		switch {
		case errors.Is(err, bridge.ErrNoReceiver):
			fmt.Println("worker not installed")
		case errors.Is(err, bridge.ErrDenied):
			fmt.Println("not allowed")
		case errors.Is(err, bridge.ErrInvalid):
			fmt.Println("bad request:", bridge.CodeOf(err))
		case errors.Is(err, bridge.ErrTimeout):
			fmt.Println("too slow")
		}
	}
	b.Page("popup.html").Run(func(ctx context.Context) {
		_, err := Lookup.Send(ctx, bridge.ToExtension(), LookupReq{Site: "example.com"})
		explain(err)
	})
	b.ContentScript(1, 0, "https://example.com/").Run(func(ctx context.Context) {
		_, err := Lookup.Send(ctx, bridge.ToExtension(), LookupReq{})
		explain(err)
	})
	// Output:
	// not allowed
	// bad request: invalid
}

// An error reply from the other side keeps its code, message and Go error chain.
func ExampleRemoteError() {
	var err error = &bridge.RemoteError{Route: "vault.lookup", Code: bridge.CodeInvalid,
		Message: "site is required", Chain: []string{"site is required"}}
	var re *bridge.RemoteError
	fmt.Println(errors.Is(err, bridge.ErrInvalid), errors.As(err, &re), re.Code)
	// Output: true true invalid
}

// A long-lived port: the worker answers each knock; the content script sends, then ranges over
// replies until the port ends.
func ExampleConnect() {
	b := bridgetest.NewBrowser()
	b.Worker().Run(func(context.Context) {
		_ = bridge.OnConnect("knockknock", func(ctx context.Context, p *bridge.Port) {
			for msg, err := range p.Messages() {
				if err != nil {
					return
				}
				var knock map[string]string
				if msg.Decode(&knock) == nil && knock["joke"] == "Knock knock" {
					_ = p.Send(map[string]string{"reply": "Who's there?"})
				}
				return // the port is disconnected when the handler returns
			}
		}, bridge.AllowContentScripts())
		_ = bridge.Ready()
	})
	b.ContentScript(1, 0, "https://example.com/").Run(func(ctx context.Context) {
		_ = bridge.Ready() // port messages arrive through the hooks Ready installs
		port, err := bridge.Connect(ctx, bridge.ToExtension(), "knockknock")
		if err != nil {
			fmt.Println(err)
			return
		}
		_ = port.Send(map[string]string{"joke": "Knock knock"})
		for msg, err := range port.Messages() {
			if err != nil {
				break
			}
			fmt.Println(string(msg.Raw()))
		}
		fmt.Println(port.Err())
	})
	// Output:
	// {"reply":"Who's there?"}
	// bridge: disconnected: closed by the other side
}
