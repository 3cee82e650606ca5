package extbuild

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim"
)

// module writes a module with one entry point whose output exercises what wasm-opt rewrites:
// float conversions (saturating in Go's wasm), sign extension and memory copies.
func module(t *testing.T) string {
	t.Helper()
	checkout, err := filepath.Abs("../..")
	require.NoError(t, err)
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":                  "module example.com/m\n\ngo 1.26\n\nrequire github.com/extwasm/extwasm v0.0.0-00010101000000-000000000000\n\nreplace github.com/extwasm/extwasm => " + checkout + "\n",
		"extension/manifest.json": `{"manifest_version": 3, "name": "m", "version": "1", "background": {"service_worker": "worker.js"}, "content_security_policy": {"extension_pages": "script-src 'self' 'wasm-unsafe-eval'"}}`,
		"extension/worker.js":     "importScripts('wasm_exec.js', 'extwasm.js'); extwasm.start('worker.wasm');",
		"wasm/worker/main.go": `package main

import (
	"fmt"
	"strings"
)

func main() {
	f, n, u := 1e300, int64(-200), uint32(1<<31)
	b := []byte(strings.Repeat("ab", 1000))
	copy(b[1:], b)
	fmt.Println(int64(f) > 0, int8(n), int32(u), string(b[:4]))
}
`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return dir
}

// TestBuildWithWasmOptRuns checks that wasm-opt accepts what Go emits and that the optimised module
// behaves as the plain one.
func TestBuildWithWasmOptRuns(t *testing.T) {
	if _, err := exec.LookPath("wasm-opt"); err != nil {
		t.Skip("wasm-opt (Binaryen) is not installed")
	}
	dir := module(t)
	run := func(opt bool) (string, int64) {
		built, err := Build(dir, Options{WasmOpt: opt})
		require.NoError(t, err)
		require.Empty(t, built.Problems)
		require.Len(t, built.Wasm, 1)
		wasm, err := os.ReadFile(built.Wasm[0])
		require.NoError(t, err)
		var out bytes.Buffer
		res, err := hostsim.Run(context.Background(), wasm, hostsim.Config{Stdout: &out, NoDiskCache: true})
		require.NoError(t, err)
		require.Equal(t, 0, res.ExitCode)
		return out.String(), int64(len(wasm))
	}
	plain, plainSize := run(false)
	optimised, optSize := run(true)
	assert.Equal(t, "true 56 -2147483648 aaba\n", plain)
	assert.Equal(t, plain, optimised)
	assert.Less(t, optSize, plainSize)
}
