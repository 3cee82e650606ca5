package bridge_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/bridge/bridgetest"
	"github.com/extwasm/extwasm/nativehost"
)

type InfoReq struct{}

type InfoResp struct {
	Product string `json:"product"`
}

var PublicInfo = bridge.NewRoute[InfoReq, InfoResp]("vault.publicInfo")

// A route for other extensions and for web pages: one extension ID and pages on 127.0.0.1 on any
// port (also listed in the manifest's externally_connectable). Everyone else is denied.
func ExampleAllowExtensions() {
	const partner = "ponmlkjihgfedcbaponmlkjihgfedcba"
	b := bridgetest.NewBrowser()
	b.Worker().Run(func(context.Context) {
		_ = bridge.Handle(PublicInfo, func(ctx context.Context, _ InfoReq) (InfoResp, error) {
			return InfoResp{Product: "extwasm vault"}, nil
		}, bridge.AllowExtensions(partner), bridge.AllowOrigins("http://127.0.0.1:*"))
		_ = bridge.Ready()
	})
	callers := []*bridgetest.Context{
		b.OtherExtension(partner).Worker(),
		b.WebPage(1, 0, "http://127.0.0.1:8080/shop.html"),
		b.WebPage(2, 0, "https://evil.example/"),
		b.OtherExtension("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").Worker(),
	}
	for _, c := range callers {
		c.Run(func(ctx context.Context) {
			resp, err := PublicInfo.Send(ctx, bridge.ToOtherExtension(bridgetest.ExtensionID), InfoReq{})
			fmt.Printf("%s: %q denied=%t\n", c.URL(), resp.Product, errors.Is(err, bridge.ErrDenied))
		})
	}
	// Output:
	// chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba/worker.js: "extwasm vault" denied=false
	// http://127.0.0.1:8080/shop.html: "extwasm vault" denied=false
	// https://evil.example/: "" denied=true
	// chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/worker.js: "" denied=true
}

type Lookup2Req struct {
	Hostname string `json:"hostname"`
}

type Credential struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

var VaultLookup = bridge.NewRoute[Lookup2Req, Credential]("vault.lookup")

// vault is the native host's handler, as a program built with package nativehost serves it.
func vault() nativehost.Handler {
	mux := nativehost.NewMux()
	_ = nativehost.HandleRoute(mux, VaultLookup.Name(), func(ctx context.Context, req Lookup2Req) (Credential, error) {
		return Credential{Username: "gopher@" + req.Hostname}, nil
	})
	return mux
}

// A typed one-shot call to a native host, with Chrome's native errors told apart by errors.Is.
func ExampleToNative() {
	b := bridgetest.NewBrowser()
	b.InstallNativeHost("com.extwasm.vault", bridgetest.NativeHost{Handler: vault()})
	b.InstallNativeHost("com.extwasm.locked", bridgetest.NativeHost{Forbidden: true})
	b.Worker().Run(func(ctx context.Context) {
		for _, host := range []string{"com.extwasm.vault", "com.extwasm.locked", "com.extwasm.missing"} {
			cred, err := VaultLookup.Send(ctx, bridge.ToNative(host), Lookup2Req{Hostname: "127.0.0.1"})
			switch {
			case errors.Is(err, bridge.ErrNativeNotFound):
				fmt.Println(host, "is not installed")
			case errors.Is(err, bridge.ErrNativeForbidden):
				fmt.Println(host, "does not admit this extension")
			case errors.Is(err, bridge.ErrNativeExited):
				fmt.Println(host, "died")
			case err != nil:
				fmt.Println(host, err)
			default:
				fmt.Println(host, "says", cred.Username)
			}
		}
	})
	// Output:
	// com.extwasm.vault says gopher@127.0.0.1
	// com.extwasm.locked does not admit this extension
	// com.extwasm.missing is not installed
}

// A port to a native host keeps one process running; each Call is one request and its reply.
func ExampleConnectNative() {
	b := bridgetest.NewBrowser()
	b.InstallNativeHost("com.extwasm.vault", bridgetest.NativeHost{Handler: vault()})
	b.Worker().Run(func(ctx context.Context) {
		_ = bridge.Ready()
		port, err := bridge.ConnectNative(ctx, "com.extwasm.vault")
		if err != nil {
			fmt.Println(err)
			return
		}
		defer port.Disconnect()
		cred, err := VaultLookup.Call(ctx, port, Lookup2Req{Hostname: "127.0.0.1"})
		fmt.Println(cred.Username, err)
	})
	// Output: gopher@127.0.0.1 <nil>
}
