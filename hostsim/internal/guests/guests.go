// Package guests builds the GOOS=js GOARCH=wasm programs under hostsim/testdata for tests and
// benchmarks, once per process.
package guests

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
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
	cmd := exec.Command("go", "build", "-o", out, "./testdata/"+name)
	cmd.Dir = Root()
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("guests: build %s: %v\n%s", name, err, stderr.String())
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
	cmd := exec.Command("go", "build", "-o", out, "./testdata/"+name)
	cmd.Dir = Root()
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("guests: build %s for %s: %v\n%s", name, goos, err, stderr.String())
	}
	return os.ReadFile(out)
}
