package wasmjs_test

import (
	"context"
	"io/fs"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/wasmjs"
)

// calls records the index of every guest function called, in order.
type calls struct {
	mu      sync.Mutex
	indexes []uint32
}

func (c *calls) NewFunctionListener(api.FunctionDefinition) experimental.FunctionListener { return c }

func (c *calls) Before(_ context.Context, _ api.Module, def api.FunctionDefinition, _ []uint64, _ experimental.StackIterator) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.indexes = append(c.indexes, def.Index())
}

func (c *calls) After(context.Context, api.Module, api.FunctionDefinition, []uint64) {}

func (c *calls) Abort(context.Context, api.Module, api.FunctionDefinition, error) {}

func TestListenerSeesEveryGuestCall(t *testing.T) {
	rec := &calls{}
	cacheDir := t.TempDir()
	e, err := wasmjs.NewEngine(wasmjs.EngineOptions{CacheDir: cacheDir, Listener: rec})
	require.NoError(t, err)
	t.Cleanup(func() { _ = e.Close(context.Background()) })
	s := jsrt.NewScheduler(jsrt.Options{})
	r := s.NewRealm(jsrt.RealmOptions{Name: "test"})
	t.Cleanup(r.Close)
	_, err = wasmjs.Install(r.VM, e, wasmjs.Options{})
	require.NoError(t, err)
	require.NoError(t, r.VM.Set("moduleBytes", r.VM.NewArrayBuffer(testModule())))
	_, err = r.RunScript("test.js", `
		const { exports } = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes), { env: { log: () => {} } });
		exports.add(1, 2); exports.callLog(3); exports.add(4, 5);`)
	require.NoError(t, err)
	require.NoError(t, s.Run(context.Background()))
	require.Empty(t, r.Errors())
	// Functions are numbered imports first: env.log is 0, add 1, callLog 2.
	assert.Equal(t, []uint32{1, 2, 0, 1}, rec.indexes)
	// Code compiled with a listener built in is not written to the disk cache, where a run
	// without one would find it.
	var files []string
	require.NoError(t, filepath.WalkDir(cacheDir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	}))
	assert.Empty(t, files)
}
