// Command jsvalues prints what syscall/js sees of JavaScript values at the edges of the gojs
// imports (string decoding, interning, errors thrown by calls, byte copies, moving stacks), so that
// hostsim's two ways of running the imports can be compared line by line. With the argument
// "table" it prints instead how many values wasm_exec.js's own JavaScript table holds.
package main

import (
	"fmt"
	"os"
	"syscall/js"
	"time"
)

var global = js.Global()

func try(name string, f func() any) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("%s: panic: %v\n", name, r)
		}
	}()
	fmt.Printf("%s: %v\n", name, f())
}

func eval(src string) js.Value { return global.Call("eval", src) }

func main() {
	if len(os.Args) > 1 && os.Args[1] == "table" {
		for i := 0; i < 50; i++ {
			_ = global.Get("Object").Call("keys", global).Length()
		}
		fmt.Println(global.Get("__hostsimGo").Get("_values").Length())
		return
	}
	try("bom", func() any { return global.Call("encodeURIComponent", "\uFEFFx") })
	try("invalid utf8", func() any { return global.Call("encodeURIComponent", "a\xff\xe2\x82b") })
	try("lone surrogates", func() any {
		a, b := eval(`"\uD800"`), eval(`"\uDC00"`)
		return fmt.Sprint(a.Equal(b), a.Equal(eval(`"\uD800"`)), a.String() == b.String())
	})
	try("interning", func() any {
		s1, s2 := js.ValueOf("same"), global.Get("String").Invoke("same")
		o1, o2 := global.Get("Object"), global.Get("Object")
		return fmt.Sprint(s1.Equal(s2), o1.Equal(o2), js.ValueOf(0).Equal(eval("-0")), js.ValueOf(true).Equal(eval("true")))
	})
	try("typeof", func() any {
		return fmt.Sprint(eval("Symbol('s')").Type(), eval("(class {})").Type(), eval("10n").Type(), eval("null").Type(), eval("undefined").Type())
	})
	try("numbers", func() any {
		return fmt.Sprint(eval("NaN").Float(), eval("-0").Float(), eval("1e21").String(), eval("0.1+0.2").String(), eval("-1/0").Float())
	})
	try("missing method", func() any { return global.Call("noSuchMethod") })
	try("not callable", func() any { return global.Call("Math") })
	try("throws", func() any { return eval("(() => { throw new RangeError('r'); })").Invoke() })
	try("throws a number", func() any { return eval("(() => { throw 7; })").Invoke() })
	try("new", func() any { return global.Get("Date").New(0).Call("toISOString").String() })
	try("new non-constructor", func() any { return eval("(() => 1)").New() })
	try("new throws", func() any { return eval("(class { constructor() { throw new Error('ctor'); } })").New() })
	try("get on undefined", func() any { return js.Undefined().Get("x") })
	try("string of symbol", func() any { return eval("Symbol('desc')").String() })
	try("string of object", func() any { return eval("({ toString() { return 'obj' } })").String() })
	try("length", func() any {
		return fmt.Sprint(global.Get("String").New("😀").Length(), eval("({length: '12abc'})").Length(), eval("({length: 3.7})").Length(), eval("({length: -2})").Length(), eval("({})").Length())
	})
	try("index and set", func() any {
		a := global.Get("Array").New(3)
		a.SetIndex(0, "x")
		a.SetIndex(5, 2.5)
		o := eval("({a: 1, b: 2})")
		o.Delete("a")
		o.Set("c", js.Null())
		frozen := eval("Object.freeze({k: 1})")
		frozen.Set("k", 2)
		return fmt.Sprint(a.Length(), a.Index(0), a.Index(5), a.Index(9), global.Get("JSON").Call("stringify", o), frozen.Get("k"))
	})
	try("instanceof", func() any {
		d := global.Get("Date").New()
		return fmt.Sprint(d.InstanceOf(global.Get("Date")), d.InstanceOf(global.Get("Array")))
	})
	try("copy to go", func() any {
		dst := make([]byte, 3)
		n := js.CopyBytesToGo(dst, eval("new Uint8Array([1,2,3,4,5])"))
		m := js.CopyBytesToGo(dst, eval("new Uint8ClampedArray([9])"))
		return fmt.Sprint(n, m, dst)
	})
	try("copy to go from Int8Array", func() any { return js.CopyBytesToGo(make([]byte, 1), eval("new Int8Array(1)")) })
	try("copy to js", func() any {
		dst := eval("new Uint8Array(2)")
		n := js.CopyBytesToJS(dst, []byte{7, 8, 9})
		return fmt.Sprint(n, dst.Index(0).Int(), dst.Index(1).Int())
	})
	try("copy to js subclass", func() any {
		dst := eval("new (class extends Uint8Array { set(x) { globalThis.subSet = true; super.set(x); } })(2)")
		n := js.CopyBytesToJS(dst, []byte{1, 2})
		return fmt.Sprint(n, global.Get("subSet"))
	})
	try("copy to js array", func() any { return js.CopyBytesToJS(eval("[]"), []byte{1}) })
	try("callbacks", func() any {
		var depth func(int) int
		depth = func(n int) int {
			var pad [256]byte
			if n == 0 {
				return int(pad[0])
			}
			return depth(n-1) + 1 + int(pad[n%256])
		}
		f := js.FuncOf(func(this js.Value, args []js.Value) any {
			return depth(args[0].Int()) // grows the stack inside a nested call
		})
		defer f.Release()
		return fmt.Sprint(global.Get("Array").New(1, 2, 3).Call("map", f).Call("join", ","), f.Invoke(20000))
	})
	try("released func", func() any {
		f := js.FuncOf(func(js.Value, []js.Value) any { return nil })
		f.Release()
		return f.Invoke().IsUndefined()
	})
	try("getter runs go", func() any {
		f := js.FuncOf(func(js.Value, []js.Value) any { return "from go" })
		defer f.Release()
		o := global.Get("Object").New()
		global.Get("Object").Call("defineProperty", o, "g", map[string]any{"get": f})
		return o.Get("g")
	})
	try("clock", func() any {
		a := time.Now()
		b := time.Now()
		return fmt.Sprint(a, " ", b.Sub(a))
	})
	try("clock with performance.now replaced", func() any {
		a := time.Now()
		eval("globalThis.savedNow = performance.now; performance.now = () => savedNow.call(performance) + 1500.25")
		defer eval("performance.now = savedNow")
		return time.Since(a)
	})
	try("clock with performance replaced", func() any {
		a := time.Now()
		eval("globalThis.savedPerf = performance; globalThis.performance = {now: () => savedPerf.now() + 2000.5}")
		defer eval("globalThis.performance = savedPerf")
		return time.Since(a)
	})
	try("wall clock", func() any { return time.Now().Format(time.RFC3339Nano) })
	try("wall clock with getTime replaced", func() any {
		eval("globalThis.savedGetTime = Date.prototype.getTime; Date.prototype.getTime = function () { return savedGetTime.call(this) + 86400000 * 365 + 0.5 }")
		defer eval("Date.prototype.getTime = savedGetTime")
		return time.Now().Format(time.RFC3339Nano)
	})
	try("wall clock with Date replaced", func() any {
		eval("globalThis.SavedDate = Date; globalThis.Date = class { getTime() { return -1500.25 } }")
		defer eval("globalThis.Date = SavedDate")
		return time.Now().Format(time.RFC3339Nano)
	})
	try("map", func() any {
		return global.Get("JSON").Call("stringify", js.ValueOf(map[string]any{"a": []any{1, "two", true, nil}}))
	})
}
