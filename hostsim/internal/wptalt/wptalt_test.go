package wptalt

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/wpt"
)

func TestRunnerRunsThePageOnTheLibrary(t *testing.T) {
	r, err := New("testdata/wpt", "testdata/domino")
	require.NoError(t, err)
	assert.Equal(t, "goja+domino", r.Name())
	res, tm := r.RunTimed(context.Background(), "page.html")
	require.True(t, res.Loaded, res.LoadError)
	assert.Equal(t, []wpt.Subtest{{Name: "src,inline,last", Status: 0}, {Name: "window is the page's", Status: 0}}, res.Tests)
	assert.Positive(t, tm.Alloc)

	idle := r.Run(context.Background(), "idle.html")
	assert.False(t, idle.Loaded)
	assert.Contains(t, idle.LoadError, "the page went idle")

	missing := r.Run(context.Background(), "missing.html")
	assert.False(t, missing.Loaded)
	assert.Contains(t, missing.LoadError, "404")
}

func TestNewRefusesWhatItCannotRun(t *testing.T) {
	_, err := New("testdata/wpt", "testdata/unknown")
	assert.ErrorContains(t, err, `no adapter for "unknown"`)
	_, err = New("testdata/wpt", "testdata/nowhere/domino")
	assert.ErrorContains(t, err, "not a package folder")
}
