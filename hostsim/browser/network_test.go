package browser

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/testweb"
)

// netEnv is a browser with an extension that may access granted.example and api.example.com,
// handlers on those hosts and on denied.example, and a tab on a served page.
func netEnv(t *testing.T) (*env, *[]string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "net", "version": "1.0",
			"background": {"service_worker": "sw.js"}, "options_page": "options.html",
			"content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["content.js"]}],
			"host_permissions": ["http://granted.example/*", "https://api.example.com/*"]}`,
		"sw.js":        `self.swLoaded = true;`,
		"content.js":   `self.csLoaded = 1;`,
		"options.html": `<!doctype html><title>options</title>`,
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	var seen []string
	mux := testweb.Handler()
	logged := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Method+" "+r.Host+r.URL.Path)
		mux.ServeHTTP(w, r)
	})
	for _, p := range []string{"http://granted.example/", "http://denied.example/", "https://api.example.com/"} {
		require.NoError(t, b.Handle(p, logged))
	}
	ext, err := b.Install(dir)
	require.NoError(t, err)
	b.ServePage(pageURL, Page{HTML: "<!doctype html><title>a</title>"})
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(ext)
	require.NotNil(t, cs)
	return &env{b: b, ext: ext, tab: tab, cs: cs, page: tab.Top().Page(), wk: ext.Worker(), ctx: t.Context(), t: t}, &seen
}

// describe reports a fetch's outcome as the e2e scenario network-fetch does.
const describe = `(async (p) => { try { const r = await p; const hs = []; r.headers.forEach((v, k) => { if (k !== "date") hs.push(k + ": " + v); });
	return {status: r.status, statusText: r.statusText, ok: r.ok, url: r.url, type: r.type, redirected: r.redirected, headers: hs, body: await r.text()}; }
	catch (e) { return {error: e.name + ": " + e.message}; } })`

func TestFetchRules(t *testing.T) {
	e, seen := netEnv(t)
	opts, err := e.ext.OpenOptionsPage()
	require.NoError(t, err)
	failed := `{"error": "TypeError: Failed to fetch"}`
	plain := `{"status":200,"statusText":"OK","ok":true,"url":"http://granted.example/plain","type":"basic","redirected":false,
		"headers":["content-length: 5","content-type: text/plain; charset=utf-8","x-test: yes"],"body":"hello"}`
	corsOK := func(host string) string {
		return `{"status":200,"statusText":"OK","ok":true,"url":"http://` + host + `/cors","type":"cors","redirected":false,
			"headers":["content-length: 10","content-type: text/plain; charset=utf-8"],"body":"hello cors"}`
	}
	tests := []struct {
		name, fetch string
		ext, doc    string // want in the worker and extension page; in the content script and page
	}{
		{"host permission exempts extension contexts from CORS", `fetch("http://granted.example/plain")`, plain, failed},
		{"CORS headers let every context read", `fetch("http://denied.example/cors")`, corsOK("denied.example"), corsOK("denied.example")},
		{"without host permission or CORS headers", `fetch("http://denied.example/plain")`, failed, failed},
		{"no-cors is opaque", `fetch("http://denied.example/plain", {mode: "no-cors"})`,
			`{"status":0,"statusText":"","ok":false,"url":"","type":"opaque","redirected":false,"headers":[],"body":""}`,
			`{"status":0,"statusText":"","ok":false,"url":"","type":"opaque","redirected":false,"headers":[],"body":""}`},
		{"redirects are followed", `fetch("http://granted.example/redirect")`,
			`{"status":200,"statusText":"OK","ok":true,"url":"http://granted.example/plain","type":"basic","redirected":true,
			"headers":["content-length: 5","content-type: text/plain; charset=utf-8","x-test: yes"],"body":"hello"}`, failed},
		{"manual redirect", `fetch("http://granted.example/redirect", {redirect: "manual"})`,
			`{"status":0,"statusText":"","ok":false,"url":"http://granted.example/redirect","type":"opaqueredirect","redirected":false,"headers":[],"body":""}`, failed},
		{"redirect error", `fetch("http://granted.example/redirect", {redirect: "error"})`, failed, failed},
		{"404 is a response", `fetch("http://granted.example/missing")`,
			`{"status":404,"statusText":"Not Found","ok":false,"url":"http://granted.example/missing","type":"basic","redirected":false,
			"headers":["content-length: 5","content-type: text/plain; charset=utf-8","x-content-type-options: nosniff"],"body":"nope\n"}`, failed},
		{"https", `fetch("https://api.example.com/plain")`,
			`{"status":200,"statusText":"OK","ok":true,"url":"https://api.example.com/plain","type":"basic","redirected":false,
			"headers":["content-length: 5","content-type: text/plain; charset=utf-8","x-test: yes"],"body":"hello"}`, failed},
		{"unknown host", `fetch("http://nowhere.invalid/")`, failed, failed},
		{"other schemes", `fetch("ftp://x/")`, failed, failed},
		{"aborted", `(() => { const ac = new AbortController(); const p = fetch("http://granted.example/plain", {signal: ac.signal}); ac.abort(); return p; })()`,
			`{"error": "AbortError: signal is aborted without reason"}`, `{"error": "AbortError: signal is aborted without reason"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []*Context{e.wk, opts.Context()} {
				assert.JSONEq(t, tt.ext, e.eval(c, describe+"("+tt.fetch+")"), c.Name())
			}
			for _, c := range []*Context{e.cs, e.page} {
				assert.JSONEq(t, tt.doc, e.eval(c, describe+"("+tt.fetch+")"), c.Name())
			}
		})
	}

	t.Run("requests carry the context's origin, method, headers and body", func(t *testing.T) {
		post := `fetch("http://denied.example/echo?cors=1", {method: "PUT", body: JSON.stringify({a: 1}), headers: {"Content-Type": "application/json", "X-Custom": "v"}}).then((r) => r.json())`
		*seen = nil
		e.assertJSON(e.wk, post, `{"method":"PUT","host":"denied.example","origin":"chrome-extension://`+e.ext.ID()+`","custom":"v","type":"application/json","body":"{\"a\":1}"}`)
		assert.Equal(t, []string{"OPTIONS denied.example/echo", "PUT denied.example/echo"}, *seen, "a preflight first")
		e.assertJSON(e.cs, post, `{"method":"PUT","host":"denied.example","origin":"http://127.0.0.1:8000","custom":"v","type":"application/json","body":"{\"a\":1}"}`)
		e.assertJSON(e.cs, describe+`(fetch("http://denied.example/echo", {method: "PUT", body: "x"}))`, failed)
		e.assertJSON(e.wk, `fetch("http://granted.example/echo", {method: "POST", body: "x"}).then((r) => r.json())`,
			`{"method":"POST","host":"granted.example","origin":"chrome-extension://`+e.ext.ID()+`","custom":"","type":"text/plain;charset=UTF-8","body":"x"}`)
	})

	t.Run("served pages are on the network", func(t *testing.T) {
		for _, c := range []*Context{e.wk, e.cs, e.page} {
			e.assertJSON(c, `fetch("`+pageURL+`").then(async (r) => [r.status, r.headers.get("content-type"), await r.text()])`,
				`[200, "text/html; charset=utf-8", "<!doctype html><title>a</title>"]`)
		}
		e.assertJSON(e.cs, `fetch("/index.html").then((r) => r.url)`, `"`+pageURL+`"`)
		e.assertJSON(e.page, `fetch("/nothing").then((r) => r.status)`, `404`)
	})
}

