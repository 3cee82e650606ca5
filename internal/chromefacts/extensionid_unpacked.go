// No extension code computes an unpacked extension's ID (Chrome tells it: runtime.id); only the
// simulator and the Chromium driver do. Leaving it out of GOOS=js builds keeps crypto/sha256, and
// with it Go's FIPS 140 module (about 110 KB of code), out of every extension's .wasm.

//go:build !js

package chromefacts

import (
	"crypto/sha256"
	"encoding/hex"
)

// UnpackedExtensionID is the ID Chromium gives an unpacked extension loaded from the directory
// absPath: the first 128 bits of the SHA-256 of the path's bytes, as 32 hex digits mapped 0-f to
// a-p. The path is hashed as given, so the caller passes exactly what Chromium sees (absolute,
// symlinks resolved, no trailing slash).
func UnpackedExtensionID(absPath string) string {
	sum := sha256.Sum256([]byte(absPath))
	id := []byte(hex.EncodeToString(sum[:ExtensionIDLength/2]))
	for i, c := range id {
		if c >= 'a' {
			id[i] = c - 'a' + 10 + 'a'
		} else {
			id[i] = c - '0' + 'a'
		}
	}
	return string(id)
}
