package wasmjs_test

import (
	"context"
	"io/fs"
	"path/filepath"
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
	t.Setenv(wasmjs.CacheDirEnv, "/somewhere/else")
	assert.Equal(t, "/somewhere/else", wasmjs.DefaultCacheDir())
	t.Setenv(wasmjs.CacheDirEnv, "off")
	assert.Equal(t, "", wasmjs.DefaultCacheDir())
	t.Setenv(wasmjs.CacheDirEnv, "")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv("HOME", "/home/u")
	assert.Equal(t, filepath.Join("/xdg", "extwasm", "wasm"), wasmjs.DefaultCacheDir())
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
