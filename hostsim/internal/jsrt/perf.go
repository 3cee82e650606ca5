package jsrt

import (
	"fmt"
	"reflect"
	"time"

	"github.com/dop251/goja"
)

func installPerformance(r *Realm) {
	p := r.VM.NewObject()
	// Go code under GOOS=js reads the clock through performance.now dozens of times per
	// message: called with goja's FunctionCall, not through reflection.
	must(p.Set("now", func(goja.FunctionCall) goja.Value { return r.VM.ToValue(durationMillis(r.s.now - r.origin)) }))
	must(p.Set("timeOrigin", float64(r.s.epoch.Add(r.origin).UnixNano())/1e6))
	must(r.VM.GlobalObject().Set("performance", p))
}

func durationMillis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// maxRandomBytes is the Web Crypto quota for one getRandomValues call.
const maxRandomBytes = 65536

func installCrypto(r *Realm) {
	vm := r.VM
	c := vm.NewObject()
	must(c.Set("getRandomValues", func(call goja.FunctionCall) goja.Value {
		arg := call.Argument(0)
		b, ok := typedArrayBytes(vm, arg)
		if !ok || !isIntegerTypedArray(arg) {
			panic(vm.NewTypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'."))
		}
		if len(b) > maxRandomBytes {
			panic(domException(vm, "QuotaExceededError", "Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (%d) exceeds the number of bytes of entropy available via this API (65536).", len(b)))
		}
		_, _ = r.s.rng.Read(b)
		return arg
	}))
	must(c.Set("randomUUID", func() string {
		var u [16]byte
		_, _ = r.s.rng.Read(u[:])
		u[6] = u[6]&0x0f | 0x40
		u[8] = u[8]&0x3f | 0x80
		const hexdig = "0123456789abcdef"
		out := make([]byte, 0, 36)
		for i, x := range u {
			if i == 4 || i == 6 || i == 8 || i == 10 {
				out = append(out, '-')
			}
			out = append(out, hexdig[x>>4], hexdig[x&15])
		}
		return string(out)
	}))
	must(vm.GlobalObject().Set("crypto", c))
}

func isIntegerTypedArray(v goja.Value) bool {
	obj, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	// goja reports every typed array's class as "Object"; the Go slice type it would export tells
	// them apart. ExportType, unlike Export, makes no slice (see typedArrayBytes).
	switch obj.ExportType() {
	case reflect.TypeFor[[]int8](), reflect.TypeFor[[]uint8](), reflect.TypeFor[[]int16](), reflect.TypeFor[[]uint16](),
		reflect.TypeFor[[]int32](), reflect.TypeFor[[]uint32](), reflect.TypeFor[[]int64](), reflect.TypeFor[[]uint64]():
		return true
	}
	return false
}

var arrayBufferType = reflect.TypeFor[goja.ArrayBuffer]()

// typedArrayBytes returns the bytes a typed array, DataView or ArrayBuffer views, sharing memory
// with it (writes are seen by JS). The bytes are cut from the buffer's own: goja's Export of a
// typed array does not look at its buffer, and for a detached one (a wasm memory's old buffer)
// makes a slice at the absolute address byteOffset.
func typedArrayBytes(vm *goja.Runtime, v goja.Value) ([]byte, bool) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	if obj.ExportType() == arrayBufferType {
		return obj.Export().(goja.ArrayBuffer).Bytes(), true
	}
	buf := obj.Get("buffer")
	if buf == nil {
		return nil, false
	}
	ab, ok := buf.Export().(goja.ArrayBuffer)
	if !ok {
		return nil, false
	}
	off, n := obj.Get("byteOffset").ToInteger(), obj.Get("byteLength").ToInteger()
	all := ab.Bytes()
	if off < 0 || n < 0 || off+n > int64(len(all)) {
		return nil, false
	}
	return all[off : off+n : off+n], true
}

// domException makes an Error whose name is a DOMException name; goja has no DOMException.
func domException(vm *goja.Runtime, name, format string, args ...any) *goja.Object {
	// A realm with the DOM has DOMException; elsewhere an Error with the name stands in.
	if ctor, ok := goja.AssertConstructor(vm.Get("DOMException")); ok {
		if obj, err := ctor(nil, vm.ToValue(fmt.Sprintf(format, args...)), vm.ToValue(name)); err == nil {
			return obj
		}
	}
	ctor, _ := goja.AssertConstructor(vm.Get("Error"))
	obj, err := ctor(nil, vm.ToValue(fmt.Sprintf(format, args...)))
	if err != nil {
		panic(err)
	}
	must(obj.Set("name", name))
	return obj
}

// DOMException makes the exception name with message msg in vm: a DOMException where the realm
// has one, else an Error carrying the name.
func DOMException(vm *goja.Runtime, name, msg string) *goja.Object {
	return domException(vm, name, "%s", msg)
}
