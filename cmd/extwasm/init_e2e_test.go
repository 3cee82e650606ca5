//go:build e2e

package main

import (
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
