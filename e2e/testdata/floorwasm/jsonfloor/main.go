//go:build js && wasm

// Command jsonfloor is the size floor of any bridge that speaks JSON with encoding/json: syscall/js
// and one decode and encode, nothing else. BenchmarkWasmSize reports it beside the example worker
// (it is built, never loaded).
package main

import (
	"encoding/json"
	"syscall/js"
)

func main() {
	var v map[string]any
	_ = json.Unmarshal([]byte(js.Global().Get("message").String()), &v)
	out, _ := json.Marshal(v)
	js.Global().Set("reply", string(out))
}
