//go:build e2e

package e2e

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// TestLoadMethods launches a browser of its own per load method, forced, with the example extension
// and checks that its Go worker runs under the id ExtensionID predicts. Through the protocol (the
// only way branded Chrome 137+ loads unpacked extensions) the extension is then reloaded from disk:
// a new run of the worker, the same id.
func TestLoadMethods(t *testing.T) {
	requireExample(t)
	for _, tc := range []struct {
		method chromium.LoadMethod
		log    string
	}{
		{chromium.LoadProtocol, "through DevTools' Extensions.loadUnpacked"},
		{chromium.LoadFlag, "with --load-extension\n"},
	} {
		t.Run(tc.method.String(), func(t *testing.T) {
			ctx := testCtx(t)
			var log bytes.Buffer
			b, err := chromium.Launch(ctx, chromium.Options{Extensions: []string{exampleDir}, Load: tc.method, Log: &log})
			require.NoError(t, err)
			t.Cleanup(func() { b.Close() })
			assert.Equal(t, tc.method, b.LoadedBy())
			assert.Contains(t, log.String(), tc.log)

			w, err := b.WaitNewWorker(ctx, exampleID, "")
			require.NoError(t, err, "browser output:\n%s", tail(b.Output(), 4000))
			var id string
			require.NoError(t, chromium.EvalInto(ctx, w, `chrome.runtime.id`, &id))
			assert.Equal(t, exampleID, id)
			first := w.TargetID
			w.Close()

			w, err = b.ReloadExtension(ctx, exampleDir, true)
			if tc.method == chromium.LoadFlag {
				require.ErrorIs(t, err, chromium.ErrFlagLoaded)
				return
			}
			require.NoError(t, err)
			defer w.Close()
			assert.NotEqual(t, first, w.TargetID, "the reload runs a new worker")
			require.NoError(t, chromium.EvalInto(ctx, w, `chrome.runtime.id`, &id))
			assert.Equal(t, exampleID, id, "the reload keeps the id")
		})
	}
}
