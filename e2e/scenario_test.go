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
	simbrowser "github.com/extwasm/extwasm/hostsim/browser"
)

// plainHTML is what a scenario's tab shows when the scenario gives no HTML of its own, the same
// page the simulator serves by default.
const plainHTML = "<!doctype html><html><head><title>page</title></head><body><p>page</p></body></html>"

// TestScenariosMatchTheSimulator runs every shared conformance scenario in Chromium and in hostsim
// and requires the same result for every step: Chromium is the judge, and the expected results
// written in each scenario must hold in both.
func TestScenariosMatchTheSimulator(t *testing.T) {
	for _, sc := range scenario.All {
		t.Run(sc.Name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
			defer cancel()

			extDir, err := sc.ExtensionDir()
			require.NoError(t, err)
			real, err := newHarnessScenarioBrowser(ctx, t, extwasmtest.Chromium, extDir)
			require.NoError(t, err)
			got, err := scenario.Run(ctx, real, sc)
			require.NoError(t, err, "chromium")

			sim, err := scenario.NewHostsim(extDir, simbrowser.Options{Seed: 1})
			require.NoError(t, err)
			defer sim.Close()
			want, err := scenario.Run(ctx, sim, sc)
			require.NoError(t, err, "hostsim")

			require.Len(t, want, len(got))
			for i := range got {
				step := got[i].Step
				if step.Action != "" {
					continue
				}
				assert.Equal(t, got[i].Got, want[i].Got, "step %d in %s: Chromium vs hostsim", i, step.Realm)
				assert.JSONEq(t, step.Want, got[i].Got, "step %d in %s: Chromium vs the scenario", i, step.Realm)
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
			extDir, err := sc.ExtensionDir()
			require.NoError(b, err)
			start := time.Now()
			sim, err := scenario.NewHostsim(extDir, simbrowser.Options{Seed: 1})
			require.NoError(b, err)
			_, err = scenario.Run(ctx, sim, sc)
			require.NoError(b, err, sc.Name)
			require.NoError(b, sim.Close())
			simTotal += time.Since(start)

			start = time.Now()
			real, err := newHarnessScenarioBrowser(ctx, b, extwasmtest.Chromium, extDir)
			require.NoError(b, err)
			_, err = scenario.Run(ctx, real, sc)
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
