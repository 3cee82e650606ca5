//go:build e2e

package main

import (
	"os"
	"os/exec"
	"testing"

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
