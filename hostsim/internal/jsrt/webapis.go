package jsrt

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	_ "embed"
	"encoding/base64"
	"fmt"
	"hash"
	"strings"

	"github.com/dop251/goja"
)

//go:embed webapis.js
var webAPIsSrc string

var webAPIsProgram = goja.MustCompile("jsrt-webapis.js", webAPIsSrc, true)

// installWebAPIs defines the web platform's small utilities every context has, as Chromium 156
// has them (scenario web-apis): atob and btoa, crypto.subtle.digest, and (webapis.js) Blob, File
// and FormData.
func installWebAPIs(r *Realm) {
	vm := r.VM
	g := vm.GlobalObject()
	need := func(call goja.FunctionCall, op string) {
		if len(call.Arguments) < 1 {
			panic(vm.NewTypeError(fmt.Sprintf("Failed to execute '%s' on '%s': 1 argument required, but only 0 present.", op, scopeName(vm))))
		}
	}
	must(g.Set("btoa", func(call goja.FunctionCall) goja.Value {
		need(call, "btoa")
		s := call.Argument(0).String()
		b := make([]byte, 0, len(s))
		for _, c := range s {
			if c > 0xff {
				panic(domException(vm, "InvalidCharacterError", "Failed to execute 'btoa' on '%s': The string to be encoded contains characters outside of the Latin1 range.", scopeName(vm)))
			}
			b = append(b, byte(c))
		}
		return vm.ToValue(base64.StdEncoding.EncodeToString(b))
	}))
	must(g.Set("atob", func(call goja.FunctionCall) goja.Value {
		need(call, "atob")
		b, ok := forgivingBase64(call.Argument(0).String())
		if !ok {
			panic(domException(vm, "InvalidCharacterError", "Failed to execute 'atob' on '%s': The string to be decoded is not correctly encoded.", scopeName(vm)))
		}
		runes := make([]rune, len(b))
		for i, c := range b {
			runes[i] = rune(c)
		}
		return vm.ToValue(string(runes))
	}))
	installSubtle(r)
	v, err := vm.RunProgram(webAPIsProgram)
	must(err)
	fn, _ := goja.AssertFunction(v)
	_, err = fn(goja.Undefined(), g)
	must(err)
}

// scopeName is the interface of the realm's global object as Chromium names it in errors.
func scopeName(vm *goja.Runtime) string {
	if w, ok := vm.GlobalObject().Get("Window").(*goja.Object); ok {
		if p, ok := w.Get("prototype").(*goja.Object); ok {
			for o := vm.GlobalObject().Prototype(); o != nil; o = o.Prototype() {
				if o == p {
					return "Window"
				}
			}
		}
	}
	return "WorkerGlobalScope"
}

// forgivingBase64 is the HTML standard's forgiving-base64 decode: ASCII whitespace ignored,
// padding optional, nothing else outside the alphabet.
func forgivingBase64(s string) ([]byte, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' {
			return -1
		}
		return r
	}, s)
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(s, "=")
		s = strings.TrimSuffix(s, "=")
	}
	if len(s)%4 == 1 {
		return nil, false
	}
	return lenientBase64(s)
}

// lenientBase64 decodes s (no padding, length not 1 mod 4) discarding the last character's
// unused bits, as the standard does and Go's strict decoder does not.
func lenientBase64(s string) ([]byte, bool) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var out []byte
	var buf, bits uint
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(alphabet, s[i])
		if v < 0 {
			return nil, false
		}
		buf = buf<<6 | uint(v)
		bits += 6
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(buf>>bits))
		}
	}
	return out, true
}

// subtleNotSimulated are SubtleCrypto's methods other than digest: a call rejects, saying so.
var subtleNotSimulated = []string{"encrypt", "decrypt", "sign", "verify", "generateKey", "deriveKey", "deriveBits", "importKey", "exportKey", "wrapKey", "unwrapKey"}

// installSubtle defines crypto.subtle with digest (SHA-1, SHA-256, SHA-384, SHA-512). A context
// that is not secure has none (the browser model deletes it, as Chromium has no crypto.subtle
// there).
func installSubtle(r *Realm) {
	vm := r.VM
	crypto, ok := vm.GlobalObject().Get("crypto").(*goja.Object)
	if !ok {
		return
	}
	subtle := vm.NewObject()
	must(subtle.Set("digest", func(call goja.FunctionCall) goja.Value {
		p, resolve, reject := vm.NewPromise()
		fail := func(name, format string, args ...any) goja.Value {
			must(reject(domException(vm, name, format, args...)))
			return vm.ToValue(p)
		}
		alg := call.Argument(0)
		if o, ok := alg.(*goja.Object); ok && o.ClassName() != "String" {
			alg = o.Get("name")
			if alg == nil || goja.IsUndefined(alg) {
				must(reject(vm.NewTypeError("Failed to execute 'digest' on 'SubtleCrypto': Algorithm: name: Missing or not a string")))
				return vm.ToValue(p)
			}
		}
		var h hash.Hash
		switch strings.ToUpper(alg.String()) {
		case "SHA-1":
			h = sha1.New()
		case "SHA-256":
			h = sha256.New()
		case "SHA-384":
			h = sha512.New384()
		case "SHA-512":
			h = sha512.New()
		default:
			return fail("NotSupportedError", "Failed to execute 'digest' on 'SubtleCrypto': Algorithm: Unrecognized name")
		}
		data, ok := bufferSourceBytes(vm, call.Argument(1))
		if !ok {
			must(reject(vm.NewTypeError("Failed to execute 'digest' on 'SubtleCrypto': 2nd argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.")))
			return vm.ToValue(p)
		}
		h.Write(data)
		// The digest is ready now, but a promise settles in a later microtask, as Chromium's does.
		must(resolve(vm.NewArrayBuffer(h.Sum(nil))))
		return vm.ToValue(p)
	}))
	for _, name := range subtleNotSimulated {
		must(subtle.Set(name, func(goja.FunctionCall) goja.Value {
			p, _, reject := vm.NewPromise()
			must(reject(vm.NewGoError(fmt.Errorf("hostsim: crypto.subtle.%s is not simulated", name))))
			return vm.ToValue(p)
		}))
	}
	must(crypto.Set("subtle", subtle))
}

// bufferSourceBytes is a copy of the bytes of an ArrayBuffer or ArrayBufferView.
func bufferSourceBytes(vm *goja.Runtime, v goja.Value) ([]byte, bool) {
	if ab, ok := v.Export().(goja.ArrayBuffer); ok {
		return append([]byte(nil), ab.Bytes()...), true
	}
	if b, ok := typedArrayBytes(vm, v); ok {
		return append([]byte(nil), b...), true
	}
	return nil, false
}
