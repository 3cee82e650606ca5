package jsglue

import (
	"bytes"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRandomBytes(t *testing.T) {
	for _, n := range []int{0, 1, 16, 65536, 65536 + 17} {
		b := make([]byte, n)
		require.NoError(t, RandomBytes(b), "%d bytes", n)
		if n >= 16 {
			// Each getRandomValues call fills its own chunk: the last 16 bytes all zero would mean a
			// chunk was never copied (a chance of 2^-128 otherwise).
			assert.NotEqual(t, make([]byte, 16), b[n-16:], "%d bytes", n)
		}
	}
	a, b := make([]byte, 16), make([]byte, 16)
	require.NoError(t, RandomBytes(a))
	require.NoError(t, RandomBytes(b))
	assert.False(t, bytes.Equal(a, b), "two draws of 128 bits agree")
}

func TestRandomBytesWithoutCrypto(t *testing.T) {
	g := js.Global()
	saved := g.Get("crypto")
	require.NoError(t, Try(func() { g.Set("crypto", js.Undefined()) }))
	defer g.Set("crypto", saved)
	require.NotEqual(t, js.TypeObject, g.Get("crypto").Type(), "crypto could not be removed")
	err := RandomBytes(make([]byte, 4))
	assert.EqualError(t, err, "jsglue: no crypto object in this context")
}
