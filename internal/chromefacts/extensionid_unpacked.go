// No extension code computes an unpacked extension's ID (Chrome tells it: runtime.id); only the
// simulator and the Chromium driver do. Leaving it out of GOOS=js builds keeps crypto/sha256, and
// with it Go's FIPS 140 module (about 110 KB of code), out of every extension's .wasm.

//go:build !js

package chromefacts

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
)

// UnpackedExtensionID is the ID Chromium gives an unpacked extension loaded from the directory
// absPath: the first 128 bits of the SHA-256 of the path's bytes, as 32 hex digits mapped 0-f to
// a-p. The path is hashed as given, so the caller passes exactly what Chromium sees (absolute,
// symlinks resolved, no trailing slash).
func UnpackedExtensionID(absPath string) string { return idOfBytes([]byte(absPath)) }

// ErrInvalidKey is Chrome's load error for a manifest "key" that is not base64.
const ErrInvalidKey = "Invalid value for 'key'."

// ExtensionIDFromKey is the ID Chromium gives an extension whose manifest has "key": the same
// rule over the bytes of the public key the base64 text holds (whitespace allowed), so the ID no
// longer depends on the folder. A key that is not base64 is Chrome's ErrInvalidKey.
func ExtensionIDFromKey(key string) (string, error) {
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(key), ""))
	if err != nil || len(der) == 0 {
		return "", errors.New(ErrInvalidKey)
	}
	return idOfBytes(der), nil
}

// idOfBytes is the first 128 bits of b's SHA-256 as 32 hex digits mapped 0-f to a-p.
func idOfBytes(b []byte) string {
	sum := sha256.Sum256(b)
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
