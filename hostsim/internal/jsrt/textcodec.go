package jsrt

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// installTextCodecs provides UTF-8 TextEncoder and TextDecoder as the Encoding Standard defines
// them: lone surrogates encode as U+FFFD, and each maximal invalid subpart decodes as one U+FFFD.
func installTextCodecs(r *Realm) {
	vm := r.VM
	u8 := func(b []byte) goja.Value {
		ctor, _ := goja.AssertConstructor(vm.Get("Uint8Array"))
		obj, err := ctor(nil, vm.ToValue(vm.NewArrayBuffer(b)))
		if err != nil {
			panic(err)
		}
		return obj
	}

	enc := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		must(call.This.Set("encoding", "utf-8"))
		return nil
	}).(*goja.Object)
	encProto := enc.Get("prototype").(*goja.Object)
	must(encProto.Set("encode", func(call goja.FunctionCall) goja.Value {
		s := ""
		if a := call.Argument(0); !goja.IsUndefined(a) {
			s = a.String()
		}
		return u8([]byte(s))
	}))
	must(encProto.Set("encodeInto", func(call goja.FunctionCall) goja.Value {
		src := []rune(call.Argument(0).String())
		dst, ok := typedArrayBytes(vm, call.Argument(1))
		if !ok {
			panic(vm.NewTypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not of type 'Uint8Array'."))
		}
		read, written := 0, 0
		for _, c := range src {
			n := utf8.RuneLen(c)
			if n < 0 {
				c, n = utf8.RuneError, 3
			}
			if written+n > len(dst) {
				break
			}
			utf8.EncodeRune(dst[written:], c)
			written += n
			read++
			if c > 0xFFFF {
				read++ // two UTF-16 code units
			}
		}
		res := vm.NewObject()
		must(res.Set("read", read))
		must(res.Set("written", written))
		return res
	}))
	must(vm.GlobalObject().Set("TextEncoder", enc))

	dec := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
		label := "utf-8"
		if a := call.Argument(0); !goja.IsUndefined(a) {
			label = strings.ToLower(strings.TrimSpace(a.String()))
		}
		switch label {
		case "utf-8", "utf8", "unicode-1-1-utf-8":
		default:
			panic(vm.NewGoError(fmt.Errorf("Failed to construct 'TextDecoder': The encoding label provided ('%s') is invalid.", label)))
		}
		fatal, ignoreBOM := false, false
		if o, ok := call.Argument(1).(*goja.Object); ok {
			if v := o.Get("fatal"); v != nil {
				fatal = v.ToBoolean()
			}
			if v := o.Get("ignoreBOM"); v != nil {
				ignoreBOM = v.ToBoolean()
			}
		}
		must(call.This.Set("encoding", "utf-8"))
		must(call.This.Set("fatal", fatal))
		must(call.This.Set("ignoreBOM", ignoreBOM))
		return nil
	}).(*goja.Object)
	decProto := dec.Get("prototype").(*goja.Object)
	must(decProto.Set("decode", func(call goja.FunctionCall) goja.Value {
		in := call.Argument(0)
		if goja.IsUndefined(in) {
			return vm.ToValue("")
		}
		b, ok := typedArrayBytes(vm, in)
		if !ok {
			panic(vm.NewTypeError("Failed to execute 'decode' on 'TextDecoder': The provided value is not of type '(ArrayBuffer or ArrayBufferView)'."))
		}
		this := call.This.ToObject(vm)
		if !this.Get("ignoreBOM").ToBoolean() && len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
			b = b[3:]
		}
		if this.Get("fatal").ToBoolean() && !utf8.Valid(b) {
			panic(vm.NewTypeError("Failed to execute 'decode' on 'TextDecoder': The encoded data was not valid for encoding utf-8"))
		}
		return vm.ToValue(DecodeUTF8(b))
	}))
	must(vm.GlobalObject().Set("TextDecoder", dec))
}

// DecodeUTF8 decodes b as the Encoding Standard's UTF-8 decoder does: each maximal subpart of an
// ill-formed sequence becomes one U+FFFD.
func DecodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			sb.WriteByte(b[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			sb.Write(b[i : i+n])
			i += n
			continue
		}
		i += maximalSubpart(b[i:])
		sb.WriteRune(utf8.RuneError)
	}
	return sb.String()
}

// maximalSubpart is the length of the longest prefix of b that starts a well-formed UTF-8
// sequence but does not complete one (at least 1).
func maximalSubpart(b []byte) int {
	lo, hi := byte(0x80), byte(0xBF)
	need := 0
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	default:
		return 1
	}
	n := 1
	for k := 0; k < need && n < len(b); k++ {
		x := b[n]
		if k == 0 && (x < lo || x > hi) || k > 0 && (x < 0x80 || x > 0xBF) {
			return n
		}
		n++
	}
	return n
}
