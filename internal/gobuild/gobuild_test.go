package gobuild

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWasmWritesAJSModule(t *testing.T) {
	out := filepath.Join(t.TempDir(), "hello.wasm")
	require.NoError(t, Wasm("", "./testdata/hello", out))
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("\x00asm")), "a WebAssembly module")
	js, err := WasmExec("")
	require.NoError(t, err)
	assert.Contains(t, string(js), "globalThis.Go")
}

func TestBuildReportsTheCompilerOutput(t *testing.T) {
	err := Build("./testdata/missing", filepath.Join(t.TempDir(), "x"), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "testdata/missing")
}

func TestProgramBuildsOnce(t *testing.T) {
	p := Program{Pkg: "./testdata/hello"}
	defer p.Remove()
	first, err := p.Path()
	require.NoError(t, err)
	again, err := p.Path()
	require.NoError(t, err)
	assert.Equal(t, first, again)
	assert.Equal(t, "hello", filepath.Base(first))
	out, err := exec.Command(first).Output()
	require.NoError(t, err)
	assert.Equal(t, "hello\n", string(out))
	p.Remove()
	assert.NoDirExists(t, filepath.Dir(first))
}
