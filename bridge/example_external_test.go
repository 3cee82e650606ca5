//go:build !js

package bridge_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/extwasm/extwasm/bridge"
)

type InfoReq struct{}

type InfoResp struct {
	Product string `json:"product"`
}

var PublicInfo = bridge.NewRoute[InfoReq, InfoResp]("vault.publicInfo")

// A route for other extensions and for web pages: one extension id and pages on 127.0.0.1 on any
// port (also listed in the manifest's externally_connectable). Everyone else is denied.
func ExampleAllowExtensions() {
	err := bridge.Handle(PublicInfo, func(ctx context.Context, _ InfoReq) (InfoResp, error) {
		return InfoResp{Product: "extwasm vault"}, nil
	}, bridge.AllowExtensions("ponmlkjihgfedcbaponmlkjihgfedcba"), bridge.AllowOrigins("http://127.0.0.1:*"))
	fmt.Println(errors.Is(err, bridge.ErrUnsupported))
	// Output: true
}

type Lookup2Req struct {
	Hostname string `json:"hostname"`
}

type Credential struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

var VaultLookup = bridge.NewRoute[Lookup2Req, Credential]("vault.lookup")

// A typed one-shot call to a native host built with package nativehost, with Chrome's native
// errors told apart by errors.Is.
func ExampleToNative() {
	_, err := VaultLookup.Send(context.Background(), bridge.ToNative("com.extwasm.vault"), Lookup2Req{Hostname: "127.0.0.1"})
	switch {
	case errors.Is(err, bridge.ErrNativeNotFound):
		fmt.Println("host not installed")
	case errors.Is(err, bridge.ErrNativeExited):
		fmt.Println("host died")
	case errors.Is(err, bridge.ErrNative):
		fmt.Println("other native failure")
	case err != nil:
		fmt.Println(errors.Is(err, bridge.ErrUnsupported))
	}
	// Output: true
}

// A port to a native host keeps one process running; each Call is one request and its reply.
func ExampleConnectNative() {
	port, err := bridge.ConnectNative(context.Background(), "com.extwasm.vault")
	if err != nil {
		fmt.Println(errors.Is(err, bridge.ErrUnsupported))
		return
	}
	defer port.Disconnect()
	cred, err := VaultLookup.Call(context.Background(), port, Lookup2Req{Hostname: "127.0.0.1"})
	fmt.Println(cred.Username, err)
	// Output: true
}
