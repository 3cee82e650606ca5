package browser

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// R1: installing fires onInstalled {reason:"install"} in the worker it starts, and no onStartup.
func TestInstallFiresOnInstalled(t *testing.T) {
	e := lifecycleEnv(t)
	assert.True(t, e.ext.WorkerRunning())
	e.assertJSON(e.wk, `[self.installed, self.startups]`, `[[{"reason": "install"}], 0]`)
	e.assertJSON(e.wk, `chrome.runtime.OnInstalledReason`,
		`{"CHROME_UPDATE":"chrome_update","INSTALL":"install","SHARED_MODULE_UPDATE":"shared_module_update","UPDATE":"update"}`)
}

// R3, R4 and the POPUP shape measured beside them: getContexts lists the worker, extension pages
// in tabs and the popup, each with its own fields, and its filter narrows the list.
func TestGetContexts(t *testing.T) {
	e := lifecycleEnv(t)
	opts, err := e.ext.OpenOptionsPage()
	require.NoError(t, err)
	popup, err := e.ext.OpenPopup()
	require.NoError(t, err)
	var list []map[string]any
	require.NoError(t, e.wk.EvalInto(e.ctx, `chrome.runtime.getContexts({})`, &list))
	require.Len(t, list, 3)
	origin := "chrome-extension://" + e.ext.ID()
	keys := func(m map[string]any) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		return out
	}
	assert.ElementsMatch(t, []string{"contextId", "contextType", "frameId", "incognito", "tabId", "windowId"}, keys(list[0]))
	assert.Equal(t, "BACKGROUND", list[0]["contextType"])
	assert.EqualValues(t, -1, list[0]["frameId"])
	assert.Equal(t, "TAB", list[1]["contextType"])
	assert.Equal(t, origin, list[1]["documentOrigin"])
	assert.Equal(t, opts.URL(), list[1]["documentUrl"])
	assert.EqualValues(t, opts.Tab().ID(), list[1]["tabId"])
	assert.EqualValues(t, 0, list[1]["frameId"])
	assert.Equal(t, opts.Tab().Top().DocumentID(), list[1]["documentId"])
	assert.Equal(t, "POPUP", list[2]["contextType"])
	assert.Equal(t, popup.URL(), list[2]["documentUrl"])
	assert.EqualValues(t, -1, list[2]["tabId"])
	assert.EqualValues(t, -1, list[2]["windowId"])
	assert.EqualValues(t, 0, list[2]["frameId"])

	filters := []struct{ filter, want string }{
		{`{contextTypes: ["TAB", "POPUP"]}`, `["TAB", "POPUP"]`},
		{`{tabIds: [-1]}`, `["BACKGROUND", "POPUP"]`},
		{`{documentUrls: ["` + popup.URL() + `"]}`, `["POPUP"]`},
		{`{frameIds: [0], windowIds: [-1]}`, `["POPUP"]`},
		{`{contextTypes: []}`, `[]`},
		{`{incognito: true}`, `[]`},
	}
	for _, f := range filters {
		e.assertJSON(popup.Context(), `chrome.runtime.getContexts(`+f.filter+`).then((l) => l.map((c) => c.contextType))`, f.want)
	}
	const sig = "Error in invocation of runtime.getContexts(runtime.ContextFilter filter, optional function callback): "
	throws := []struct{ call, want string }{
		{`chrome.runtime.getContexts()`, sig + "No matching signature."},
		{`chrome.runtime.getContexts({contextTypes: ["X"]})`, sig + "Error at parameter 'filter': Error at property 'contextTypes': Error at index 0: Value must be one of BACKGROUND, DEVELOPER_TOOLS, OFFSCREEN_DOCUMENT, POPUP, SIDE_PANEL, TAB."},
		{`chrome.runtime.getContexts({foo: 1})`, sig + "Error at parameter 'filter': Unexpected property: 'foo'."},
		{`chrome.runtime.getContexts({contextIds: 5})`, sig + "Error at parameter 'filter': Error at property 'contextIds': Invalid type: expected array, found integer."},
	}
	for _, tc := range throws {
		je := e.evalErr(e.wk, tc.call)
		assert.Equal(t, "TypeError", je.Name)
		assert.Equal(t, tc.want, je.Message)
	}
}

// Measured in Chromium 156: openOptionsPage opens the page in a tab, and a second call reuses it.
func TestOpenOptionsPage(t *testing.T) {
	e := lifecycleEnv(t)
	e.assertJSON(e.wk, `chrome.runtime.openOptionsPage().then((v) => v === undefined)`, `true`)
	e.assertJSON(e.wk, `chrome.runtime.openOptionsPage().then(() => chrome.runtime.getContexts({contextTypes: ["TAB"]}))
		.then((l) => l.map((c) => c.documentUrl))`, jsonOf([]string{e.ext.URL("options.html")}))
	page, err := e.ext.OpenOptionsPage()
	require.NoError(t, err)
	e.assertJSON(page.Context(), `self.page`, `"/options.html"`)
}

