package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/extbuild"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags(buildUsage, stderr)
	opts := buildFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := dirArg(fs)
	if err != nil {
		return err
	}
	o := opts()
	o.Log = stdout
	_, err = buildChecked(dir, o, stderr)
	return err
}

// buildFlags adds build's flags to fs; the result reads them once fs is parsed.
func buildFlags(fs *flag.FlagSet) func() extbuild.Options {
	ldflags := fs.String("ldflags", extbuild.DefaultLDFlags, "flags for go build -ldflags")
	wasmOpt := fs.Bool("wasm-opt", false, "optimise every .wasm with wasm-opt -O (Binaryen must be installed)")
	return func() extbuild.Options { return extbuild.Options{LDFlags: *ldflags, WasmOpt: *wasmOpt} }
}

// buildChecked builds dir's extensions and checks each folder as Chrome will load it; problems go
// to stderr, one a line, and fail the build.
func buildChecked(dir string, opts extbuild.Options, stderr io.Writer) (*extbuild.Built, error) {
	opts.Check = extbuild.Checker(browser.CheckExtension)
	built, err := extbuild.Build(dir, opts)
	if err != nil {
		return nil, err
	}
	if len(built.Problems) > 0 {
		for _, p := range built.Problems {
			fmt.Fprintln(stderr, p)
		}
		return nil, fmt.Errorf("%d problem(s) in the built extension", len(built.Problems))
	}
	return built, nil
}
