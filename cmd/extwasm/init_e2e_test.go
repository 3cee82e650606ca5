//go:build e2e

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInitModulePassesItsOwnTestsInChromium runs a fresh scaffold's tests, unchanged, in Chromium.
func TestInitModulePassesItsOwnTestsInChromium(t *testing.T) {
	dir := scaffolded(t)
	out, err := goIn(t, dir, "test", "-count=1", "-v", ".", "-extwasm.browser=chromium")
	require.NoError(t, err, out)
	assert.Contains(t, out, "--- PASS: TestContentScriptGreetsThePageThroughTheWorker")
	assert.Contains(t, out, "--- PASS: TestStoppedWorkerWakesForTheNextPage")
}

// TestInitModulePassesItsOwnTestsThroughTheProtocol runs them again with the extension loaded
// through DevTools' Extensions.loadUnpacked, the only way Google Chrome 137+ loads one.
func TestInitModulePassesItsOwnTestsThroughTheProtocol(t *testing.T) {
	dir := scaffolded(t)
	cmd := exec.Command("go", "test", "-count=1", "-v", ".", "-extwasm.browser=chromium")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "EXTWASM_LOAD=protocol")
	raw, err := cmd.CombinedOutput()
	out := string(raw)
	require.NoError(t, err, out)
	assert.Contains(t, out, "through DevTools' Extensions.loadUnpacked")
	assert.NotContains(t, out, "because the protocol failed")
	assert.Contains(t, out, "--- PASS: TestContentScriptGreetsThePageThroughTheWorker")
	assert.Contains(t, out, "--- PASS: TestStoppedWorkerWakesForTheNextPage")
}

// BenchmarkScaffoldTests measures what a new user waits for: the wall time of `go test` in a fresh
// scaffold, build and test caches warm (one untimed run each first), in hostsim and in Chromium,
// side by side in one run. The test binary's own time (go test's "ok" line) is reported beside
// each, so the go command's fixed cost (build check and link) is seen apart from the tests'.
func BenchmarkScaffoldTests(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "greeter")
	code, out, errOut := extwasm("init", "-replace", "../..", dir)
	require.Equal(b, 0, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
	runs := []struct {
		name string
		args []string
	}{
		{"hostsim", []string{"test", "-count=1", "."}},
		{"chromium", []string{"test", "-count=1", ".", "-extwasm.browser=chromium"}},
	}
	goTest := func(args []string) (wall, binary time.Duration) {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		start := time.Now()
		raw, err := cmd.CombinedOutput()
		wall = time.Since(start)
		require.NoError(b, err, string(raw))
		m := okLine.FindStringSubmatch(string(raw))
		require.NotNil(b, m, "no ok line in:\n%s", raw)
		secs, err := strconv.ParseFloat(m[1], 64)
		require.NoError(b, err)
		return wall, time.Duration(secs * float64(time.Second))
	}
	for _, r := range runs {
		goTest(r.args)
	}
	b.ResetTimer()
	walls := make([]time.Duration, len(runs))
	binaries := make([]time.Duration, len(runs))
	for range b.N {
		for i, r := range runs {
			w, bin := goTest(r.args)
			walls[i] += w
			binaries[i] += bin
		}
	}
	n := float64(b.N)
	for i, r := range runs {
		b.ReportMetric(walls[i].Seconds()/n, r.name+"-s")
		b.ReportMetric(binaries[i].Seconds()/n, r.name+"-binary-s")
	}
	b.ReportMetric(walls[1].Seconds()/walls[0].Seconds(), "chromium/hostsim")
}

// okLine is go test's summary line for a passing package: "ok  \tpath\t0.633s".
var okLine = regexp.MustCompile(`(?m)^ok\s+\S+\s+([0-9.]+)s`)
