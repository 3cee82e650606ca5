package browser

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A module script that awaits at its top level runs on after the await; what it throws then is
// reported as Chromium 156 reports it, "Uncaught TypeError: …" (not "Uncaught (in promise)"), and a
// module that awaits and also imports is still refused as not simulated.
func TestTopLevelAwaitModules(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	files := map[string]string{
		"/awaits.js": `await null; self.resumed = true;`,
		"/throws.js": `await Promise.resolve(); throw new TypeError("late boom");`,
		"/lib.js":    `export const x = 1;`,
		"/mixed.js":  `import {x} from "./lib.js"; await null; self.mixed = x;`,
	}
	require.NoError(t, b.Handle("https://tla.example/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte(`<!doctype html><script type="module" src="/awaits.js"></script>` +
				`<script type="module" src="/throws.js"></script><script type="module" src="/mixed.js"></script>`))
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
	tab, err := b.OpenTab("https://tla.example/")
	require.NoError(t, err)
	page := tab.Top().Page()
	got, err := page.Eval(context.Background(), `[self.resumed, self.mixed === undefined]`)
	require.NoError(t, err)
	assert.JSONEq(t, `[true, true]`, string(got))
	var errs []string
	for _, l := range page.Console() {
		if l.Level == "error" {
			errs = append(errs, l.Text)
		}
	}
	assert.ElementsMatch(t, []string{
		"Uncaught SyntaxError: hostsim: top-level await in a module that imports or exports is not simulated",
		"Uncaught TypeError: late boom",
	}, errs)
}
