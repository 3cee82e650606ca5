//go:build unix && !e2e

package e2e

import (
	"cmp"
	"context"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/e2e/internal/scenario"
	"github.com/extwasm/extwasm/extwasmtest"
)

// BenchmarkScenarioSuiteHostsim runs the whole shared scenario suite in hostsim alone, a fresh
// browser per scenario as BenchmarkScenarioSuite and the tests do, and logs the slowest scenarios.
// It needs no Chromium, and is left out of the e2e build: run before BenchmarkScenarioSuite in one
// process, it would build the fixtures and compile their modules for it and flatter its hostsim
// figure. Besides the wall time it reports the process's CPU time per suite, which a busy machine
// disturbs less; the first iteration also pays for the fixtures and their modules, as the first
// run of the tests does.
func BenchmarkScenarioSuiteHostsim(b *testing.B) {
	type timing struct {
		name string
		wall time.Duration
	}
	var all []timing
	var wall, cpu time.Duration
	for range b.N {
		for _, sc := range scenario.All {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			cpu0, start := cpuTime(b), time.Now()
			_, err := scenario.Run(ctx, extwasmtest.Hostsim, sc)
			d := time.Since(start)
			cpu += cpuTime(b) - cpu0
			cancel()
			require.NoError(b, err, sc.Name)
			wall += d
			all = append(all, timing{sc.Name, d})
		}
	}
	slices.SortFunc(all, func(x, y timing) int { return cmp.Compare(y.wall, x.wall) })
	for _, t := range all[:min(len(all), 12)] {
		b.Logf("slowest: %-48s %7.1f ms", t.name, float64(t.wall)/float64(time.Millisecond))
	}
	n := float64(b.N)
	b.ReportMetric(wall.Seconds()/n, "hostsim-s/suite")
	b.ReportMetric(cpu.Seconds()/n, "hostsim-cpu-s/suite")
	b.ReportMetric(float64(len(scenario.All)), "scenarios")
}

// cpuTime is the CPU time this process has used so far (user and system, every thread; the go
// commands that build fixtures are other processes and not counted).
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	require.NoError(b, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
