//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// initRuns is how many times each module's package initialisation is traced; the medians are
// reported.
const initRuns = 5

// initLine is one line of GODEBUG=inittrace=1: "init <pkg> @<start> ms, <clock> ms clock, …".
var initLine = regexp.MustCompile(`^init (\S+) @([0-9.]+) ms, ([0-9.]+) ms clock, (\d+) bytes, (\d+) allocs`)

// BenchmarkWorkerInit lists, package by package, what Go initialises before main in the example
// worker and in the floor (GODEBUG=inittrace=1, median of initRuns runs under Node, which runs
// the same wasm_exec.js as the extension): everything here runs on every cold start before the
// worker can be Ready. The module's main then fails outside an extension, after the trace.
func BenchmarkWorkerInit(b *testing.B) {
	requireExample(b)
	require.NoError(b, floorBuilt())
	if _, err := exec.LookPath("node"); err != nil {
		b.Fatal("node is not installed: ", err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	require.NoError(b, err)
	runner := filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec_node.js")
	for _, m := range []struct{ name, path string }{
		{"worker", filepath.Join(exampleDir, "worker.wasm")},
		{"floor", filepath.Join(floorDir, "worker.wasm")},
	} {
		clock := map[string][]float64{}
		var order []string
		var initEnd []float64 // when the last traced package finished, per run
		for range initRuns * b.N {
			cmd := exec.Command("node", runner, m.path)
			cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
			out, _ := cmd.CombinedOutput() // main fails without chrome: only the trace is read
			seen, end := false, 0.0
			for _, line := range strings.Split(string(out), "\n") {
				f := initLine.FindStringSubmatch(line)
				if f == nil {
					continue
				}
				seen = true
				pkg := f[1]
				ms, _ := strconv.ParseFloat(f[3], 64)
				if _, ok := clock[pkg]; !ok {
					order = append(order, pkg)
				}
				clock[pkg] = append(clock[pkg], ms)
				at, _ := strconv.ParseFloat(f[2], 64)
				end = max(end, at+ms)
			}
			require.True(b, seen, "no inittrace from %s:\n%s", m.path, out)
			initEnd = append(initEnd, end)
		}
		total := 0.0
		var lines []string
		slices.SortStableFunc(order, func(x, y string) int {
			return int(1000 * (quantile(clock[y], 0.5) - quantile(clock[x], 0.5)))
		})
		for _, pkg := range order {
			ms := quantile(clock[pkg], 0.5)
			total += ms
			lines = append(lines, fmt.Sprintf("  %-60s %7.3f ms", pkg, ms))
		}
		// Printed, not logged: a benchmark's log is cut to its first lines.
		fmt.Printf("inittrace %s: package initialisation before main, median of %d runs under Node, slowest first (sum %.2f ms, last package done at %.1f ms):\n%s\n",
			m.name, len(initEnd), total, quantile(initEnd, 0.5), strings.Join(lines, "\n"))
		b.ReportMetric(total, m.name+"-init-sum-ms")
		b.ReportMetric(quantile(initEnd, 0.5), m.name+"-init-done-ms")
	}
}
