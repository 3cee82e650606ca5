package extbuild

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim"
	"github.com/extwasm/extwasm/internal/wasmcover"
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

// TestBuildForCoverage: a Cover build counts the module's own packages, not extwasm's or the
// standard library's, and carries the hook the simulator calls; a plain build carries neither.
func TestBuildForCoverage(t *testing.T) {
	dir := module(t)
	lib := filepath.Join(dir, "lib", "lib.go")
	require.NoError(t, os.MkdirAll(filepath.Dir(lib), 0o755))
	require.NoError(t, os.WriteFile(lib, []byte("package lib\n\nfunc Twice(n int) int { return 2 * n }\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "wasm", "worker", "main.go"), []byte(`package main

import (
	"fmt"

	_ "github.com/extwasm/extwasm/jsglue"

	"example.com/m/lib"
)

func main() { fmt.Println(lib.Twice(21)) }
`), 0o644))
	// jsglue's imports need go.sum lines; the module cache has them, the network is not needed.
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir = dir
	tidy.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod")
	msg, err := tidy.CombinedOutput()
	require.NoError(t, err, "%s", msg)

	for _, cover := range []bool{false, true} {
		built, err := Build(dir, Options{Cover: cover})
		require.NoError(t, err)
		require.Len(t, built.Wasm, 1)
		wasm, err := os.ReadFile(built.Wasm[0])
		require.NoError(t, err)
		assert.Equal(t, cover, bytes.Contains(wasm, []byte(wasmcover.Hook)), "cover %v", cover)
		if !cover {
			continue
		}
		// At exit, Go's js port writes coverage to $GOCOVERDIR like any program: that lists what the
		// build counts.
		covdir := t.TempDir()
		var out bytes.Buffer
		res, err := hostsim.Run(context.Background(), wasm, hostsim.Config{Stdout: &out, NoDiskCache: true, Env: map[string]string{"GOCOVERDIR": covdir}})
		require.NoError(t, err)
		require.Equal(t, 0, res.ExitCode)
		assert.Equal(t, "42\n", out.String())
		pkgs, err := exec.Command("go", "tool", "covdata", "pkglist", "-i="+covdir).CombinedOutput()
		require.NoError(t, err, "%s", pkgs)
		assert.ElementsMatch(t, []string{"example.com/m/lib", "example.com/m/wasm/worker"}, strings.Fields(string(pkgs)))
	}
}
