// Package guests builds the GOOS=js GOARCH=wasm programs under hostsim/testdata for tests and
// benchmarks, once per process.
package guests

import (
	"fmt"
	"github.com/extwasm/extwasm/internal/gobuild"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

var (
	mu    sync.Mutex
	built = map[string][]byte{}
	dir   string
)

// Root returns the repository's hostsim directory (found from this source file).
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Build compiles hostsim/testdata/<name> for GOOS=js GOARCH=wasm and returns the wasm bytes.
// The go command's build cache keeps repeated builds cheap across test runs.
func Build(name string) ([]byte, error) {
	mu.Lock()
	defer mu.Unlock()
	if b, ok := built[name]; ok {
		return b, nil
	}
	if dir == "" {
		d, err := os.MkdirTemp("", "hostsim-guests-")
		if err != nil {
			return nil, err
		}
		dir = d
	}
	out := filepath.Join(dir, name+".wasm")
	if err := gobuild.Wasm(Root(), "./testdata/"+name, out); err != nil {
		return nil, fmt.Errorf("guests: %w", err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	built[name] = b
	return b, nil
}

// Path builds the guest like Build and returns the path of the .wasm file.
func Path(name string) (string, error) {
	if _, err := Build(name); err != nil {
		return "", err
	}
	return filepath.Join(dir, name+".wasm"), nil
}

// BuildFor compiles hostsim/testdata/<name> for another GOOS with GOARCH=wasm (e.g. "wasip1").
func BuildFor(name, goos string) ([]byte, error) {
	d, err := os.MkdirTemp("", "hostsim-guest-"+goos+"-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(d)
	out := filepath.Join(d, name+".wasm")
	if err := gobuild.Build("./testdata/"+name, out, gobuild.Options{Dir: Root(), GOOS: goos, GOARCH: "wasm"}); err != nil {
		return nil, fmt.Errorf("guests: for %s: %w", goos, err)
	}
	return os.ReadFile(out)
}
