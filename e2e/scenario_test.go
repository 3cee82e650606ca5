//go:build e2e

package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/e2e/internal/scenario"
	"github.com/extwasm/extwasm/extwasmtest"
)

// TestScenariosMatchTheSimulator runs every shared conformance scenario in Chromium and in hostsim
// and requires the same result for every step: Chromium is the judge, and the expected results
// written in each scenario must hold in both.
func TestScenariosMatchTheSimulator(t *testing.T) {
	for _, sc := range scenario.All {
		t.Run(sc.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()

			got, err := scenario.Run(ctx, extwasmtest.Chromium, sc)
			require.NoError(t, err, "chromium")
			want, err := scenario.Run(ctx, extwasmtest.Hostsim, sc)
			require.NoError(t, err, "hostsim")

			require.Len(t, want, len(got))
			for i := range got {
				step := got[i].Step
				if extwasmtest.IsAction(step.Do) {
					continue
				}
				assert.Equal(t, got[i].Got, want[i].Got, "step %d (%s): Chromium vs hostsim", i, step.Do)
				assert.JSONEq(t, step.Want, got[i].Got, "step %d (%s): Chromium vs the scenario", i, step.Do)
			}
		})
	}
}

// BenchmarkScenarioSuite measures, in one run, the wall time of the whole shared scenario suite in
// the simulator and in Chromium (a fresh browser per scenario in both, as the test does).
func BenchmarkScenarioSuite(b *testing.B) {
	var simTotal, realTotal time.Duration
	for range b.N {
		for _, sc := range scenario.All {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			start := time.Now()
			_, err := scenario.Run(ctx, extwasmtest.Hostsim, sc)
			require.NoError(b, err, sc.Name)
			simTotal += time.Since(start)

			start = time.Now()
			_, err = scenario.Run(ctx, extwasmtest.Chromium, sc)
			require.NoError(b, err, sc.Name)
			realTotal += time.Since(start)
			cancel()
		}
	}
	n := float64(b.N)
	b.ReportMetric(simTotal.Seconds()/n, "hostsim-s/suite")
	b.ReportMetric(realTotal.Seconds()/n, "chromium-s/suite")
	b.ReportMetric(realTotal.Seconds()/simTotal.Seconds(), "chromium/hostsim")
}
