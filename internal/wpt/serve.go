package wpt

import (
	"bufio"
	"fmt"
	"html"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// reportScript replaces the checkout's testharnessreport.js. The harness's own output table is
// turned off: it is not what is measured, and drawing it would test more of the DOM than the test
// does. The completion callback leaves the results where both runners read them.
const reportScript = `(function () {
  setup({output: false});
  add_completion_callback(function (tests, status) {
    window.__wptResult = {
      status: status.status,
      message: status.message || "",
      tests: tests.map(function (t) { return {name: String(t.name), status: t.status, message: t.message ? String(t.message) : ""}; })
    };
  });
})();
`

// ResultExpr is what a runner evaluates in a test page: a promise of the page's results, settled
// when the harness completes.
const ResultExpr = `new Promise(function (resolve) {
  (function poll() { if (window.__wptResult) resolve(window.__wptResult); else setTimeout(poll, 20); })();
})`

// Handler serves the checkout at root as wptserve would for what the runner needs: files as they
// are, the runner's testharnessreport.js, and the HTML wrapper of each .any.js and .window.js
// test (with its "// META: script=" and "title=" lines).
func Handler(root string) http.Handler {
	files := http.FileServer(http.Dir(root))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		if p == "/resources/testharnessreport.js" {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, reportScript)
			return
		}
		if strings.HasSuffix(p, ".any.html") || strings.HasSuffix(p, ".window.html") {
			src := strings.TrimSuffix(p, ".html") + ".js"
			page, err := wrapper(filepath.Join(root, filepath.FromSlash(src)), path.Base(src))
			if err == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, page)
				return
			}
		}
		files.ServeHTTP(w, r)
	})
}

// wrapper is the page wptserve generates for a .any.js or .window.js test.
func wrapper(file, name string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	b.WriteString("<!doctype html>\n<meta charset=utf-8>\n")
	var scripts []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		meta, ok := strings.CutPrefix(line, "// META:")
		if !ok {
			break // META lines come first
		}
		k, v, _ := strings.Cut(strings.TrimSpace(meta), "=")
		switch strings.TrimSpace(k) {
		case "title":
			fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(strings.TrimSpace(v)))
		case "script":
			scripts = append(scripts, strings.TrimSpace(v))
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	b.WriteString("<script src=\"/resources/testharness.js\"></script>\n<script src=\"/resources/testharnessreport.js\"></script>\n")
	for _, s := range scripts {
		fmt.Fprintf(&b, "<script src=\"%s\"></script>\n", html.EscapeString(s))
	}
	fmt.Fprintf(&b, "<div id=log></div>\n<script src=\"%s\"></script>\n", html.EscapeString(name))
	return b.String(), nil
}
