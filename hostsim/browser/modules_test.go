package browser

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A web page's module scripts load their imports from the network, share one instance per URL,
// and a module that fails to link runs nothing and reports why.
func TestWebPageModules(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	files := map[string]string{
		"/app.js":       `import {hits, hit} from "./lib/count.js"; hit(); self.appSaw = hits;`,
		"/second.js":    `import {hits, hit} from "/lib/count.js"; hit(); self.secondSaw = hits; self.meta = import.meta.url;`,
		"/lib/count.js": `export let hits = 0; export function hit() { hits++; }`,
		"/broken.js":    `import {missing} from "./lib/count.js"; self.brokenRan = true;`,
	}
	require.NoError(t, b.Handle("https://modules.example/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte(`<!doctype html><script type="module" src="/app.js"></script>` +
				`<script type="module" src="/second.js"></script><script type="module" src="/broken.js"></script>` +
				`<script type="module">import {hits} from "./lib/count.js"; self.inlineSaw = hits;</script>`))
			return
		}
		src, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/javascript")
		_, _ = w.Write([]byte(src))
	})))
	tab, err := b.OpenTab("https://modules.example/")
	require.NoError(t, err)
	page := tab.Top().Page()
	got, err := page.Eval(context.Background(), `[self.appSaw, self.secondSaw, self.inlineSaw, self.meta, self.brokenRan === undefined]`)
	require.NoError(t, err)
	assert.JSONEq(t, `[1, 2, 2, "https://modules.example/second.js", true]`, string(got))
	var logged []string
	for _, l := range page.Console() {
		logged = append(logged, l.Text)
	}
	assert.Contains(t, logged, "Uncaught SyntaxError: The requested module './lib/count.js' does not provide an export named 'missing'")
}