func TestXMLHttpRequest(t *testing.T) {
	e, _ := netEnv(t)
	opts, err := e.ext.OpenOptionsPage()
	require.NoError(t, err)
	xhr := func(u string) string {
		return `new Promise((res) => { const x = new XMLHttpRequest(); const ev = []; x.onreadystatechange = () => ev.push("rs" + x.readyState);
		x.onload = () => res({ev, status: x.status, statusText: x.statusText, text: x.responseText, url: x.responseURL, h: x.getResponseHeader("x-test"),
			all: x.getAllResponseHeaders().split("\r\n").filter((l) => !l.startsWith("date:"))});
		x.onerror = (e) => res({ev, error: e.type, status: x.status, rs: x.readyState, text: x.responseText});
		x.open("GET", "` + u + `"); x.setRequestHeader("X-A", "1"); x.send(); })`
	}
	failed := `{"ev":["rs1","rs4"],"error":"error","status":0,"rs":4,"text":""}`
	tests := []struct{ url, ext, doc string }{
		{"http://granted.example/plain", `{"ev":["rs1","rs2","rs3","rs4"],"status":200,"statusText":"OK","text":"hello","url":"http://granted.example/plain","h":"yes",
			"all":["content-length: 5","content-type: text/plain; charset=utf-8","x-test: yes",""]}`, failed},
		{"http://granted.example/redirect", `{"ev":["rs1","rs2","rs3","rs4"],"status":200,"statusText":"OK","text":"hello","url":"http://granted.example/plain","h":"yes",
			"all":["content-length: 5","content-type: text/plain; charset=utf-8","x-test: yes",""]}`, failed},
		{"http://nowhere.invalid/", failed, failed},
	}
	for _, tt := range tests {
		assert.JSONEq(t, tt.ext, e.eval(opts.Context(), xhr(tt.url)), tt.url)
		for _, c := range []*Context{e.cs, e.page} {
			assert.JSONEq(t, tt.doc, e.eval(c, xhr(tt.url)), tt.url+" "+c.Name())
		}
	}
	e.assertJSON(e.wk, `typeof XMLHttpRequest`, `"undefined"`)
	e.assertJSON(e.page, `(() => { const x = new XMLHttpRequest(); x.open("GET", "/index.html", false); x.send(); return [x.status, x.readyState, x.responseText]; })()`,
		`[200, 4, "<!doctype html><title>a</title>"]`)
}

func TestHandlePatterns(t *testing.T) {
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	defer b.Close()
	for _, bad := range []string{"api.example.com", "/api/", "ftp://x/", "https:///x", "https://x/?q=1"} {
		assert.Error(t, b.Handle(bad, http.NotFoundHandler()), bad)
	}
	assert.Error(t, b.Handle("https://x/", nil))
}

func TestTabsOpenHandledURLs(t *testing.T) {
	b, err := New(Options{Seed: 1})
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Handle("https://app.example.com/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><title>app</title><p id=p>%s</p>", r.URL.Path)
	})))
	tab, err := b.OpenTab("https://app.example.com/inbox")
	require.NoError(t, err)
	got, err := tab.Top().Page().Eval(t.Context(), `[document.title, document.getElementById("p").textContent, location.origin]`)
	require.NoError(t, err)
	assert.JSONEq(t, `["app", "/inbox", "https://app.example.com"]`, string(got))
}
