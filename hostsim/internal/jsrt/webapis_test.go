package jsrt

import (
	"bytes"
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestForgivingBase64(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"aGVsbG8=", "hello", true},
		{"aGVsbG8", "hello", true},
		{" aGVs\nbG8 ", "hello", true},
		{"", "", true},
		{"/w==", "\xff", true},
		{"/x==", "\xff", true}, // the unused bits are dropped
		{"a", "", false},
		{"aGVsbG8==", "", false},
		{"aG=sbG8", "", false},
		{"*", "", false},
		{"ab-_", "", false},
	} {
		got, ok := forgivingBase64(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		if tc.ok {
			assert.Equal(t, tc.want, string(got), tc.in)
		}
	}
}

// FuzzForgivingBase64 checks atob's decoder on any input: it never panics, and it gives back the
// bytes of whatever the standard encoder wrote, padded or not.
func FuzzForgivingBase64(f *testing.F) {
	f.Add([]byte("hello"), "aGVsbG8=")
	f.Add([]byte{0xff, 0}, " /w = ")
	f.Fuzz(func(t *testing.T, raw []byte, arbitrary string) {
		_, _ = forgivingBase64(arbitrary)
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
			got, ok := forgivingBase64(enc.EncodeToString(raw))
			if !ok || !bytes.Equal(got, raw) {
				t.Fatalf("%x: got %x, %v", raw, got, ok)
			}
		}
	})
}
