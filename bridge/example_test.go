//go:build !js

package bridge_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/extwasm/extwasm/bridge"
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

// The service worker registers a handler that only content scripts may call, then says it is ready.
func ExampleHandle() {
	err := bridge.Handle(Lookup, func(ctx context.Context, req LookupReq) (LookupResp, error) {
		sender, _ := bridge.SenderFrom(ctx)
		if sender.Tab == nil {
			return LookupResp{}, fmt.Errorf("%w: not from a tab", bridge.ErrDenied)
		}
		return LookupResp{User: "gopher"}, nil
	}, bridge.AllowContentScripts(), bridge.MaxBytes(4<<10))
	if err == nil {
		err = bridge.Ready()
	}
	// Outside GOOS=js there is no browser to talk to.
	fmt.Println(errors.Is(err, bridge.ErrUnsupported))
	// Output: true
}

// A content script calls the route and tells the failure modes apart with errors.Is.
func ExampleRoute_Send() {
	_, err := Lookup.Send(context.Background(), bridge.ToExtension(), LookupReq{Site: "example.com"})
	switch {
	case errors.Is(err, bridge.ErrNoReceiver):
		fmt.Println("worker not installed")
	case errors.Is(err, bridge.ErrDenied):
		fmt.Println("not allowed")
	case errors.Is(err, bridge.ErrTimeout):
		fmt.Println("too slow")
	case err != nil:
		fmt.Println(bridge.CodeOf(err), errors.Is(err, bridge.ErrUnsupported))
	}
	// Output: remote true
}

// An error reply from the other side keeps its code, message and Go error chain.
func ExampleRemoteError() {
	var err error = &bridge.RemoteError{Route: "vault.lookup", Code: bridge.CodeInvalid,
		Message: "site is required", Chain: []string{"site is required"}}
	var re *bridge.RemoteError
	fmt.Println(errors.Is(err, bridge.ErrInvalid), errors.As(err, &re), re.Code)
	// Output: true true invalid
}

// A long-lived port: send, then range over replies until the port ends.
func ExampleConnect() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	port, err := bridge.Connect(ctx, bridge.ToExtension(), "knockknock")
	if err != nil {
		fmt.Println(errors.Is(err, bridge.ErrUnsupported))
		return
	}
	_ = port.Send(map[string]string{"joke": "Knock knock"})
	for msg, err := range port.Messages() {
		if err != nil {
			break
		}
		fmt.Println(string(msg.Raw()))
	}
	// Output: true
}
