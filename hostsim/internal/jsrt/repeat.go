package jsrt

import (
	"math"
	"strings"

	"github.com/dop251/goja"
)

// installFastRepeat replaces String.prototype.repeat with one that builds an ASCII result in one
// copy. goja's own appends the string once per repetition, so "x".repeat(64 << 20) (how tests
// make Chrome-sized messages) took most of a second, where V8 takes milliseconds. Every other
// case, including every one that throws or runs user code (a non-string this, a count that is
// not a primitive number), is handed to goja's function, so results and errors are unchanged.
func installFastRepeat(vm *goja.Runtime) {
	proto, ok := vm.Get("String").(*goja.Object)
	if !ok {
		return
	}
	proto, ok = proto.Get("prototype").(*goja.Object)
	if !ok {
		return
	}
	orig, ok := goja.AssertFunction(proto.Get("repeat"))
	if !ok {
		return
	}
	repeat := func(call goja.FunctionCall) goja.Value {
		if s, n, ok := asciiRepeatArgs(call); ok {
			return vm.ToValue(strings.Repeat(s, n))
		}
		v, err := orig(call.This, call.Arguments...)
		if err != nil {
			panic(err)
		}
		return v
	}
	fn := vm.ToValue(repeat).(*goja.Object)
	must(fn.DefineDataProperty("name", vm.ToValue("repeat"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	must(fn.DefineDataProperty("length", vm.ToValue(1), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE))
	must(proto.DefineDataProperty("repeat", fn, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE))
}

// asciiRepeatArgs reports the string and count of a repeat call the fast path can answer: a
// primitive ASCII string this, a primitive number count that is a non-negative integer, and a
// result that fits in memory.
func asciiRepeatArgs(call goja.FunctionCall) (string, int, bool) {
	this, ok := call.This.(goja.String)
	if !ok || len(call.Arguments) == 0 || !goja.IsNumber(call.Arguments[0]) {
		return "", 0, false
	}
	s := this.String()
	if len(s) == 0 || len(s) != this.Length() {
		return "", 0, false // empty, or not ASCII: goja's way is right and not slow
	}
	f := call.Arguments[0].ToFloat()
	if f < 1 || f != math.Trunc(f) || f > float64(math.MaxInt32/len(s)) {
		return "", 0, false
	}
	return s, int(f), true
}
