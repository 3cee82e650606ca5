// Package extbuild builds Go extensions: every Go entry point becomes a .wasm file in the extension
// folder, beside the building toolchain's wasm_exec.js and the extwasm glue, and the folder is then
// checked the way Chrome will load it. It is what `extwasm build` and the test harness run.
//
// A module says what to build in extwasm.json at its root:
//
//	{"extensions": [{"folder": "extension", "wasm": "wasm"}]}
//
// Each main package directly under "wasm" (wasm/worker, wasm/content, …) is compiled with GOOS=js
// GOARCH=wasm to <folder>/<name>.wasm. Without extwasm.json the module builds as if it held exactly
// that line.
//
// The check of a built folder is handed in ([Options.Check]): it is the simulator's, and tooling
// under internal/ does not import the simulator.
package extbuild

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/extwasm/extwasm/internal/gobuild"
	"github.com/extwasm/extwasm/internal/wasmcover"
	"github.com/extwasm/extwasm/jsglue"
)

// ConfigFile is the name of the build configuration at a module's root.
const ConfigFile = "extwasm.json"

// WasmExecFile is the name under which extension folders carry the toolchain's wasm_exec.js.
const WasmExecFile = "wasm_exec.js"

// DefaultLDFlags strip the symbol table and DWARF, which Chrome never reads: the .wasm shrinks by a
// third and loads faster.
const DefaultLDFlags = "-s -w"

// goWasmFeatures are the WebAssembly features the Go toolchain emits (GOWASM's defaults since Go
// 1.21: sign extension and saturating float-to-int conversion; bulk memory for copy and fill). Go
// writes no target_features section, so wasm-opt must be told, or it rejects the module.
var goWasmFeatures = []string{"--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-bulk-memory", "--enable-mutable-globals"}

// Config is extwasm.json.
type Config struct {
	// Extensions are the extension folders to build, each from its own source folder.
	Extensions []Target `json:"extensions"`
}

// Target is one extension folder and the folder whose main packages it runs.
type Target struct {
	// Folder is the unpacked extension (where manifest.json is), relative to the module root.
	Folder string `json:"folder"`
	// Wasm holds one main package per entry point, relative to the module root.
	Wasm string `json:"wasm"`
}

// DefaultConfig is the configuration of a module without extwasm.json.
var DefaultConfig = Config{Extensions: []Target{{Folder: "extension", Wasm: "wasm"}}}

// Options configure [Build].
type Options struct {
	// Go is the go command; empty means "go" on PATH.
	Go string
	// LDFlags are passed to go build -ldflags; empty means [DefaultLDFlags].
	LDFlags string
	// WasmOpt runs wasm-opt -O on every .wasm; it is an error when wasm-opt is not installed.
	WasmOpt bool
	// Log receives one line per step; nil discards them.
	Log io.Writer
	// Check, when set, checks each built folder the way Chrome will load it; what it finds lands
	// in Built.Problems.
	Check Check
	// Cover builds every .wasm for coverage of the module's own packages (-coverpkg=<module>/...:
	// not extwasm, not the standard library, which the module's tests do not set out to cover),
	// with jsglue's hook linked in (wasmcover.BuildTag) so the simulator can collect the counters
	// as each context ends. The mode is always atomic: runtime/coverage writes counters on demand
	// only in that mode.
	Cover bool
}

// Check checks an extension folder and returns one line per problem.
type Check func(folder string) []string

// Checker makes a Check of a check whose problems print themselves, such as hostsim/browser's
// CheckExtension.
func Checker[P fmt.Stringer](check func(folder string) []P) Check {
	return func(folder string) []string {
		var lines []string
		for _, p := range check(folder) {
			lines = append(lines, p.String())
		}
		return lines
	}
}

// Built is what one [Build] produced.
type Built struct {
	// Folders are the extension folders, absolute.
	Folders []string
	// Wasm are the .wasm files written, absolute.
	Wasm []string
	// Problems are what [Options.Check] found in the built folders.
	Problems []string
}

// LoadConfig reads dir's extwasm.json, or returns [DefaultConfig] when there is none.
func LoadConfig(dir string) (Config, error) {
	data, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if errors.Is(err, os.ErrNotExist) {
		return DefaultConfig, nil
	}
	if err != nil {
		return Config{}, err
	}
	var c Config
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("%s: %w", filepath.Join(dir, ConfigFile), err)
	}
	if len(c.Extensions) == 0 {
		return Config{}, fmt.Errorf("%s: no extensions listed: add {\"folder\": \"extension\", \"wasm\": \"wasm\"} to \"extensions\"", filepath.Join(dir, ConfigFile))
	}
	for i, t := range c.Extensions {
		if t.Folder == "" || t.Wasm == "" {
			return Config{}, fmt.Errorf("%s: extensions[%d] needs both \"folder\" and \"wasm\"", filepath.Join(dir, ConfigFile), i)
		}
	}
	return c, nil
}

