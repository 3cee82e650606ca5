// Command stress is the Go guest of hostsim's memory stress tests. goStress(depth, next)
// allocates enough to make the guest's heap (and so its linear memory) grow
// and calls next(depth-1) from inside the callback, so JavaScript can re-enter other modules while
// this one is on the stack; goCopy(dst) copies bytes into a JavaScript view.
package main

import (
	"fmt"
	"syscall/js"
)

var keep [][]byte

func main() {
	js.Global().Set("goStress", js.FuncOf(func(this js.Value, args []js.Value) any {
		depth := args[0].Int()
		b := make([]byte, 16<<10*(depth+1))
		for i := range b {
			b[i] = byte(i + depth)
		}
		keep = append(keep, b)
		if len(keep) > 64 {
			keep = keep[32:]
		}
		n := 0
		if depth > 0 {
			n = args[1].Invoke(depth - 1).Int()
		}
		sum := 0
		for _, c := range b[:256] {
			sum += int(c)
		}
		return n + sum + len(b)
	}))
	// goCopy(dst) copies 16 bytes into dst with js.CopyBytesToJS and returns how many it copied,
	// or the panic's text: JavaScript may hand it a view whose buffer is detached.
	js.Global().Set("goCopy", js.FuncOf(func(this js.Value, args []js.Value) (res any) {
		defer func() {
			if r := recover(); r != nil {
				res = fmt.Sprint(r)
			}
		}()
		return js.CopyBytesToJS(args[0], []byte("0123456789abcdef"))
	}))
	select {}
}
