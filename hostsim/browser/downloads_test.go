package browser

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The files chrome.downloads saves are the test's to read through Downloads, named as Chrome names
// them: from Content-Disposition, the URL, download()'s filename, with the content type's
// extension, made unique.
func TestDownloadsSaveFiles(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Handle("https://files.example/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/report":
			w.Header().Set("Content-Disposition", `attachment; filename="report.csv"`)
			w.Header().Set("Content-Type", "text/csv")
		case "/gone":
			http.NotFound(w, r)
			return
		case "/moved":
			http.Redirect(w, r, "/notes.txt", http.StatusFound)
			return
		default:
			w.Header().Set("Content-Type", "text/plain")
		}
		fmt.Fprintf(w, "%s %s %s", r.Method, r.URL.Path, r.Header.Get("X-Token"))
	})))
	ext, err := b.Install("testdata/downloadsext")
	require.NoError(t, err)
	ctx := context.Background()
	wk := ext.Worker()

	tests := []struct {
		name, options, want string
	}{
		{"from the URL", `{url: "https://files.example/notes.txt"}`, `["notes.txt", "complete", null]`},
		{"made unique", `{url: "https://files.example/notes.txt"}`, `["notes (1).txt", "complete", null]`},
		{"overwritten", `{url: "https://files.example/notes.txt", conflictAction: "overwrite"}`, `["notes.txt", "complete", null]`},
		{"disposition", `{url: "https://files.example/report"}`, `["report.csv", "complete", null]`},
		{"given name, type's extension", `{url: "https://files.example/x", filename: "sub/x.bin"}`, `["sub/x.txt", "complete", null]`},
		{"post", `{url: "https://files.example/post", method: "POST", headers: [{name: "X-Token", value: "t"}], body: "b"}`, `["post.txt", "complete", null]`},
		{"redirected", `{url: "https://files.example/moved"}`, `["notes (2).txt", "complete", null]`},
		{"data URL", `{url: "data:text/plain;base64,aGk="}`, `["download.txt", "complete", null]`},
		{"not found", `{url: "https://files.example/gone"}`, `["gone.txt", "interrupted", "SERVER_BAD_CONTENT"]`},
	}
	for _, tt := range tests {
		got, err := wk.Eval(ctx, `self.save(`+tt.options+`).then((i) => [i.filename.slice(`+fmt.Sprint(len(DownloadDir)+1)+`), i.state, i.error || null])`)
		require.NoError(t, err, tt.name)
		assert.JSONEq(t, tt.want, string(got), tt.name)
	}
	assert.Equal(t, map[string][]byte{
		"notes.txt":     []byte("GET /notes.txt "),
		"notes (1).txt": []byte("GET /notes.txt "),
		"notes (2).txt": []byte("GET /notes.txt "),
		"report.csv":    []byte("GET /report "),
		"sub/x.txt":     []byte("GET /x "),
		"post.txt":      []byte("POST /post t"),
		"download.txt":  []byte("hi"),
	}, b.Downloads())

	got, err := wk.Eval(ctx, `chrome.downloads.removeFile(1).then(() => chrome.downloads.search({id: 1})).then(([i]) => i.exists)`)
	require.NoError(t, err)
	assert.JSONEq(t, `false`, string(got))
	assert.NotContains(t, b.Downloads(), "notes.txt", "removeFile deletes the file")
}

// Another extension's onDeterminingFilename listener names the file, its stopped worker started
// for the event.
func TestDownloadsNamedByAStoppedWorker(t *testing.T) {
	b, err := New(Options{})
	require.NoError(t, err)
	defer b.Close()
	require.NoError(t, b.Handle("https://files.example/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "x")
	})))
	saver, err := b.Install("testdata/downloadsext")
	require.NoError(t, err)
	namer, err := b.Install("testdata/downloadsnamer")
	require.NoError(t, err)
	require.NoError(t, namer.StopWorker())
	require.False(t, namer.WorkerRunning())

	got, err := saver.Worker().Eval(context.Background(), `self.save({url: "https://files.example/n.txt", filename: "mine.txt"}).then((i) => i.filename)`)
	require.NoError(t, err)
	assert.JSONEq(t, `"`+DownloadDir+`/named/n.txt"`, string(got), "download()'s filename counts for nothing while another extension names files")
	assert.True(t, namer.WorkerRunning())
	assert.Equal(t, map[string][]byte{"named/n.txt": []byte("x")}, b.Downloads())
}
