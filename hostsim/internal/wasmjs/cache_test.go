package wasmjs_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// cacheFiles lists the regular files under dir with their modification times.
func cacheFiles(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	files := map[string]time.Time{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files[path] = info.ModTime()
		return nil
	}))
	return files
}

// TestDiskCacheServesANewEngine stands in for a new process: a second Engine on the same
// directory finds the machine code the first one wrote and writes nothing new.
func TestDiskCacheServesANewEngine(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "cache")
	ctx := context.Background()

	first, err := wasmjs.NewEngine(wasmjs.EngineOptions{CacheDir: dir})
	require.NoError(t, err)
	_, err = first.Compile(ctx, testModule(), 0, false)
	require.NoError(t, err)
	require.NoError(t, first.Close(ctx))
	written := cacheFiles(t, dir)
	require.NotEmpty(t, written, "the first compile writes the cache")

	second, err := wasmjs.NewEngine(wasmjs.EngineOptions{CacheDir: dir})
	require.NoError(t, err)
	defer second.Close(ctx)
	_, err = second.Compile(ctx, testModule(), 0, false)
	require.NoError(t, err)
	assert.Equal(t, written, cacheFiles(t, dir), "a cache hit rewrites nothing")
}

func TestDefaultCacheDir(t *testing.T) {
	sub := "wazero-" + goModWazero(t)
	t.Setenv(wasmjs.CacheDirEnv, "/somewhere/else")
	assert.Equal(t, filepath.Join("/somewhere/else", sub), wasmjs.DefaultCacheDir())
	t.Setenv(wasmjs.CacheDirEnv, "off")
	assert.Equal(t, "", wasmjs.DefaultCacheDir())
	t.Setenv(wasmjs.CacheDirEnv, "")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv("HOME", "/home/u")
	assert.Equal(t, filepath.Join("/xdg", "extwasm", "wasm", sub), wasmjs.DefaultCacheDir(),
		"a test binary has no dependency versions: the cache is named by the go.mod version")
}

// goModWazero reads the wazero version the module's go.mod requires.
func goModWazero(t *testing.T) string {
	t.Helper()
	mod, err := os.ReadFile(filepath.Join("..", "..", "..", "go.mod"))
	require.NoError(t, err)
	for _, line := range strings.Split(string(mod), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && f[0] == "github.com/tetratelabs/wazero" {
			return f[1]
		}
		if len(f) >= 3 && f[0] == "require" && f[1] == "github.com/tetratelabs/wazero" {
			return f[2]
		}
	}
	t.Fatal("go.mod does not require wazero")
	return ""
}

func TestSharedIsOnePerSetting(t *testing.T) {
	dir := t.TempDir()
	a, err := wasmjs.Shared(wasmjs.CacheSetting{Dir: dir})
	require.NoError(t, err)
	b, err := wasmjs.Shared(wasmjs.CacheSetting{Dir: dir})
	require.NoError(t, err)
	assert.Same(t, a, b, "one engine per process and setting")
	off, err := wasmjs.Shared(wasmjs.CacheSetting{Dir: dir, Off: true})
	require.NoError(t, err)
	assert.NotSame(t, a, off)
}
