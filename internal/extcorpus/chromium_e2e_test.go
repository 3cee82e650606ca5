//go:build e2e

package extcorpus

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChromiumRunsFixture: the fixture extensions give in Chromium the messages TestHostsimRun
// expects of hostsim, context by context (the order across contexts is Chromium's to choose).
// The wait leaves the options page's 1.5 s timer room on a loaded machine.
func TestChromiumRunsFixture(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	c := NewChromium()
	defer c.Close()

	r := c.Run(ctx, fixtureExt(t, "clean"), 5*time.Second)
	require.Empty(t, r.LoadError)
	assert.Empty(t, r.Errors)

	r = c.Run(ctx, fixtureExt(t, "noisy"), 5*time.Second)
	require.Empty(t, r.LoadError)
	assert.ElementsMatch(t, []Message{
		{ContextWorker, "worker says no"},
		{ContextContent, "Uncaught ReferenceError: undefinedFunction is not defined"},
		{ContextPopup, "Uncaught (in promise) Error: popup rejects"},
		{ContextOptions, "Uncaught TypeError: late options error"},
	}, r.Errors)
}
