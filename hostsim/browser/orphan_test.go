package browser

import (
	"testing"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Conformance 24, 44 as Chromium 156 does them: a one-time message a content script is still
// waiting on when its extension reloads settles in the orphaned script — the worker that promised
// an answer is gone — in promise and callback form alike, while new API calls there throw
// "Extension context invalidated.".
func TestPendingMessageSettlesInOrphanedContentScript(t *testing.T) {
	e := newEnv(t, Options{})
	e.run(e.cs, `self.pending = chrome.runtime.sendMessage({mode: "never"}).then((v) => "resolved " + v, (e) => e.message);
		self.pendingCallback = new Promise((r) => chrome.runtime.sendMessage({mode: "never"},
			(...a) => r([a.length, chrome.runtime.lastError.message])));`)
	e.assertJSON(e.cs, `new Promise((r) => setTimeout(() => r(true), 50))`, `true`)
	require.NoError(t, e.ext.Reload())
	e.assertJSON(e.cs, `self.pending`, jsonOf(chromefacts.ErrAsyncResponseChannelClosed))
	e.assertJSON(e.cs, `self.pendingCallback`, jsonOf([]any{0, chromefacts.ErrAsyncResponseChannelClosed}))
	e.assertJSON(e.cs, `chrome.runtime.id === undefined`, `true`)
	je := e.evalErr(e.cs, `chrome.runtime.sendMessage({})`)
	assert.Equal(t, chromefacts.ErrContextInvalidated, je.Message)
}
