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
