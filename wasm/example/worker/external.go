//go:build js && wasm

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

// externalIDs returns the extension ids the public API admits: the explicit ids of the manifest's
// externally_connectable. An unpacked extension's id is derived from its folder's absolute path, so
// it differs per checkout and cannot be compiled in; the manifest is where Chrome's own gate reads
// it, so the Go allow-list reads the same list. "*" is not honoured here: the public API is for
// named callers only.
func externalIDs() []string {
	var m struct {
		ExternallyConnectable struct {
			IDs []string `json:"ids"`
		} `json:"externally_connectable"`
	}
	var err error
	if terr := jsglue.Try(func() {
		err = jsglue.Decode(jsglue.Global("chrome").Get("runtime").Call("getManifest"), &m)
	}); terr != nil {
		err = terr
	}
	if err != nil {
		log.Printf("extwasm demo: cannot read the manifest, the public API admits no extension: %v", err)
		return nil
	}
	var ids []string
	for _, id := range m.ExternallyConnectable.IDs {
		if bridge.ValidExtensionID(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func publicInfo(ctx context.Context, _ demo.Empty) (demo.PublicInfoResp, error) {
	s, _ := bridge.SenderFrom(ctx)
	caller := s.ID
	if caller == "" {
		caller = s.Origin
	}
	return demo.PublicInfoResp{Product: "extwasm vault", Caller: caller}, nil
}

// outcome is what the test hooks resolve with: the reply, or the error's code and text.
type outcome struct {
	OK      bool   `json:"ok"`
	Body    any    `json:"body,omitempty"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
}

func outcomeOf(body any, err error) outcome {
	if err != nil {
		return outcome{Code: string(bridge.CodeOf(err)), Message: err.Error()}
	}
	return outcome{OK: true, Body: body}
}

// exportNative adds the native round trips to the worker's test global extwasmDemo.
func exportNative() {
	g := jsglue.Global("extwasmDemo")
	host := func(args []json.RawMessage) (string, error) {
		var h string
		if len(args) != 1 || json.Unmarshal(args[0], &h) != nil {
			return "", errors.New("usage: (hostname)")
		}
		return h, nil
	}
	// nativeLookup(hostname): one sendNativeMessage with the envelope route vault.lookup.
	jsglue.ExportPromise(g, "nativeLookup", func(ctx context.Context, args []json.RawMessage) (any, error) {
		h, err := host(args)
		if err != nil {
			return nil, err
		}
		return outcomeOf(demo.VaultLookup.Send(ctx, bridge.ToNative(demo.NativeHost), demo.LookupReq{Hostname: h})), nil
	})
	// nativeLookupJSON(hostname): the same lookup as plain JSON, for hosts without envelopes.
	jsglue.ExportPromise(g, "nativeLookupJSON", func(ctx context.Context, args []json.RawMessage) (any, error) {
		h, err := host(args)
		if err != nil {
			return nil, err
		}
		return outcomeOf(bridge.SendNativeJSON[demo.LookupReq, demo.Credential](ctx, demo.NativeHost, demo.LookupReq{Hostname: h})), nil
	})
	// nativePort(hostname, crash): a connectNative port, two lookups on the same host process, then,
	// if crash, the crash request; resolves with the replies and how the port ended.
	jsglue.ExportPromise(g, "nativePort", func(ctx context.Context, args []json.RawMessage) (any, error) {
		var h string
		var crash bool
		if len(args) != 2 || json.Unmarshal(args[0], &h) != nil || json.Unmarshal(args[1], &crash) != nil {
			return nil, errors.New("usage: nativePort(hostname, crash)")
		}
		p, err := bridge.ConnectNative(ctx, demo.NativeHost)
		if err != nil {
			return nil, err
		}
		defer p.Disconnect()
		var replies []outcome
		for range 2 {
			replies = append(replies, outcomeOf(demo.VaultLookup.Call(ctx, p, demo.LookupReq{Hostname: h})))
		}
		res := map[string]any{"replies": replies}
		if crash {
			_, err := demo.VaultCrash.Call(ctx, p, demo.Crash{Crash: true})
			res["crash"] = outcomeOf(nil, err)
			res["exited"] = errors.Is(err, bridge.ErrNativeExited) && errors.Is(err, bridge.ErrDisconnected)
		}
		return res, nil
	})
}