// An extension without an options page: the API rejects and the Go call fails, with Chrome's text.
func TestOpenOptionsPageWithoutOne(t *testing.T) {
	e := newEnv(t, Options{})
	e.assertJSON(e.wk, `chrome.runtime.openOptionsPage().catch((err) => err.message)`, `"Could not create an options page."`)
	_, err := e.ext.OpenOptionsPage()
	require.EqualError(t, err, "Could not create an options page.")
	_, err = e.ext.OpenPopup()
	require.Error(t, err)
}

// Measured in Chromium 156: a popup's messages carry only id, url and origin; closing the popup
// ends its context and disconnects its ports on the other side.
func TestPopupSenderAndClose(t *testing.T) {
	e := lifecycleEnv(t)
	popup, err := e.ext.OpenPopup()
	require.NoError(t, err)
	assert.Nil(t, popup.Tab())
	var sender map[string]any
	require.NoError(t, popup.EvalInto(e.ctx, `chrome.runtime.sendMessage("sender")`, &sender))
	assert.Equal(t, map[string]any{"id": e.ext.ID(), "url": popup.URL(), "origin": "chrome-extension://" + e.ext.ID()}, sender)
	_, err = popup.Eval(e.ctx, `(self.port = chrome.runtime.connect({name: "p"}), true)`)
	require.NoError(t, err)
	require.NoError(t, e.b.Settle())
	e.assertJSON(e.wk, `[self.ports, self.disconnects]`, `[1, null]`)
	ctx := popup.Context()
	require.NoError(t, popup.Close())
	assert.False(t, ctx.Alive())
	e.assertJSON(e.wk, `[self.ports, self.disconnects]`, `[1, 1]`)
	e.assertJSON(e.wk, `chrome.runtime.getContexts({contextTypes: ["POPUP"]})`, `[]`)
}

// Namespaces granted by the manifest but not modelled have Chrome's members from its schema:
// calling a function throws a clear error, an event takes listeners that never fire (with a
// console warning), enums hold Chrome's values. Ungranted namespaces are undefined, as in Chrome.
func TestNotSimulatedNamespaces(t *testing.T) {
	e := lifecycleEnv(t)
	var types map[string]string
	require.NoError(t, e.wk.EvalInto(e.ctx, `({cookies: typeof chrome.cookies, scripting: typeof chrome.scripting,
		alarms: typeof chrome.alarms.create, i18n: typeof chrome.i18n, getAll: typeof chrome.cookies.getAll,
		onSuspend: typeof chrome.runtime.onSuspend.addListener})`, &types))
	assert.Equal(t, map[string]string{"cookies": "object", "scripting": "undefined", "alarms": "function", "i18n": "object",
		"getAll": "function", "onSuspend": "function"}, types)
	cases := map[string]string{
		`chrome.cookies.getPartitionKey({})`: "hostsim: chrome.cookies.getPartitionKey is not simulated",
		`chrome.management.getSelf()`:        "hostsim: chrome.management.getSelf is not simulated",
		`chrome.runtime.reload()`:            "hostsim: chrome.runtime.reload is not simulated",
		`chrome.i18n.detectLanguage("x")`:    "hostsim: chrome.i18n.detectLanguage is not simulated",
	}
	for expr, want := range cases {
		je := e.evalErr(e.wk, expr)
		assert.Equal(t, want, je.Message, expr)
	}
	e.assertJSON(e.wk, `chrome.cookies.SameSiteStatus`, `{"NO_RESTRICTION":"no_restriction","LAX":"lax","STRICT":"strict","UNSPECIFIED":"unspecified"}`)
	e.assertJSON(e.wk, `(chrome.runtime.onSuspend.addListener(() => {}), chrome.runtime.onSuspend.hasListeners())`, `true`)
	logs := e.wk.Console()
	var warned bool
	for _, l := range logs {
		warned = warned || strings.Contains(l.Text, "chrome.runtime.onSuspend is not simulated: its listeners never fire")
	}
	assert.True(t, warned, "a listener on a stand-in event is reported once: %v", logs)
}

// Web platform globals hostsim lacks throw a clear error instead of reading undefined; those it
// has are untouched.
func TestNotSimulatedGlobals(t *testing.T) {
	e := newEnv(t, Options{})
	for _, c := range []*Context{e.cs, e.page} {
		je := e.evalErr(c, `new WebSocket("ws://127.0.0.1/")`)
		assert.Equal(t, "hostsim: WebSocket is not simulated", je.Message, c.Name())
		je = e.evalErr(c, `indexedDB.open("db")`)
		assert.Equal(t, "hostsim: indexedDB is not simulated", je.Message, c.Name())
	}
	je := e.evalErr(e.wk, `indexedDB.open("db")`)
	assert.Equal(t, "hostsim: indexedDB is not simulated", je.Message)
	e.assertJSON(e.wk, `[typeof fetch, typeof XMLHttpRequest, typeof localStorage]`, `["function", "undefined", "undefined"]`)
}
