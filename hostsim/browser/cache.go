package browser

import (
	"errors"
	"path/filepath"
	"runtime/debug"
	"sync"
)

var (
	cacheMu       sync.Mutex
	cacheDir      string
	engineStarted bool
)

// SetCompilationCache keeps compiled WebAssembly in dir, so the next test process starts a module
// without compiling it again (compiling a Go module takes seconds; loading it from the cache,
// milliseconds). Entries are keyed by the module's content and the compiler's version, so a rebuilt
// module or a new wazero never uses a stale entry. It must be called before the first New.
func SetCompilationCache(dir string) error {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if engineStarted {
		return errors.New("browser: SetCompilationCache after the first New: the compiler is already running")
	}
	cacheDir = filepath.Join(dir, wazeroVersion())
	return nil
}

// wazeroVersion names the compiler's version for the cache folder: wazero keys its own entries by
// its version only when it knows it, which a module dependency does not ("dev"). Test binaries
// carry no dependency versions, so the version this module requires is the fallback; a test keeps
// it equal to go.mod's.
func wazeroVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == wazeroModule && d.Replace == nil {
				return d.Version
			}
		}
	}
	return requiredWazero
}

const (
	wazeroModule   = "github.com/tetratelabs/wazero"
	requiredWazero = "v1.12.0"
)

// startEngine marks the shared compiler as started and returns its cache folder ("" for memory).
func startEngine() string {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	engineStarted = true
	return cacheDir
}
