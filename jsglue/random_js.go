package jsglue

import (
	"errors"
	"syscall/js"
)

// RandomBytes fills b with cryptographically strong random bytes from the context's
// crypto.getRandomValues, the source Go's crypto/rand reads on js/wasm. crypto/rand links the whole
// FIPS 140 module (about 50 KB gzipped, and its start-up self-checks) into a module that may only
// need a nonce; this does not. b may be of any length.
func RandomBytes(b []byte) error {
	crypto := js.Global().Get("crypto")
	if crypto.Type() != js.TypeObject {
		return errors.New("jsglue: no crypto object in this context")
	}
	// getRandomValues refuses more than 65,536 bytes a call (QuotaExceededError).
	const maxPerCall = 65536
	for len(b) > 0 {
		n := min(len(b), maxPerCall)
		u8 := js.Global().Get("Uint8Array").New(n)
		if err := Try(func() { crypto.Call("getRandomValues", u8) }); err != nil {
			return err
		}
		js.CopyBytesToGo(b[:n], u8)
		b = b[n:]
	}
	return nil
}
