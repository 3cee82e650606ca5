// Package gobuild runs the go command as the repository's tools and tests need it: a main package
// compiled for GOOS=js GOARCH=wasm or for this machine, the toolchain's wasm_exec.js that must go
// with a js/wasm module, and a program built once per process for tests. Every place that builds
// a Go program (extwasm build, hostsim's guests, the scenario fixtures, the tests that start a
// native host) goes through it.
package gobuild

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Options configure [Build].
type Options struct {
	// Go is the go command; empty means [Tool].
	Go string
	// Dir is where the go command runs, which resolves "./…" package paths; empty means the
	// current directory.
	Dir string
	// GOOS and GOARCH choose the target; empty means this machine's.
	GOOS, GOARCH string
	// Flags go to go build before -o, e.g. "-trimpath" or "-ldflags=-s -w".
	Flags []string
}

// Tool is the go command of the toolchain running this process when it has one, else "go" on
// PATH: a test builds with the toolchain that runs it.
func Tool() string {
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p
	}
	return "go"
}

// Build compiles the main package pkg into the file out.
func Build(pkg, out string, opts Options) error {
	goCmd := opts.Go
	if goCmd == "" {
		goCmd = Tool()
	}
	args := append(append([]string{"build"}, opts.Flags...), "-o", out, pkg)
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = opts.Dir
	cmd.Env = os.Environ()
	if opts.GOOS != "" {
		cmd.Env = append(cmd.Env, "GOOS="+opts.GOOS)
	}
	if opts.GOARCH != "" {
		cmd.Env = append(cmd.Env, "GOARCH="+opts.GOARCH)
	}
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building %s: %w\n%s", pkg, err, msg.String())
	}
	return nil
}

// Wasm compiles the main package pkg for GOOS=js GOARCH=wasm into out, running the go command in
// dir.
func Wasm(dir, pkg, out string) error {
	return Build(pkg, out, Options{Dir: dir, GOOS: "js", GOARCH: "wasm"})
}

// GOROOT is the root of goCmd's toolchain (empty goCmd: [Tool]).
func GOROOT(goCmd string) (string, error) {
	if goCmd == "" {
		goCmd = Tool()
	}
	out, err := exec.Command(goCmd, "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// WasmExec is the wasm_exec.js of goCmd's toolchain (empty goCmd: [Tool]): it must match the
// compiler's ABI, so it is never taken from anywhere else.
func WasmExec(goCmd string) ([]byte, error) {
	goroot, err := GOROOT(goCmd)
	if err != nil {
		return nil, err
	}
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		if data, err := os.ReadFile(filepath.Join(goroot, p)); err == nil {
			return data, nil
		}
	}
	return nil, fmt.Errorf("no wasm_exec.js under GOROOT %s (lib/wasm or misc/wasm): is the Go installation complete?", goroot)
}

// Program is a main package for this machine, built at most once per process into a temporary
// folder of its own (with symbolic links resolved, so the path a started program sees is the one
// returned). Call Remove when the process is done with it, e.g. in TestMain.
type Program struct {
	// Pkg is the package: an import path, or a "./…" path relative to Dir.
	Pkg string
	// Dir is where the go command runs; empty means the current directory.
	Dir string

	once sync.Once
	path string
	err  error
}

// Path builds the program on first use and returns the binary's path.
func (p *Program) Path() (string, error) {
	p.once.Do(func() {
		dir, err := os.MkdirTemp("", "gobuild-")
		if err == nil {
			dir, err = filepath.EvalSymlinks(dir)
		}
		if err != nil {
			p.err = err
			return
		}
		name := filepath.Base(strings.TrimSuffix(p.Pkg, "/"))
		if name == "." {
			name = "program"
		}
		p.path = filepath.Join(dir, name)
		p.err = Build(p.Pkg, p.path, Options{Dir: p.Dir})
	})
	return p.path, p.err
}

// Remove deletes the folder of a built program.
func (p *Program) Remove() {
	if p.path != "" {
		_ = os.RemoveAll(filepath.Dir(p.path))
	}
}
