package chromefacts

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExtensionIDShape(t *testing.T) {
	tests := []struct {
		name              string
		id                string
		canonical, accept bool
	}{
		{"canonical", "abcdefghijklmnopabcdefghijklmnop", true, true},
		{"upper case is accepted by the APIs but never reported", "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP", false, true},
		{"letter after p", "abcdefghijklmnopabcdefghijklmnoq", false, false},
		{"digit", "abcdefghijklmnopabcdefghijklmno0", false, false},
		{"too short", strings.Repeat("a", ExtensionIDLength-1), false, false},
		{"too long", strings.Repeat("a", ExtensionIDLength+1), false, false},
		{"empty", "", false, false},
		// '@' | 0x20 is '`', just below 'a': folding case must not turn punctuation into letters.
		{"punctuation", strings.Repeat("@", ExtensionIDLength), false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.canonical, IsExtensionID(tc.id))
			assert.Equal(t, tc.accept, ExtensionIDAccepted(tc.id))
		})
	}
}

func TestErrorBuilders(t *testing.T) {
	assert.Equal(t, "Invalid extension id: 'ping'", InvalidExtensionID("ping"))
	assert.Equal(t, "Error in invocation of tabs.get(integer tabId): No matching signature.",
		InvocationError("tabs.get(integer tabId)", "No matching signature."))
}

func TestUnpackedExtensionID(t *testing.T) {
	// Vectors from: printf '%s' PATH | sha256sum | cut -c1-32 | tr '0-9a-f' 'a-p'
	for path, want := range map[string]string{
		"/work/main/extension":          "dmfmfamahngcnohmjoomdjbfcnjhfmab",
		"/work/main/e2e/testdata/jsext": "olcdlmamncnofegicicfhlmmcmgbmfce",
		"/tmp/x":                        "cofgkkdgpfdilddleipdhopfbofennlf",
	} {
		assert.Equal(t, want, UnpackedExtensionID(path), path)
		assert.True(t, IsExtensionID(UnpackedExtensionID(path)))
	}
	assert.NotEqual(t, UnpackedExtensionID("/tmp/x"), UnpackedExtensionID("/tmp/x/"), "the path is hashed as given")
}

// TestExtensionIDFromKey: the key's ID (Chromium 156 reported the same runtime.id for this key,
// TestManifestKeyDecidesTheID), whitespace inside the base64 ignored, and Chrome's error for a key
// that is not base64.
func TestExtensionIDFromKey(t *testing.T) {
	const key = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAufvX8fvzHYb+O8KxCYpuo/nQQAZ1W16+tcrDwFmmGU24Wy/PvhnbkZBrnImYYB7nlbJjzurNR1es7Vux6R/iExIDOBFxi8RJNgHUu/vcTLLpE6H+PSoakhCmWslncxFRroFUjGMMuul3dWepGXdcJEWhWv9KkEER9UV8gXA1MLCA+28hmvep60hXellQ6uet46cH3AHQJRRYxazykXhr/j8jX1YWt4KofnJK3NM9ryWrE8yNfH6gS/lCIqjY92LbGeG88bcfG/HWQlS3Vc14cKZpq55t8+Fbp8Fz3AKGM14mR54ro1k0t6Ff84MrjihRikZr+DIQclA6QbwDUCt4CQIDAQAB"
	for _, tc := range []struct{ key, id, err string }{
		{key, "ogifedimkeecpbjmdmcihinpobkommfo", ""},
		{key[:40] + "\n  " + key[40:], "ogifedimkeecpbjmdmcihinpobkommfo", ""},
		{"not base64!", "", ErrInvalidKey},
		{"", "", ErrInvalidKey},
	} {
		id, err := ExtensionIDFromKey(tc.key)
		if tc.err != "" {
			assert.EqualError(t, err, tc.err)
			continue
		}
		if assert.NoError(t, err) {
			assert.Equal(t, tc.id, id)
			assert.True(t, IsExtensionID(id))
		}
	}
}
