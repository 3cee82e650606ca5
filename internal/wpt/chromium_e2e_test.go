//go:build e2e

package wpt

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChromiumRunsFixture: the same fixture pages give the same results in Chromium as in
// hostsim (TestHostsimRunsFixture).
func TestChromiumRunsFixture(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := NewChromium(ctx, fixture)
	require.NoError(t, err)
	defer c.Close()

	r := c.Run(ctx, "a/pass-fail.html")
	require.True(t, r.Loaded, r.LoadError)
	assert.Equal(t, []Subtest{{Name: "adds", Status: 0}, {Name: "fails", Status: 1, Message: "assert_equals: expected nope got "}}, r.Tests)

	r = c.Run(ctx, "a/wrapped.any.html")
	require.True(t, r.Loaded, r.LoadError)
	assert.Equal(t, []Subtest{{Name: "helper ran first", Status: 0}, {Name: "title from META", Status: 0}}, r.Tests)

	hctx, hcancel := context.WithTimeout(ctx, 3*time.Second)
	defer hcancel()
	r = c.Run(hctx, "a/hang.html")
	assert.False(t, r.Loaded)
}
