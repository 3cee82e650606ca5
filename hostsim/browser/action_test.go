package browser

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestClickAction: a click on the toolbar button fires action.onClicked with the tab when the
// action has no popup for it, opens the popup when it has one (action.setPopup per tab), and does
// nothing while the action is disabled for the tab. Chromium's side of the state is the shared
// scenario action-state; Chromium has no DevTools command that clicks the button.
func TestClickAction(t *testing.T) {
	dir := copyFixture(t, "testdata/probe", map[string]string{`"version": "1.0",`: `"version": "1.0", "action": {"default_title": "Probe"},`})
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	e := &env{b: b, ext: ext, tab: tab, wk: ext.Worker(), ctx: t.Context(), t: t}
	e.assertJSON(e.wk, `(self.clicks = [], chrome.action.onClicked.addListener((t) => self.clicks.push(t.id)), chrome.action.getTitle({}))`, `"Probe"`)

	page, err := ext.ClickAction(tab)
	require.NoError(t, err)
	require.Nil(t, page, "no popup: the click is an event")
	e.assertJSON(e.wk, `self.clicks`, jsonOf([]int{tab.ID()}))

	e.assertJSON(e.wk, `chrome.action.setPopup({popup: "page.html", tabId: `+jsonOf(tab.ID())+`}).then(() => true)`, `true`)
	page, err = ext.ClickAction(tab)
	require.NoError(t, err)
	require.NotNil(t, page, "the tab's popup opens")
	e.assertJSON(page.Context(), `location.pathname`, `"/page.html"`)
	e.assertJSON(e.wk, `self.clicks.length`, `1`)

	e.assertJSON(e.wk, `chrome.action.disable(`+jsonOf(tab.ID())+`).then(() => chrome.action.setPopup({popup: "", tabId: `+jsonOf(tab.ID())+`})).then(() => true)`, `true`)
	page, err = ext.ClickAction(tab)
	require.NoError(t, err)
	require.Nil(t, page)
	e.assertJSON(e.wk, `self.clicks.length`, `1`)

	e.assertJSON(e.wk, `chrome.action.enable(`+jsonOf(tab.ID())+`).then(() => true)`, `true`)
	_, err = ext.ClickAction(tab)
	require.NoError(t, err)
	e.assertJSON(e.wk, `self.clicks.length`, `2`)
}
