package wasmjs

import (
	"os"
	"path/filepath"
	"runtime/debug"
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

// goModWazeroVersion is the wazero version go.mod requires (a test keeps the two equal). It names
// the cache when the binary carries no dependency versions, as test binaries do not.
const goModWazeroVersion = "v1.12.0"

// wazeroVersion is the wazero version compiled into this binary, as far as it can be known.
// wazero itself cannot tell when it is a dependency (its folder in the cache is always
// "wazero-dev-…" and its entries' version check compares "dev" with "dev"), so the cache
// directory is named by it: machine code from one wazero is never loaded by another.
func wazeroVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/tetratelabs/wazero" {
				if d.Replace != nil {
					d = d.Replace
				}
				if d.Version != "" && d.Version != "(devel)" {
					return d.Version
				}
			}
		}
	}
	return goModWazeroVersion
}

// DefaultCacheDir is where compiled code is kept across processes unless told otherwise:
// $EXTWASM_CACHE_DIR, else extwasm/wasm under the user's cache directory; either way in a
// subdirectory named by the wazero version. It returns "" when the variable says "off" or the
// user has no cache directory. wazero keys each entry by the module's content and the CPU's
// features and writes entries by atomic rename, so one directory serves any number of concurrent
// test processes (go test -p).
func DefaultCacheDir() string {
	d := os.Getenv(CacheDirEnv)
	switch d {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		d = filepath.Join(base, "extwasm", "wasm")
	}
	return filepath.Join(d, "wazero-"+wazeroVersion())
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
