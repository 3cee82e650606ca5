//go:build js && wasm

// Command worker is the caller extension's service worker (e2e/testdata/callerext/README.md): it calls
// the example extension's public API, vault.publicInfo, through runtime.sendMessage(id, ...).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log"

	"github.com/extwasm/extwasm/bridge"
	"github.com/extwasm/extwasm/jsglue"
	"github.com/extwasm/extwasm/wasm/example/demo"
)

// outcome is what the test hook resolves with: the reply, or the error's code and text.
type outcome struct {
	OK      bool                 `json:"ok"`
	Body    *demo.PublicInfoResp `json:"body,omitempty"`
	Code    string               `json:"code,omitempty"`
	Message string               `json:"message,omitempty"`
}

func main() {
	// The callee's id is an argument: unpacked ids depend on where the folders are, so neither
	// side can compile the other's in.
	jsglue.ExportPromise(jsglue.Global("extwasmCaller"), "callVault", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var id string
		if len(args) != 1 || json.Unmarshal(args[0], &id) != nil {
			return nil, errors.New("usage: callVault(extensionId)")
		}
		resp, err := demo.PublicInfo.Send(ctx, bridge.ToOtherExtension(id), demo.Empty{})
		if err != nil {
			return outcome{Code: string(bridge.CodeOf(err)), Message: err.Error()}, nil
		}
		return outcome{OK: true, Body: &resp}, nil
	})
	// No routes: the glue stays silent on every message (another context may answer), and Ready
	// lets it hand over anything it kept while Go started.
	if err := bridge.Ready(); err != nil {
		log.Fatal(err)
	}
	select {}
}
