package main

import (
	"fmt"
	"io"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/extbuild"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags(buildUsage, stderr)
	ldflags := fs.String("ldflags", extbuild.DefaultLDFlags, "flags for go build -ldflags")
	wasmOpt := fs.Bool("wasm-opt", false, "optimise every .wasm with wasm-opt -O (Binaryen must be installed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := dirArg(fs)
	if err != nil {
		return err
	}
	built, err := extbuild.Build(dir, extbuild.Options{LDFlags: *ldflags, WasmOpt: *wasmOpt, Log: stdout,
		Check: extbuild.Checker(browser.CheckExtension)})
	if err != nil {
		return err
	}
	if len(built.Problems) > 0 {
		for _, p := range built.Problems {
			fmt.Fprintln(stderr, p)
		}
		return fmt.Errorf("%d problem(s) in the built extension", len(built.Problems))
	}
	return nil
}
