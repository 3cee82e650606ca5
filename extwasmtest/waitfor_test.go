package extwasmtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

func TestWaitForReportsWhyTheConditionNeverHeld(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, fixture(t))
	tab := extwasmtest.OpenTab(t, b, b.Serve("/wait.html", extwasmtest.Page{HTML: "<p>wait</p>"}))
	cs := tab.ContentScript(ext)
	require.NoError(t, extwasmtest.WaitFor(ctx(t), cs, "self.csLoaded >= 1", 10*time.Second))

	for _, r := range []extwasmtest.Realm{cs, ext.Worker()} {
		t.Run(kind(r), func(t *testing.T) {
			err := extwasmtest.WaitFor(ctx(t), r, `(() => { throw new RangeError("not ready: " + self.nothingHere); })()`, 200*time.Millisecond)
			require.Error(t, err)
			assert.ErrorContains(t, err, "timed out after 200ms; the condition last threw ")
			var thrown *extwasmtest.JSError
			require.ErrorAs(t, err, &thrown)
			assert.Equal(t, "RangeError", thrown.Name)
			assert.Equal(t, "not ready: undefined", thrown.Message)

			err = extwasmtest.WaitFor(ctx(t), r, `self.nothingHere === 1`, 200*time.Millisecond)
			assert.ErrorContains(t, err, "timed out after 200ms: the condition stayed false")
			assert.NotErrorAs(t, err, &thrown)
		})
	}
}

// A worker does not idle out while WaitFor polls in it, past Chrome's 30 s idle timeout: an
// evaluation keeps it alive in Chromium (measured: 40 s), and hostsim models that.
func TestWaitForKeepsTheWorkerAlive(t *testing.T) {
	b := extwasmtest.New(t)
	ext := extwasmtest.Install(t, b, fixture(t))
	w := ext.Worker()
	extwasmtest.EvalJSON(t, w, `(self.since = Date.now(), "marked")`, `"marked"`)
	require.NoError(t, extwasmtest.WaitFor(ctx(t), w, `Date.now() > self.since + 40000`, 60*time.Second))
	extwasmtest.EvalJSON(t, w, `typeof self.since`, `"number"`) // the same run of the worker
}

// An evaluation that a stop cuts short says so. Only Chromium can stop the worker while an
// evaluation runs: hostsim runs the browser inside the evaluation, one goroutine at a time.
func TestAnEvaluationCutShortByStopWorkerSaysSo(t *testing.T) {
	b := extwasmtest.New(t)
	if b.Kind() != extwasmtest.Chromium {
		t.Skip("hostsim cannot stop the worker during an evaluation")
	}
	ext := extwasmtest.Install(t, b, fixture(t))
	w := ext.Worker()
	done := make(chan error, 1)
	go func() {
		_, err := w.Eval(context.Background(), `(self.evaluating = true, new Promise(() => {}))`)
		done <- err
	}()
	require.NoError(t, extwasmtest.WaitFor(ctx(t), w, `self.evaluating === true`, 10*time.Second))
	require.NoError(t, ext.StopWorker(ctx(t)))
	select {
	case err := <-done:
		assert.ErrorContains(t, err, "stopped during the evaluation (StopWorker)")
	case <-ctx(t).Done():
		t.Fatal("the evaluation did not end when the worker stopped")
	}
}
