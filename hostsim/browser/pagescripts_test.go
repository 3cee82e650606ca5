package browser

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPageSrcScripts: a module script runs after parsing, its import a module instance of its own
// (a classic script of the same URL is not one); a script refused by nosniff or by the CSP fires
// error; a served page's URL serves a script; the rest of the page runs on.
func TestPageSrcScripts(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Handle("http://127.0.0.1:8000/js/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, `log("plain ran")`)
	})))
	b.ServePage("http://127.0.0.1:8000/lib.js", Page{HTML: `log("lib ran")`})
	b.ServePage("http://127.0.0.1:8000/m.html", Page{CSP: "script-src 'self' 'unsafe-inline' https://*.example.com:*/lib/",
		HTML: `<!doctype html><script>window.order = []; window.log = (s) => order.push(s);
		document.addEventListener("error", (e) => log("error " + e.target.id), true);</script>
		<script type="module">import "/lib.js"; log("module ran");</script>
		<script id="plain" src="/js/p.js"></script>
		<script id="lib" src="/lib.js"></script>
		<script id="cdn" src="https://a.example.com:444/lib/x.js"></script>
		<script id="elsewhere" src="https://elsewhere.test/x.js"></script>
		<script>log("end")</script>`})
	tab, err := b.OpenTab("http://127.0.0.1:8000/m.html")
	require.NoError(t, err)
	page := tab.Top().Page()
	assert.JSONEq(t, `["error plain", "lib ran", "error cdn", "error elsewhere", "end", "lib ran", "module ran"]`, evalJSON(t, page, `order`))
	console := page.ConsoleText()
	assert.Contains(t, console, "Refused to execute script from 'http://127.0.0.1:8000/js/p.js' because its MIME type ('text/plain') is not executable")
	assert.Contains(t, console, "Failed to load resource: net::ERR_NAME_NOT_RESOLVED https://a.example.com:444/lib/x.js")
	assert.Contains(t, console, `Refused to load the script 'https://elsewhere.test/x.js' because it violates the following Content Security Policy directive: "script-src 'self' 'unsafe-inline' https://*.example.com:*/lib/".`)
}
