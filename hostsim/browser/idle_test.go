package browser

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// SetIdleState is the test's control of chrome.idle: queryState answers it, onStateChanged fires
// on a change only, and wakes a stopped worker that listens for it.
func TestSetIdleState(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	ext, err := b.Install("testdata/idleext")
	require.NoError(t, err)
	ctx := context.Background()
	wk := ext.Worker()

	got, err := wk.Eval(ctx, `chrome.idle.queryState(60)`)
	require.NoError(t, err)
	assert.JSONEq(t, `"active"`, string(got), "headless Chromium's state")

	require.NoError(t, b.SetIdleState("idle"))
	require.NoError(t, b.SetIdleState("idle"), "no change, no event")
	require.NoError(t, ext.StopWorker())
	require.NoError(t, b.SetIdleState("locked"))
	assert.True(t, ext.WorkerRunning(), "the event woke the worker")
	got, err = wk.Eval(ctx, `self.states`)
	require.NoError(t, err)
	assert.JSONEq(t, `["locked"]`, string(got), "the restarted worker saw the event that woke it")
	got, err = wk.Eval(ctx, `chrome.idle.queryState(15)`)
	require.NoError(t, err)
	assert.JSONEq(t, `"locked"`, string(got))

	assert.ErrorContains(t, b.SetIdleState("asleep"), `idle state "asleep" is not one of`)
}

// The bookmark tree is the profile's: one extension's bookmark fires onCreated in every extension
// that has the permission.
func TestBookmarksAreTheProfiles(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	one, err := b.Install("testdata/idleext")
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS("testdata/idleext")))
	two, err := b.Install(dir)
	require.NoError(t, err)
	ctx := context.Background()
	_, err = one.Worker().Eval(ctx, `chrome.bookmarks.create({title: "from one", url: "https://one.example/"})`)
	require.NoError(t, err)
	got, err := two.Worker().Eval(ctx, `(async () => [self.created, (await chrome.bookmarks.search("one")).map((n) => n.title)])()`)
	require.NoError(t, err)
	assert.JSONEq(t, `[["from one"], ["from one"]]`, string(got))
}
