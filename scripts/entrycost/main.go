//go:build js

// Command entrycost is the guest of scripts/entrycost/run.sh: it measures, under Node (V8, as in
// Chromium), what one entry from JavaScript into Go costs through js.FuncOf (how the bridge enters
// today) and through a //go:wasmexport function, and whether an export can serve a handler that
// waits on JavaScript, as any bridge handler may (a chrome.* call's promise).
package main

import (
	"syscall/js"
	"unsafe"
)

// inbox is where JavaScript writes a message before calling an export.
var inbox [1 << 16]byte

// sum stands in for a handler's work: it reads every byte of the message.
func sum(n int) int {
	s := 0
	for _, b := range inbox[:n] {
		s += int(b)
	}
	return s
}

//go:wasmexport inboxAddress
func inboxAddress() int32 { return int32(uintptr(unsafe.Pointer(&inbox[0]))) }

// deliver is the cheapest entry: the work done on the export's own goroutine.
//
//go:wasmexport deliver
func deliver(n int32) int32 { return int32(sum(int(n))) }

// deliverToGoroutine hands the message to a goroutine and waits for it, as a bridge whose handlers
// run on their own goroutines would.
//
//go:wasmexport deliverToGoroutine
func deliverToGoroutine(n int32) int32 {
	done := make(chan int)
	go func() { done <- sum(int(n)) }()
	return int32(<-done)
}

// deliverAwaitingJS waits for a JavaScript callback (a timer), as a handler awaiting a chrome.*
// promise does.
//
//go:wasmexport deliverAwaitingJS
func deliverAwaitingJS(n int32) int32 {
	done := make(chan int, 1)
	var cb js.Func
	cb = js.FuncOf(func(js.Value, []js.Value) any {
		cb.Release()
		done <- sum(int(n))
		return nil
	})
	js.Global().Call("setTimeout", cb, 0)
	return int32(<-done)
}

func main() {
	js.Global().Set("entrycostFuncOf", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return sum(js.CopyBytesToGo(inbox[:], args[0]))
	}))
	select {}
}
