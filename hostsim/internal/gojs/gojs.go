// Package gojs knows the Go toolchain's side of GOOS=js GOARCH=wasm: it recognises a Go js/wasm
// module (its imports, exports and the Go version that built it) and supplies the matching
// wasm_exec.js glue.
package gojs

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
)

//go:embed wasm_exec.js
var embeddedWasmExec string

// Supported is the Go release line whose wasm_exec.js is embedded and whose ABI hostsim speaks.
const Supported = "go1.26"

// Info describes a module as far as running it under GOOS=js matters.
type Info struct {
	// GoVersion is the toolchain that built the module ("go1.26.8"), or "" if not recorded.
	GoVersion string
	// ImportModule is "gojs" (Go 1.21 and later), "go" (older releases) or "" if neither.
	ImportModule string
	// WASI is true when the module imports wasi_snapshot_preview1 (a GOOS=wasip1 build).
	WASI bool
	// Exports are the exported names (functions and memories).
	Exports []string
}

// Release is the major release of GoVersion ("go1.26" for "go1.26.8"), or "".
func (i Info) Release() string { return release(i.GoVersion) }

var releaseRE = regexp.MustCompile(`^go1\.\d+`)

func release(v string) string { return releaseRE.FindString(v) }

// ErrNotWasm means the bytes are not a WebAssembly binary.
var ErrNotWasm = errors.New("not a WebAssembly module")

// ErrNotGoJS means the module is WebAssembly but not a GOOS=js GOARCH=wasm Go program.
var ErrNotGoJS = errors.New("not a GOOS=js GOARCH=wasm Go program")

// ErrUnsupportedGo means the module was built by a Go release other than Supported.
var ErrUnsupportedGo = errors.New("unsupported Go version")

// Check inspects wasm and reports whether hostsim can run it, naming the reason if not.
func Check(wasm []byte) (Info, error) {
	info, err := Inspect(wasm)
	if err != nil {
		return info, fmt.Errorf("hostsim: %w: %v", ErrNotWasm, err)
	}
	has := map[string]bool{}
	for _, e := range info.Exports {
		has[e] = true
	}
	switch {
	case info.ImportModule == "go":
		v := info.GoVersion
		if v == "" {
			v = "a Go release before go1.21"
		}
		return info, fmt.Errorf("hostsim: %w: module built by %s; hostsim supports %s", ErrUnsupportedGo, v, Supported)
	case info.WASI && info.ImportModule == "":
		return info, fmt.Errorf("hostsim: %w: the module imports wasi_snapshot_preview1 (a GOOS=wasip1 build); build with GOOS=js GOARCH=wasm", ErrNotGoJS)
	case info.ImportModule == "":
		return info, fmt.Errorf("hostsim: %w: it has no \"gojs\" imports", ErrNotGoJS)
	case !has["run"] || !has["resume"] || !has["getsp"]:
		return info, fmt.Errorf("hostsim: %w: it lacks the run, resume and getsp exports", ErrNotGoJS)
	}
	if r := info.Release(); r != "" && r != Supported {
		return info, fmt.Errorf("hostsim: %w: module built by %s; hostsim supports %s", ErrUnsupportedGo, info.GoVersion, Supported)
	}
	return info, nil
}

var (
	gorootOnce sync.Once
	gorootJS   string
	gorootVer  string
)

// WasmExec returns the wasm_exec.js for a module built by goVersion, and where it came from:
// the installed toolchain's own copy when its release matches (it is what `go build` paired
// the module with), else the embedded go1.26 copy.
func WasmExec(goVersion string) (src, origin string) {
	gorootOnce.Do(func() {
		root := os.Getenv("GOROOT")
		if root == "" {
			root = runtime.GOROOT() //nolint:staticcheck // best effort: a missing file just means "use the embedded copy"
		}
		if root == "" {
			return
		}
		v, err := os.ReadFile(filepath.Join(root, "VERSION"))
		if err != nil {
			return
		}
		js, err := os.ReadFile(filepath.Join(root, "lib", "wasm", "wasm_exec.js"))
		if err != nil {
			return
		}
		gorootVer = strings.TrimSpace(strings.SplitN(string(v), "\n", 2)[0])
		gorootJS = string(js)
	})
	if gorootJS != "" && release(gorootVer) != "" && release(gorootVer) == release(goVersion) {
		return gorootJS, "GOROOT " + gorootVer
	}
	return embeddedWasmExec, "embedded " + Supported
}
