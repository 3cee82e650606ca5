package wasmcover

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// metaHeader and counterHeader make the start of a meta-data and a counter-data file whose hash
// counts up from h.
func metaHeader(h byte) []byte {
	b := append([]byte{0x00, 'c', 'v', 'm'}, make([]byte, metaHashAt-4+hashLen+8)...)
	for i := range hashLen {
		b[metaHashAt+i] = h + byte(i)
	}
	return b
}

func counterHeader(h byte) []byte {
	b := append([]byte{0x00, 'c', 'w', 'm'}, make([]byte, counterHashAt-4+hashLen+8)...)
	for i := range hashLen {
		b[counterHashAt+i] = h + byte(i)
	}
	return b
}

func TestMetaHash(t *testing.T) {
	cases := []struct {
		name           string
		meta, counters []byte
		err            string
	}{
		{"a pair", metaHeader(1), counterHeader(1), ""},
		{"counters of other meta-data", metaHeader(1), counterHeader(2), "written for other meta-data"},
		{"meta-data too short", metaHeader(1)[:metaHashAt+hashLen-1], counterHeader(1), "not a runtime/coverage meta-data file"},
		{"counters too short", metaHeader(1), counterHeader(1)[:counterHashAt+hashLen-1], "not a runtime/coverage counter-data file"},
		{"meta-data and counters swapped", counterHeader(1), metaHeader(1), "not a runtime/coverage meta-data file"},
		{"nothing", nil, nil, "not a runtime/coverage meta-data file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, err := MetaHash(c.meta, c.counters)
			if c.err != "" {
				assert.ErrorContains(t, err, c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.meta[metaHashAt:metaHashAt+hashLen], h[:])
		})
	}
}

// TestWriteFiles: one meta-data file per .wasm however many contexts end, one counter file per
// context, under the names go tool covdata reads.
func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	for range 3 {
		require.NoError(t, WriteFiles(dir, metaHeader(1), counterHeader(1)))
	}
	require.NoError(t, WriteFiles(dir, metaHeader(7), counterHeader(7)))
	require.Error(t, WriteFiles(dir, metaHeader(1), counterHeader(7)))

	meta, err := filepath.Glob(filepath.Join(dir, "covmeta.*"))
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{
		filepath.Join(dir, "covmeta.0102030405060708090a0b0c0d0e0f10"),
		filepath.Join(dir, "covmeta.0708090a0b0c0d0e0f10111213141516"),
	}, meta)
	counters, err := filepath.Glob(filepath.Join(dir, "covcounters.0102030405060708090a0b0c0d0e0f10.*"))
	require.NoError(t, err)
	assert.Len(t, counters, 3)
	for _, f := range counters {
		assert.Regexp(t, `^covcounters\.[0-9a-f]{32}\.\d+\.\d+$`, filepath.Base(f))
	}
	all, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, all, 6, "no temporary file is left behind")
}

// FuzzMetaHash: the bytes come from the extension's context; whatever they are, MetaHash returns
// an error or a hash both headers carry, and never panics.
func FuzzMetaHash(f *testing.F) {
	f.Add(metaHeader(1), counterHeader(1))
	f.Add(metaHeader(1), counterHeader(2))
	f.Add([]byte{}, []byte{0})
	f.Fuzz(func(t *testing.T, meta, counters []byte) {
		h, err := MetaHash(meta, counters)
		if err != nil {
			return
		}
		assert.Equal(t, h[:], meta[metaHashAt:metaHashAt+hashLen])
		assert.Equal(t, h[:], counters[counterHashAt:counterHashAt+hashLen])
	})
}
