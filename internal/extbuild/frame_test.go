package extbuild

import (
	"io"
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

func frameFolder(t *testing.T, frame string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"manifest.json": strings.Replace(frameManifest, "FRAME", frame, 1),
		"worker.js":     "importScripts('wasm_exec.js', 'extwasm.js'); extwasm.start('worker.wasm');",
		"content.js":    "extwasm.start('content.wasm');",
		"wasm_exec.js":  "", "extwasm.js": "", "worker.wasm": "", "content.wasm": "",
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	return dir
}

// The build writes the frame the glue inserts, under the name CheckExtension wants web-accessible.
func TestBuildWritesTheExtensionFrame(t *testing.T) {
	dir := frameFolder(t, jsglue.FramePageFileName)
	require.NoError(t, writeFrameFiles(dir, io.Discard))
	page, err := os.ReadFile(filepath.Join(dir, jsglue.FramePageFileName))
	require.NoError(t, err)
	assert.Equal(t, jsglue.FramePage, string(page))
	assert.Contains(t, jsglue.FramePage, `src="`+jsglue.FrameScriptFileName+`"`)
	script, err := os.ReadFile(filepath.Join(dir, jsglue.FrameScriptFileName))
	require.NoError(t, err)
	assert.Equal(t, jsglue.FrameScript, string(script))
	assert.Empty(t, browser.CheckExtension(dir))

	other := frameFolder(t, "other.html")
	problems := browser.CheckExtension(other)
	require.Len(t, problems, 1)
	assert.Contains(t, problems[0].String(), "web_accessible_resources does not list "+jsglue.FramePageFileName)
}

// A folder without content scripts gets no frame.
func TestBuildWritesNoFrameWithoutContentScripts(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"manifest_version": 3, "name": "w", "version": "1"}`), 0o644))
	require.NoError(t, writeFrameFiles(dir, io.Discard))
	_, err := os.Stat(filepath.Join(dir, jsglue.FramePageFileName))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
