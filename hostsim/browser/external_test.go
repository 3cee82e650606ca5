package browser

import (
	"context"
	"testing"

	"github.com/extwasm/extwasm/internal/chromefacts"
	"github.com/stretchr/testify/require"
)

// unlistedID is a well-formed id of no installed extension.
const unlistedID = "abcdefghijklmnopabcdefghijklmnop"

// externalEnv has a calling extension with a content script in the tab, and receivers with each
// kind of externally_connectable.
type externalEnv struct {
	*env
	caller *Extension
	to     map[string]*Extension // by fixture variant
}

func newExternalEnv(t *testing.T) *externalEnv {
	t.Helper()
	b, err := New(Options{})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	caller, err := b.Install("testdata/external/caller")
	require.NoError(t, err)
	dirs := map[string]string{
		"open":  "testdata/external/open",
		"any":   "testdata/external/any",
		"pages": "testdata/external/pages",
		// The listed id is the caller's, which depends on where the tree is checked out.
		"listed":   copyFixture(t, "testdata/external/ids", map[string]string{"CALLER_ID": caller.ID()}),
		"unlisted": copyFixture(t, "testdata/external/ids", map[string]string{"CALLER_ID": unlistedID}),
	}
	x := &externalEnv{caller: caller, to: map[string]*Extension{}}
	for _, name := range []string{"open", "any", "pages", "listed", "unlisted"} {
		ext, err := b.Install(dirs[name])
		require.NoError(t, err)
		x.to[name] = ext
	}
	// Extensions must be installed before the page loads: that is when it gets chrome.runtime.
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(caller)
	require.NotNil(t, cs)
	x.env = &env{b: b, ext: caller, tab: tab, cs: cs, page: tab.Top().Page(), wk: caller.Worker(), ctx: context.Background(), t: t}
	return x
}

const refused = `"Could not establish connection. Receiving end does not exist."`

// Conformance 68, 71–73, 78–80: who may message whom, and the sender each receiver sees.
func TestExternalSendMessage(t *testing.T) {
	x := newExternalEnv(t)
	workerSender := func(to string) string {
		return `{"to":"` + x.to[to].ID() + `","got":{"v":1},"sender":{"keys":["id","url"],"id":"` + x.caller.ID() +
			`","url":"` + x.caller.URL("sw.js") + `"}}`
	}
	frameKeys := `"documentId","documentLifecycle","frameId"`
	csSender := `{"to":"` + x.to["open"].ID() + `","got":{"v":1},"sender":{"keys":[` + frameKeys + `,"id","origin","tab","url"],"id":"` +
		x.caller.ID() + `","url":"` + pageURL + `","origin":"http://127.0.0.1:8000"}}`
	pageSender := `{"to":"` + x.to["pages"].ID() + `","got":{"v":1},"sender":{"keys":[` + frameKeys + `,"origin","tab","tlsChannelId","url"],"url":"` +
		pageURL + `","origin":"http://127.0.0.1:8000","tlsChannelId":""}}`
	cases := []struct {
		name, from, to, want string
	}{
		{"absent key admits extensions", "worker", "open", workerSender("open")},
		{"ids * admits every extension", "worker", "any", workerSender("any")},
		{"listed id admits the caller", "worker", "listed", workerSender("listed")},
		{"unlisted caller is refused", "worker", "unlisted", refused},
		{"matches only: extensions refused", "worker", "pages", refused},
		{"content script arrives as external", "content", "open", csSender},
		{"content script checked against ids", "content", "unlisted", refused},
		{"matching page admitted", "page", "pages", pageSender},
		{"absent key refuses pages", "page", "open", refused},
		{"ids * refuses pages", "page", "any", refused},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := map[string]*Context{"worker": x.wk, "content": x.cs, "page": x.page}[tc.from]
			x.assertJSON(c, `chrome.runtime.sendMessage("`+x.to[tc.to].ID()+`", {v: 1}).catch((e) => e.message)`, tc.want)
		})
	}
	// A refusal looks the same in the callback form.
	x.assertJSON(x.page, callbackForm(`chrome.runtime.sendMessage("`+x.to["open"].ID()+`", {}`),
		`{"args":0,"lastError":"Could not establish connection. Receiving end does not exist."}`)
}

// Conformance 68, 71, 79: ports to other extensions arrive on onConnectExternal; refusals
// disconnect the opener with the same error.
func TestExternalConnect(t *testing.T) {
	x := newExternalEnv(t)
	port := func(to string) string {
		return `new Promise((resolve) => {
			const p = chrome.runtime.connect("` + x.to[to].ID() + `", {name: "ext"});
			p.onMessage.addListener((m) => { p.disconnect(); resolve({name: p.name, reply: m}); });
			p.onDisconnect.addListener(() => resolve({name: p.name, error: chrome.runtime.lastError ? chrome.runtime.lastError.message : null}));
			p.postMessage({v: 2});
		})`
	}
	x.assertJSON(x.wk, port("listed"), `{"name":"ext","reply":{"to":"`+x.to["listed"].ID()+`","got":{"v":2},"sender":{"keys":["id","url"],"id":"`+
		x.caller.ID()+`","url":"`+x.caller.URL("sw.js")+`"}}}`)
	x.assertJSON(x.page, port("pages"), `{"name":"ext","reply":{"to":"`+x.to["pages"].ID()+`","got":{"v":2},"sender":{"keys":["documentId","documentLifecycle","frameId","origin","tab","tlsChannelId","url"],"url":"`+
		pageURL+`","origin":"http://127.0.0.1:8000","tlsChannelId":""}}}`)
	x.assertJSON(x.wk, port("unlisted"), `{"name":"ext","error":`+refused+`}`)
	x.assertJSON(x.page, port("open"), `{"name":"ext","error":`+refused+`}`)
}

// Conformance 6, 79: a page allowed by some extension gets only sendMessage and connect, which
// need an id; a page no extension lists gets no chrome.runtime at all.
func TestExternalPageAPI(t *testing.T) {
	x := newExternalEnv(t)
	x.assertJSON(x.page, `[typeof chrome.runtime.sendMessage, typeof chrome.runtime.connect, typeof chrome.runtime.onMessage, typeof chrome.runtime.getURL]`,
		`["function","function","undefined","undefined"]`)
	je := x.evalErr(x.page, `(() => { chrome.runtime.sendMessage({v: 1}); return "no throw"; })()`)
	require.Equal(t, sigRuntime+"chrome.runtime.sendMessage() called from a webpage must specify an Extension ID (string) for its first argument.", je.Message)
	other, err := x.b.OpenTab("https://example.org/")
	require.NoError(t, err)
	x.assertJSON(other.Top().Page(), `typeof chrome === "object" && typeof chrome.runtime`, `"undefined"`)
	// Ids are derived from the folder exactly as Chrome does for unpacked extensions.
	require.Equal(t, chromefacts.UnpackedExtensionID(x.caller.e.Dir()), x.caller.ID())
}
