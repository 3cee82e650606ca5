package wasmjs

import (
	"os"
	"path/filepath"
	"sync"
)

// CacheDirEnv names the environment variable that moves the on-disk compilation cache; the value
// "off" keeps compiled code in memory only.
const CacheDirEnv = "EXTWASM_CACHE_DIR"

// CacheSetting chooses where a process-wide Engine keeps compiled machine code.
type CacheSetting struct {
	// Dir is the cache directory; empty means DefaultCacheDir.
	Dir string
	// Off keeps compiled code in memory only: every process compiles again.
	Off bool
}

// DefaultCacheDir is where compiled code is kept across processes unless told otherwise:
// $EXTWASM_CACHE_DIR, else extwasm/wasm under the user's cache directory. It returns "" when the
// variable says "off" or the user has no cache directory. wazero keys each entry by the module's
// content, the wazero version and the CPU's features, and writes entries by atomic rename, so one
// directory serves any number of concurrent test processes (go test -p) and wazero upgrades.
func DefaultCacheDir() string {
	if d := os.Getenv(CacheDirEnv); d != "" {
		if d == "off" {
			return ""
		}
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "extwasm", "wasm")
}

var (
	sharedMu      sync.Mutex
	sharedEngines = map[string]*Engine{}
)

// Shared returns the process-wide Engine for s, creating it on first use: compiling a module once
// per process (in memory) and once per machine (on disk) however many realms run it. When the
// default directory cannot be created (a read-only home, say), the Engine falls back to memory; a
// directory the caller named must work.
func Shared(s CacheSetting) (*Engine, error) {
	dir := ""
	if !s.Off {
		dir = s.Dir
		if dir == "" {
			dir = DefaultCacheDir()
		}
	}
	sharedMu.Lock()
	defer sharedMu.Unlock()
	if e, ok := sharedEngines[dir]; ok {
		return e, nil
	}
	e, err := NewEngine(EngineOptions{CacheDir: dir})
	if err != nil && s.Dir == "" && dir != "" {
		e, err = NewEngine(EngineOptions{})
	}
	if err != nil {
		return nil, err
	}
	sharedEngines[dir] = e
	return e, nil
}
