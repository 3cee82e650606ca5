package extwasmtest

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/extbuild"
)

// Build builds the extension module at dir as `extwasm build` does: every Go entry point to .wasm,
// the toolchain's wasm_exec.js and the glue beside them, and the folder checked as Chrome will load
// it. Call it from TestMain so tests always run the current Go code; the Go build cache makes an
// unchanged build quick. Under go test -cover the .wasm is built for coverage of the module's
// own packages, which [Run] adds to the test's.
func Build(dir string) error {
	built, err := extbuild.Build(dir, extbuild.Options{Check: extbuild.Checker(browser.CheckExtension), Cover: testing.CoverMode() != ""})
	if err != nil {
		return fmt.Errorf("extwasmtest: building %s: %w", dir, err)
	}
	if len(built.Problems) > 0 {
		return errors.New("extwasmtest: the built extension has problems:\n" + strings.Join(built.Problems, "\n"))
	}
	return nil
}
