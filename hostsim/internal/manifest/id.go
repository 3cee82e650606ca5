package manifest

import (
	"crypto/sha256"
	"encoding/hex"
)

// IDForPath returns the extension ID Chromium gives an unpacked extension
// loaded from the absolute directory path: the first 128 bits of the SHA-256
// of the path bytes, written as 32 hex digits mapped 0-f to a-p. The path is
// hashed as given, so the caller passes exactly what Chrome would see
// (absolute, no trailing slash).
func IDForPath(absPath string) string {
	sum := sha256.Sum256([]byte(absPath))
	id := []byte(hex.EncodeToString(sum[:16]))
	for i, c := range id {
		if c >= 'a' {
			id[i] = c - 'a' + 10 + 'a'
		} else {
			id[i] = c - '0' + 'a'
		}
	}
	return string(id)
}
