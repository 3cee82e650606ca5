package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/extwasm/extwasm/internal/gobuild"
	"github.com/extwasm/extwasm/internal/probeworker"
	"github.com/extwasm/extwasm/jsglue"
)

// goFixtures maps a fixture with a Go worker to the package of its worker, built into the fixture
// as worker.wasm beside the toolchain's wasm_exec.js and the glue, as build.sh does for examples.
var goFixtures = map[string]string{
	"goext": "./e2e/internal/scenario/testdata/wasm/worker",
	"goapi": "./e2e/internal/scenario/testdata/wasm/goapi",
	// One worker, two manifests: message_serialization structured_clone and the JSON default.
	"goclone": "./e2e/internal/scenario/testdata/wasm/clone",
	"gojson":  "./e2e/internal/scenario/testdata/wasm/clone",
	// The worker opens an offscreen document that runs Go too (goExtraWasm).
	"gooffscreen": "./e2e/internal/scenario/testdata/wasm/offworker",
	// A Go content script with a page-world channel (goExtraWasm); the worker is goext's.
	"gopage": "./e2e/internal/scenario/testdata/wasm/worker",
	// A Go worker whose routes admit user scripts or not.
	"gouserscripts": "./e2e/internal/scenario/testdata/wasm/usworker",
}

// goExtraWasm lists, for a Go fixture, the other .wasm files it runs besides worker.wasm (in its
// pages) and the package each is built from.
var goExtraWasm = map[string]map[string]string{
	"gooffscreen": {"offscreen.wasm": "./e2e/internal/scenario/testdata/wasm/offdoc"},
	"gopage":      {"content.wasm": "./e2e/internal/scenario/testdata/wasm/pagecs"},
}

// fixtureCopies lists the files a Go fixture takes from another fixture when it is built, so that one
// script serves several manifests (the copies are build outputs, not kept in git).
var fixtureCopies = map[string][]string{
	"goclone": {"scext/describe.js"},
	"gojson":  {"scext/describe.js", "goclone/content.js", "goclone/sw.js"},
}

var (
	fixtureMu    sync.Mutex
	fixtureBuilt = map[string]error{}
	// wasmBuilt is, per package, the first file this process built it into: several fixtures run
	// the same package, and copying a built module costs milliseconds where even an up-to-date
	// go build costs a go command's start and its hashing of every input.
	wasmBuilt = map[string]string{}
	// wasmExec is the toolchain's wasm_exec.js, read once (it costs a go env).
	wasmExec []byte
)

// ExtensionDir returns the directory of the scenario's fixture extension, building its Go worker
// first (once per process; the go command's cache keeps rebuilds cheap).
func (s Scenario) ExtensionDir() (string, error) {
	name := s.Fixture
	if name == "" {
		name = "ext"
	}
	_, file, _, _ := runtime.Caller(0)
	here := filepath.Dir(file)
	dir := filepath.Join(here, "testdata", name)
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	if name == "ext" {
		// The plain-JS fixture's worker is the probe worker, kept once for every fixture.
		return dir, probeworker.Write(dir)
	}
	pkg, ok := goFixtures[name]
	if !ok {
		return dir, nil
	}
	err, done := fixtureBuilt[name]
	if !done {
		root := filepath.Join(here, "..", "..", "..")
		err = buildGoFixture(root, pkg, dir)
		for file, pkg := range goExtraWasm[name] {
			if err == nil {
				err = buildWasm(root, pkg, filepath.Join(dir, file))
			}
		}
		if err == nil {
			err = copyFixtureFiles(filepath.Join(here, "testdata"), dir, fixtureCopies[name])
		}
		fixtureBuilt[name] = err
	}
	return dir, err
}

func buildGoFixture(root, pkg, dir string) error {
	if err := buildWasm(root, pkg, filepath.Join(dir, "worker.wasm")); err != nil {
		return err
	}
	if wasmExec == nil {
		js, err := gobuild.WasmExec("")
		if err != nil {
			return fmt.Errorf("scenario: %w", err)
		}
		wasmExec = js
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), wasmExec, 0o644); err != nil {
		return err
	}
	for name, body := range map[string]string{jsglue.PageScriptFileName: jsglue.PageScript,
		jsglue.FramePageFileName: jsglue.FramePage, jsglue.FrameScriptFileName: jsglue.FrameScript} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, jsglue.FileName), []byte(jsglue.Script), 0o644)
}

// buildWasm builds pkg into out, or copies it from where this process built it before. The caller
// holds fixtureMu.
func buildWasm(root, pkg, out string) error {
	if built, ok := wasmBuilt[pkg]; ok {
		b, err := os.ReadFile(built)
		if err == nil {
			err = os.WriteFile(out, b, 0o755)
		}
		if err != nil {
			return fmt.Errorf("scenario: %w", err)
		}
		return nil
	}
	if err := gobuild.Wasm(root, pkg, out); err != nil {
		return fmt.Errorf("scenario: %w", err)
	}
	wasmBuilt[pkg] = out
	return nil
}

// copyFixtureFiles copies each testdata-relative file into dir under its own base name.
func copyFixtureFiles(testdata, dir string, files []string) error {
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(testdata, filepath.FromSlash(f)))
		if err != nil {
			return fmt.Errorf("scenario: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			return fmt.Errorf("scenario: %w", err)
		}
	}
	return nil
}
