package extwasmtest_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// Downloads reads the files an extension saved with chrome.downloads, the same in both browsers.
func TestDownloadsListsSavedFiles(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(`{"manifest_version": 3, "name": "saver",
		"version": "1", "background": {"service_worker": "sw.js"}, "permissions": ["downloads"]}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sw.js"), []byte(`self.save = async (o) => {
		const id = await chrome.downloads.download(o);
		for (;;) {
			const [it] = await chrome.downloads.search({id});
			if (it.state !== "in_progress") return it.state;
			await new Promise((r) => setTimeout(r, 10));
		}
	};`), 0o644))
	b := extwasmtest.New(t)
	require.NoError(t, b.Handle("http://files.example/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "file %s", r.URL.Path)
	})))
	ext := extwasmtest.Install(t, b, dir)

	got, err := extwasmtest.Downloads(b)
	require.NoError(t, err)
	assert.Empty(t, got, "nothing downloaded yet")

	for _, o := range []string{
		`{url: "http://files.example/a.txt"}`,
		`{url: "http://files.example/a.txt"}`,
		`{url: "http://files.example/b", filename: "sub/b.txt"}`,
		`{url: "data:text/plain,hi"}`,
	} {
		extwasmtest.EvalJSON(t, ext.Worker(), `self.save(`+o+`)`, `"complete"`)
	}
	got, err = extwasmtest.Downloads(b)
	require.NoError(t, err)
	assert.Equal(t, map[string][]byte{
		"a.txt":        []byte("file /a.txt"),
		"a (1).txt":    []byte("file /a.txt"),
		"sub/b.txt":    []byte("file /b"),
		"download.txt": []byte("hi"),
	}, got)
}
