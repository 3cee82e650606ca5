//go:build js && wasm

// Command worker is the floor of the Chromium benchmark: a Go service worker that answers every
// message {farewell: "goodbye"} through the same glue (extwasm.js) as the example, with nothing but
// syscall/js. What it costs over a plain-JS worker is what Go itself costs; what the example costs
// over it is the bridge's share.
package main

import "syscall/js"

func main() {
	internal := js.Global().Get("extwasm").Get("internal")
	respond := internal.Get("_respond")
	hook := js.FuncOf(func(_ js.Value, args []js.Value) any {
		// The glue's hook: (kind, id, …); "message" is a one-time message whose id awaits a reply.
		if args[0].String() == "message" {
			respond.Invoke(args[1], `{"farewell":"goodbye"}`)
		}
		return nil
	})
	internal.Call("_ready", hook)
	select {}
}
