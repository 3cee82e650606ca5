package browser

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// manifestEnv is the probe extension with manifest keys added (JSON members ending in a comma) and,
// unless empty, sw.js replaced, installed with a tab open at pageURL.
func manifestEnv(t *testing.T, keys, worker string) *env {
	t.Helper()
	dir := copyFixture(t, "testdata/probe", map[string]string{`"version": "1.0",`: `"version": "1.0", ` + keys})
	if worker != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "sw.js"), []byte(worker), 0o644))
	}
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install(dir)
	require.NoError(t, err)
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	return &env{b: b, ext: ext, tab: tab, wk: ext.Worker(), ctx: t.Context(), t: t}
}

// TestClickAction: a click on the toolbar button fires action.onClicked with the tab when the
// action has no popup for it, opens the popup when it has one (action.setPopup per tab), and does
// nothing while the action is disabled for the tab. Chromium's side of the state is the shared
// scenario action-state; Chromium has no DevTools command that clicks the button.
func TestClickAction(t *testing.T) {
	e := manifestEnv(t, `"action": {"default_title": "Probe"},`, "")
	ext, tab := e.ext, e.tab
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

// TestPressCommand: a command's shortcut fires commands.onCommand with the name and the tab, also
// into a stopped worker that listens at its top level; _execute_action clicks the action; a name
// the manifest does not declare is an error. (The shared scenario web-globals checks
// commands.getAll against Chromium, which cannot press a shortcut.)
func TestPressCommand(t *testing.T) {
	e := manifestEnv(t, `"action": {}, "commands": {"do-thing": {"suggested_key": {"default": "Ctrl+Shift+Y"}, "description": "Do the thing"}},`,
		`self.commands = [];
		chrome.commands.onCommand.addListener((name, tab) => self.commands.push([name, tab.id]));
		chrome.action.onClicked.addListener((tab) => self.commands.push(["clicked", tab.id]));`)
	ext, tab := e.ext, e.tab

	_, err := ext.PressCommand("do-thing", tab)
	require.NoError(t, err)
	e.assertJSON(ext.Worker(), `self.commands`, jsonOf([][]any{{"do-thing", tab.ID()}}))

	require.NoError(t, ext.StopWorker())
	_, err = ext.PressCommand("_execute_action", tab)
	require.NoError(t, err)
	e.assertJSON(ext.Worker(), `self.commands`, jsonOf([][]any{{"clicked", tab.ID()}})) // the click woke the worker

	_, err = ext.PressCommand("nope", tab)
	require.ErrorContains(t, err, `has no command "nope" in its manifest`)
}

// TestClickMenuItem: a click on a context-menu item fires contextMenus.onClicked with OnClickData
// and the tab, also into a stopped worker listening at its top level; a checkbox toggles; items
// not offered on a page, disabled or missing cannot be clicked. (The shared scenario context-menus
// checks the API against Chromium, which cannot click a menu item.)
func TestClickMenuItem(t *testing.T) {
	e := manifestEnv(t, `"permissions": ["contextMenus"],`, `self.clicks = [];
		chrome.contextMenus.onClicked.addListener((info, tab) => self.clicks.push([info, tab.id]));`)
	ext, tab := e.ext, e.tab
	e.assertJSON(ext.Worker(), `(chrome.contextMenus.create({id: "note", title: "Add note", contexts: ["page", "selection"]}),
		chrome.contextMenus.create({id: "pin", parentId: "note", title: "Pinned", type: "checkbox"}),
		chrome.contextMenus.create({id: "img", title: "Image only", contexts: ["image"]}),
		chrome.contextMenus.create({title: "Off", enabled: false}))`, `4`)

	require.NoError(t, ext.ClickMenuItem("note", tab))
	e.assertJSON(ext.Worker(), `self.clicks`, jsonOf([][]any{
		{map[string]any{"editable": false, "frameId": 0, "menuItemId": "note", "pageUrl": pageURL}, tab.ID()},
	}))
	require.NoError(t, ext.StopWorker())
	require.NoError(t, ext.ClickMenuItem("pin", tab))
	e.assertJSON(ext.Worker(), `self.clicks`, jsonOf([][]any{
		{map[string]any{"checked": true, "editable": false, "frameId": 0, "menuItemId": "pin", "pageUrl": pageURL, "parentMenuItemId": "note", "wasChecked": false}, tab.ID()},
	})) // the stopped worker woke for the click

	require.ErrorContains(t, ext.ClickMenuItem("img", tab), "not offered on a page")
	require.ErrorContains(t, ext.ClickMenuItem("4", tab), "hidden or disabled")
	require.ErrorContains(t, ext.ClickMenuItem("nope", tab), `has no context-menu item "nope"`)
}
