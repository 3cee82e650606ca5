package nativesim_test

import (
	"encoding/json"
	"fmt"

	"github.com/extwasm/extwasm/hostsim/internal/manifest"
	"github.com/extwasm/extwasm/hostsim/internal/nativesim"
)

// A port to a host written in Go, driven the way the browser model drives it: send, then
// Dispatch turns what the host did into callbacks on the browser's goroutine.
func Example() {
	const id = "abcdefghijklmnopabcdefghijklmnop"
	reg := nativesim.New(nativesim.Options{})
	defer reg.Close()
	err := reg.RegisterFunc("com.example.upper", []string{nativesim.Origin(id)},
		func(h *nativesim.Host, msg json.RawMessage) {
			var req struct{ Text string }
			if json.Unmarshal(msg, &req) != nil {
				h.Exit(1)
				return
			}
			_ = h.Post(map[string]int{"length": len(req.Text)})
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	caller := &manifest.Manifest{ManifestVersion: 3, Permissions: []string{"nativeMessaging"}}
	port, err := reg.ConnectNative(nativesim.Request{Host: "com.example.upper", ExtensionID: id, Manifest: caller},
		func(ev nativesim.Event) {
			switch {
			case ev.Final:
				fmt.Println("onDisconnect:", ev.Err)
			case ev.Malformed:
				fmt.Println("console: dropped a malformed message")
			default:
				fmt.Println("onMessage:", string(ev.Message))
			}
		})
	if err != nil {
		fmt.Println("onDisconnect:", err)
		return
	}
	_ = port.Send(json.RawMessage(`{"Text":"hello"}`))
	_ = port.Send(json.RawMessage(`"not an object"`))
	reg.Dispatch()

	_, err = reg.SendNativeMessage(nativesim.Request{Host: "com.example.absent", ExtensionID: id, Manifest: caller},
		json.RawMessage(`{}`), func(nativesim.Event) {})
	fmt.Println("lastError:", err)
	// Output:
	// onMessage: {"length":5}
	// onDisconnect: Native host has exited.
	// lastError: Specified native messaging host not found.
}
