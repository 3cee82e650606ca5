package extwasmtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/jsglue"
)

const frameManifest = `{"manifest_version": 3, "name": "f", "version": "1",
  "background": {"service_worker": "worker.js"},
  "content_security_policy": {"extension_pages": "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"},
  "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["wasm_exec.js", "extwasm.js", "content.js"]}],
  "web_accessible_resources": [{"resources": ["content.wasm", "FRAME"], "matches": ["http://127.0.0.1/*"]}]}`

// frameFolder is a built extension folder with the glue's frame, whose manifest makes FRAME
// web-accessible.
func frameFolder(t *testing.T, frame string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"manifest.json": strings.Replace(frameManifest, "FRAME", frame, 1),
		"worker.js":     "importScripts('wasm_exec.js', 'extwasm.js'); extwasm.start('worker.wasm');",
		"content.js":    "extwasm.start('content.wasm');",
		"wasm_exec.js":  "", "extwasm.js": "", "worker.wasm": "", "content.wasm": "",
		jsglue.FramePageFileName: jsglue.FramePage, jsglue.FrameScriptFileName: jsglue.FrameScript,
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	return dir
}

// The check Build hands the builder accepts the frame the build writes, and reports it when the
// manifest does not make it web-accessible.
func TestBuildCheckKnowsTheExtensionFrame(t *testing.T) {
	assert.Empty(t, browser.CheckExtension(frameFolder(t, jsglue.FramePageFileName)))

	problems := browser.CheckExtension(frameFolder(t, "other.html"))
	require.Len(t, problems, 1)
	assert.Contains(t, problems[0].String(), "web_accessible_resources does not list "+jsglue.FramePageFileName)
}
