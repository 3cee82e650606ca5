package extbuild

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/jsglue"
)

// contentManifest declares a content script, which is what makes the build write the frame.
const contentManifest = `{"manifest_version": 3, "name": "f", "version": "1",
  "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["content.js"]}]}`

// The build writes the frame the glue inserts, under the name CheckExtension wants web-accessible.
func TestBuildWritesTheExtensionFrame(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(contentManifest), 0o644))
	require.NoError(t, writeFrameFiles(dir, io.Discard))
	page, err := os.ReadFile(filepath.Join(dir, jsglue.FramePageFileName))
	require.NoError(t, err)
	assert.Equal(t, jsglue.FramePage, string(page))
	assert.Contains(t, jsglue.FramePage, `src="`+jsglue.FrameScriptFileName+`"`)
	script, err := os.ReadFile(filepath.Join(dir, jsglue.FrameScriptFileName))
	require.NoError(t, err)
	assert.Equal(t, jsglue.FrameScript, string(script))
}

// A folder without content scripts gets no frame.
func TestBuildWritesNoFrameWithoutContentScripts(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"manifest_version": 3, "name": "w", "version": "1"}`), 0o644))
	require.NoError(t, writeFrameFiles(dir, io.Discard))
	_, err := os.Stat(filepath.Join(dir, jsglue.FramePageFileName))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
