package browser_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/gobuild"
)

// goFixture is an extension folder assembled once per test binary: the files of a fixture folder,
// a Go package built for GOOS=js beside them, the toolchain's wasm_exec.js and the glue.
type goFixture struct {
	ext  string // the fixture's extension files, relative to this package
	src  string // the Go package, relative to the module root
	wasm string // the name the module is written under
	// flags go to go build (e.g. "-ldflags=-checklinkname=0" for a module that reads syscall/js
	// internals).
	flags []string

	once sync.Once
	dir  string
	err  error
}

// build assembles the folder (the first time) and returns it.
func (f *goFixture) build(t testing.TB) string {
	t.Helper()
	f.once.Do(func() { f.dir, f.err = f.assemble() })
	require.NoError(t, f.err)
	return f.dir
}

func (f *goFixture) assemble() (string, error) {
	_, file, _, _ := runtime.Caller(0)
	here := filepath.Dir(file)
	root := filepath.Join(here, "..", "..")
	dir, err := os.MkdirTemp("", "extwasm-"+strings.TrimSuffix(f.wasm, ".wasm")+"-")
	if err != nil {
		return "", err
	}
	opts := gobuild.Options{Dir: root, GOOS: "js", GOARCH: "wasm", Flags: f.flags}
	if err := gobuild.Build(f.src, filepath.Join(dir, f.wasm), opts); err != nil {
		return "", err
	}
	goroot, err := gobuild.GOROOT("")
	if err != nil {
		return "", err
	}
	copies := map[string]string{
		filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"): "wasm_exec.js",
		filepath.Join(root, "jsglue", "extwasm.js"):          "extwasm.js",
	}
	entries, err := os.ReadDir(filepath.Join(here, f.ext))
	if err != nil {
		return "", err
	}
	for _, en := range entries {
		copies[filepath.Join(here, f.ext, en.Name())] = en.Name()
	}
	for from, to := range copies {
		b, err := os.ReadFile(from)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, to), b, 0o644)
		}
		if err != nil {
			return "", err
		}
	}
	return dir, nil
}