// Build builds every extension of the module at dir. A failed compile is an error; problems in the
// built folders are returned in Built.Problems for the caller to report.
func Build(dir string, opts Options) (*Built, error) {
	if opts.Go == "" {
		opts.Go = "go"
	}
	if opts.LDFlags == "" {
		opts.LDFlags = DefaultLDFlags
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// go list reports folders without symlinks; compare like with like.
	if root, err = filepath.EvalSymlinks(root); err != nil {
		return nil, err
	}
	cfg, err := LoadConfig(root)
	if err != nil {
		return nil, err
	}
	var wasmOpt string
	if opts.WasmOpt {
		if wasmOpt, err = exec.LookPath("wasm-opt"); err != nil {
			return nil, errors.New("-wasm-opt: wasm-opt is not installed (it is in Binaryen: apt install binaryen, or https://github.com/WebAssembly/binaryen/releases)")
		}
	}
	wasmExec, err := gobuild.WasmExec(opts.Go)
	if err != nil {
		return nil, err
	}
	out := &Built{}
	for _, t := range cfg.Extensions {
		folder := filepath.Join(root, t.Folder)
		if st, err := os.Stat(folder); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("%s: extension folder %s does not exist: create it with a manifest.json, or correct %s", root, t.Folder, ConfigFile)
		}
		mains, err := mainPackages(opts.Go, root, t.Wasm)
		if err != nil {
			return nil, err
		}
		if len(mains) == 0 {
			return nil, fmt.Errorf("%s: no main package under %s: put each entry point in its own folder (%s/worker/main.go, …)", root, t.Wasm, t.Wasm)
		}
		for _, pkg := range mains {
			wasm := filepath.Join(folder, filepath.Base(pkg.path)+".wasm")
			flags := []string{"-trimpath", "-ldflags=" + opts.LDFlags}
			if opts.Cover {
				if pkg.module == "" {
					return nil, fmt.Errorf("%s: %s is in no module, so there is no module to cover", root, pkg.path)
				}
				flags = append(flags, "-cover", "-covermode=atomic", "-coverpkg="+pkg.module+"/...", "-tags="+wasmcover.BuildTag)
			}
			if err := gobuild.Build(pkg.path, wasm, gobuild.Options{Go: opts.Go, Dir: root, GOOS: "js", GOARCH: "wasm",
				Flags: flags}); err != nil {
				return nil, err
			}
			if wasmOpt != "" {
				cmd := exec.Command(wasmOpt, append([]string{"-O", "-o", wasm, wasm}, goWasmFeatures...)...)
				if msg, err := cmd.CombinedOutput(); err != nil {
					return nil, fmt.Errorf("wasm-opt %s: %w\n%s", wasm, err, msg)
				}
			}
			fmt.Fprintf(opts.Log, "built %s\n", rel(root, wasm))
			out.Wasm = append(out.Wasm, wasm)
		}
		if err := os.WriteFile(filepath.Join(folder, WasmExecFile), wasmExec, 0o644); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(folder, jsglue.FileName), []byte(jsglue.Script), 0o644); err != nil {
			return nil, err
		}
		fmt.Fprintf(opts.Log, "wrote %s and %s\n", rel(root, filepath.Join(folder, WasmExecFile)), rel(root, filepath.Join(folder, jsglue.FileName)))
		if err := writeFrameFiles(folder, opts.Log); err != nil {
			return nil, err
		}
		out.Folders = append(out.Folders, folder)
		if opts.Check != nil {
			out.Problems = append(out.Problems, opts.Check(folder)...)
		}
	}
	return out, nil
}

// mainPackage is a main package to build: its "./"-relative path, and the path of its module.
type mainPackage struct {
	path, module string
}

// mainPackages lists the main packages directly under src, as GOOS=js sees them.
func mainPackages(goCmd, root, src string) ([]mainPackage, error) {
	if st, err := os.Stat(filepath.Join(root, src)); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s: wasm source folder %s does not exist", root, src)
	}
	cmd := exec.Command(goCmd, "list", "-e", "-f", "{{.Name}} {{with .Module}}{{.Path}}{{end}} {{.Dir}}", "./"+filepath.ToSlash(filepath.Clean(src))+"/...")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %w\n%s", src, err, stderr.String())
	}
	want := filepath.Join(root, src)
	var mains []mainPackage
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		// Module paths hold no spaces; a folder may.
		fields := strings.SplitN(line, " ", 3)
		if len(fields) != 3 || fields[0] != "main" || filepath.Dir(fields[2]) != want {
			continue
		}
		mains = append(mains, mainPackage{path: "./" + filepath.ToSlash(rel(root, fields[2])), module: fields[1]})
	}
	return mains, nil
}

func rel(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil {
		return r
	}
	return p
}
