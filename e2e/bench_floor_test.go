//go:build e2e

package e2e

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// floorDir is the benchmark's floor: a Go worker that answers greetings with syscall/js alone,
// through the same glue (testdata/floorwasm/worker).
const floorDir = "testdata/floorext"

var (
	// floorID is empty when the floor is not built or not benchmarking; floorErr says why.
	floorID  string
	floorErr = fmt.Errorf("the floor extension is only loaded for benchmarks")
)

// benchmarking reports whether this run was asked for benchmarks (-test.bench).
func benchmarking() bool {
	f := flag.Lookup("test.bench")
	return f != nil && f.Value.String() != ""
}

// floorBuilt says why the floor extension cannot be loaded, or nil.
func floorBuilt() error {
	for _, f := range []string{"manifest.json", "worker.js", "worker.wasm", "wasm_exec.js", "extwasm.js"} {
		if _, err := os.Stat(filepath.Join(floorDir, f)); err != nil {
			return fmt.Errorf("floor extension not built (run ./build.sh): %w", err)
		}
	}
	return nil
}
