package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVerifyNamesBothIntegrities(t *testing.T) {
	err := verify([]byte("not the package"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), Integrity)
	assert.Contains(t, err.Error(), "sha512-")
	assert.Contains(t, err.Error(), Version)
}

func tgz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}))
		_, err := tw.Write([]byte(body))
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestFileFromTarball(t *testing.T) {
	b := tgz(t, map[string]string{"package/README.md": "x", "package/index.d.ts": "declare namespace chrome {}"})
	got, err := fileFromTarball(b, "package/index.d.ts")
	require.NoError(t, err)
	assert.Equal(t, "declare namespace chrome {}", string(got))
	_, err = fileFromTarball(b, "package/_all.d.ts")
	assert.ErrorContains(t, err, "no package/_all.d.ts")
}

func TestExtract(t *testing.T) {
	src := "// Built at 44e2778277b858861c2fe7fc02969a94b02f14dc\ndeclare namespace chrome {\n  export namespace b {}\n  export namespace a {\n    export const X: 1;\n  }\n}\n"
	js, err := extract([]byte(src))
	require.NoError(t, err)
	assert.Contains(t, string(js), `"chromiumCommit": "44e2778277b858861c2fe7fc02969a94b02f14dc"`)
	assert.Regexp(t, `(?s)"name": "a".*"name": "b"`, string(js))
	assert.True(t, bytes.HasSuffix(js, []byte("}\n")))
	again, err := extract([]byte(src))
	require.NoError(t, err)
	assert.Equal(t, js, again)

	_, err = extract([]byte("declare namespace chrome {}"))
	assert.ErrorContains(t, err, "Built at")
}
