package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goodManifest is a Go extension Chrome loads and runs: CSP allows wasm, the content script's wasm
// is web accessible.
const goodManifest = `{
  "manifest_version": 3, "name": "check", "version": "1",
  "background": {"service_worker": "worker.js"},
  "content_security_policy": {"extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"},
  "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["wasm_exec.js", "extwasm.js", "content.js"]}],
  "web_accessible_resources": [{"resources": ["content.wasm", "extwasm-frame.html"], "matches": ["http://127.0.0.1/*"]}],
  "action": {"default_popup": "popup.html"}
}`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	return dir
}

func TestCheckExtension(t *testing.T) {
	good := func() map[string]string {
		return map[string]string{
			"manifest.json": goodManifest,
			"worker.js":     "importScripts('wasm_exec.js', 'extwasm.js'); extwasm.start('worker.wasm');",
			"content.js":    "extwasm.start('content.wasm');",
			"wasm_exec.js":  "", "extwasm.js": "// extwasm.start('x.wasm') is how a script starts Go",
			"worker.wasm": "", "content.wasm": "", "popup.html": "",
		}
	}
	for _, tc := range []struct {
		name  string
		edit  func(files map[string]string)
		wants []string // substrings of the problems, in order
	}{
		{"a built Go extension", func(map[string]string) {}, nil},
		{"no wasm-unsafe-eval", func(f map[string]string) {
			f["manifest.json"] = replace(t, f["manifest.json"], ` 'wasm-unsafe-eval'`, "")
		}, []string{`manifest.json: content_security_policy.extension_pages ("script-src 'self'") does not allow WebAssembly: set`}},
		{"worker script missing", func(f map[string]string) { delete(f, "worker.js") },
			[]string{`manifest.json: background.service_worker names "worker.js", which does not exist`}},
		{"no service worker", func(f map[string]string) {
			f["manifest.json"] = replace(t, f["manifest.json"], `"background": {"service_worker": "worker.js"},`, "")
		}, []string{"manifest.json: background.service_worker is not set"}},
		{"popup missing", func(f map[string]string) { delete(f, "popup.html") },
			[]string{`manifest.json: action.default_popup names "popup.html", which does not exist`}},
		{"wasm not built", func(f map[string]string) { delete(f, "worker.wasm") },
			[]string{`worker.js: starts "worker.wasm", which does not exist: build it with extwasm build`}},
		{"content wasm not web accessible", func(f map[string]string) {
			f["manifest.json"] = replace(t, f["manifest.json"], `"resources": ["content.wasm", "extwasm-frame.html"]`, `"resources": ["other.wasm", "extwasm-frame.html"]`)
		}, []string{`manifest.json: content script content.js starts "content.wasm", which web_accessible_resources does not list`}},
		{"extension frame not web accessible", func(f map[string]string) {
			f["manifest.json"] = replace(t, f["manifest.json"], `"resources": ["content.wasm", "extwasm-frame.html"]`, `"resources": ["content.wasm"]`)
		}, []string{`manifest.json: content script content.js starts "content.wasm", but web_accessible_resources does not list extwasm-frame.html: add`}},
		{"content script file missing: Chrome's own words", func(f map[string]string) { delete(f, "content.js") },
			[]string{`manifest.json: content_scripts[0].js: Could not load javascript 'content.js' for script.`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := good()
			tc.edit(files)
			problems := CheckExtension(writeFiles(t, files))
			require.Len(t, problems, len(tc.wants), "%v", problems)
			for i, want := range tc.wants {
				assert.Contains(t, problems[i].String(), want)
			}
		})
	}
}

func replace(t *testing.T, s, from, to string) string {
	t.Helper()
	require.Contains(t, s, from)
	return strings.Replace(s, from, to, 1)
}
