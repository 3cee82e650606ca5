package browser

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sidePanelKeys are the manifest keys of a probe extension with a side panel.
const sidePanelKeys = `"permissions": ["sidePanel"], "side_panel": {"default_path": "page.html"}, "action": {"default_popup": "page.html"},`

// TestSidePanelOpensOnActionClick: with openPanelOnActionClick a click on the action opens the
// side panel instead of the popup, and onOpened fires; without it the popup opens. Headless
// Chromium cannot click the action, so the shared scenario side-panel cannot check this.
func TestSidePanelOpensOnActionClick(t *testing.T) {
	e := manifestEnv(t, sidePanelKeys, `self.events = [];
chrome.sidePanel.onOpened.addListener((i) => self.events.push(["opened", i.path]));
chrome.sidePanel.onClosed.addListener((i) => self.events.push(["closed", i.path]));`)
	page, err := e.ext.ClickAction(e.tab)
	require.NoError(t, err)
	require.NotNil(t, page)
	e.assertJSON(page.Context(), `chrome.runtime.getContexts({contextTypes: ["POPUP"]}).then((cs) => cs.length)`, `1`)
	assert.Empty(t, e.ext.SidePanels())

	e.assertJSON(e.wk, `chrome.sidePanel.setPanelBehavior({openPanelOnActionClick: true}).then(() => true)`, `true`)
	page, err = e.ext.ClickAction(e.tab)
	require.NoError(t, err)
	require.NotNil(t, page)
	require.Len(t, e.ext.SidePanels(), 1)
	e.assertJSON(page.Context(), `chrome.runtime.getContexts({contextTypes: ["SIDE_PANEL"]}).then((cs) => cs.map((c) => [c.tabId, c.windowId]))`, `[[-1, -1]]`)
	e.assertJSON(e.wk, `self.events`, `[["opened", "/page.html"]]`)

	e.assertJSON(e.wk, `chrome.windows.getCurrent().then((w) => chrome.sidePanel.close({windowId: w.id})).then(() => self.events)`,
		`[["opened", "/page.html"], ["closed", "/page.html"]]`)
	assert.Empty(t, e.ext.SidePanels())
}

// TestSidePanelGestureLasts: a page's user gesture lets sidePanel.open succeed for 5 s of the
// browser's clock after it (Chrome's transient user activation), not from the worker, and not
// after; Chromium's side is the scenario side-panel.
func TestSidePanelGestureLasts(t *testing.T) {
	e := manifestEnv(t, sidePanelKeys, "")
	page, err := e.b.OpenTab(e.ext.URL("page.html"))
	require.NoError(t, err)
	open := `chrome.windows.getCurrent().then((w) => chrome.sidePanel.open({windowId: w.id})).then(() => "ok", (err) => err.message)`
	const refused = `"` + "`sidePanel.open()` may only be called in response to a user gesture." + `"`

	e.assertJSON(page.Top().Page(), open, refused)
	got, err := page.Top().Page().EvalWithGesture(e.ctx, open)
	require.NoError(t, err)
	assert.JSONEq(t, `"ok"`, string(got))
	e.assertJSON(e.wk, open, refused)

	require.NoError(t, e.b.Advance(4*time.Second))
	e.assertJSON(page.Top().Page(), open, `"ok"`)
	require.NoError(t, e.b.Advance(2*time.Second))
	e.assertJSON(page.Top().Page(), open, refused)

	_, err = e.wk.EvalWithGesture(e.ctx, `1`)
	assert.ErrorContains(t, err, "a user gesture needs a frame")
}

// TestSidePanelNeedsPermission: without the sidePanel permission chrome.sidePanel is undefined,
// and content scripts never have it.
func TestSidePanelNeedsPermission(t *testing.T) {
	e := manifestEnv(t, `"side_panel": {"default_path": "page.html"},`, "")
	e.assertJSON(e.wk, `typeof chrome.sidePanel`, `"undefined"`)
	e = manifestEnv(t, sidePanelKeys, "")
	e.assertJSON(e.wk, `typeof chrome.sidePanel`, `"object"`)
	e.assertJSON(e.tab.Top().ContentScript(e.ext), `typeof chrome.sidePanel`, `"undefined"`)
}
