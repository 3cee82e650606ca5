package rss_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// TestMain builds the extension (Go to .wasm, wasm_exec.js and the glue beside them) so the tests
// always run the current code. The same tests run in hostsim by default and in Chromium with
// -extwasm.browser=chromium.
func TestMain(m *testing.M) {
	if err := extwasmtest.Build("."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(extwasmtest.Run(m))
}

const blog = `<!doctype html><html><head><title>A blog</title>
<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="/atom.xml">
<link rel="stylesheet" href="/style.css">
</head><body><p>Hello.</p></body></html>`

// TestRSSDetector: the Go content script finds the page's feeds and reports them; the Go worker
// keeps them in chrome.storage.session and pings the active tab through the Go tabs API; after the
// worker stops, the plain-JS popup gets the tab's feeds with extwasm.send.
func TestRSSDetector(t *testing.T) {
	b := extwasmtest.New(t)
	dir, err := filepath.Abs("extension")
	require.NoError(t, err)
	ext := extwasmtest.Install(t, b, dir)
	url := b.Serve("/blog.html", extwasmtest.Page{HTML: blog})
	tab := extwasmtest.OpenTab(t, b, url)

	ctx := t.Context()
	cs := tab.ContentScript(ext)
	require.NoError(t, extwasmtest.WaitFor(ctx, cs, "self.rssReported === 2", 30*time.Second))
	var tabID int
	require.NoError(t, extwasmtest.EvalInto(ctx, ext.Worker(),
		fmt.Sprintf(`chrome.tabs.query({}).then((ts) => ts.find((t) => t.url === %q).id)`, url), &tabID))

	// Worker → active tab: the worker finds the active tab with tabs.Query and sends it rss.ping.
	extwasmtest.EvalJSON(t, cs, `extwasm.send("rss.pingActive", {})`,
		fmt.Sprintf(`{"tabId":%d,"title":"A blog","feeds":2}`, tabID))

	// The worker stops; the feeds it kept are in chrome.storage.session, not in its memory.
	require.NoError(t, ext.StopWorker(ctx))

	popup := extwasmtest.OpenTab(t, b, ext.URL(fmt.Sprintf("popup.html?tab=%d", tabID)))
	require.NoError(t, extwasmtest.WaitFor(ctx, popup.Page(), "self.result", 30*time.Second))
	extwasmtest.EvalJSON(t, popup.Page(), "self.result",
		fmt.Sprintf(`{"tabId":%d,"feeds":[{"title":"Posts","url":"/feed.xml"},{"url":"/atom.xml"}]}`, tabID))
	extwasmtest.EvalJSON(t, popup.Page(), `document.getElementById("status").textContent`,
		fmt.Sprintf(`"2 feed(s) in tab %d"`, tabID))

	// A route the worker does not have: nobody answers, and the popup's client says so.
	extwasmtest.EvalJSON(t, popup.Page(), `extwasm.send("rss.nope", {}).then(() => "answered", (e) => e.code)`, `"no_receiver"`)
}

const rssFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Gopher news</title>
<item><title>One</title></item><item><title>Two</title></item></channel></rss>`

// TestWorkerFetchesFeed: the Go worker fetches a feed with net/http from a Go handler — in process
// in hostsim, over a local TLS server Chromium resolves feeds.example.com to — and reads it; the
// host permission spares it CORS headers. A 404 is a status, an unknown host the browser's
// "Failed to fetch".
func TestWorkerFetchesFeed(t *testing.T) {
	b := extwasmtest.New(t)
	dir, err := filepath.Abs("extension")
	require.NoError(t, err)
	ext := extwasmtest.Install(t, b, dir)
	require.NoError(t, b.Handle("https://feeds.example.com/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news.xml" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssFeed)
	})))
	tab := extwasmtest.OpenTab(t, b, b.Serve("/blog.html", extwasmtest.Page{HTML: blog}))
	cs := tab.ContentScript(ext)
	require.NoError(t, extwasmtest.WaitFor(t.Context(), cs, "self.rssReported === 2", 30*time.Second))

	tests := []struct{ url, want string }{
		{"https://feeds.example.com/news.xml", `{"status":200,"title":"Gopher news","items":2}`},
		{"https://feeds.example.com/old.xml", `{"status":404,"title":"","items":0}`},
	}
	for _, tt := range tests {
		extwasmtest.EvalJSON(t, cs, fmt.Sprintf(`extwasm.send("rss.fetch", {url: %q})`, tt.url), tt.want)
	}
	var msg string
	require.NoError(t, extwasmtest.EvalInto(t.Context(), cs,
		`extwasm.send("rss.fetch", {url: "https://nowhere.invalid/feed.xml"}).then(() => "answered", (e) => e.message)`, &msg))
	assert.Contains(t, msg, "Failed to fetch")
}
