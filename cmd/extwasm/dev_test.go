package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
	"github.com/extwasm/extwasm/internal/extbuild"
)

func TestDevClassify(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "wasm", "worker"), 0o755))
	s := &devSession{root: root, cfg: extbuild.DefaultConfig}
	for _, tc := range []struct {
		path string
		want change
	}{
		{"wasm/worker/main.go", changeGo},
		{"routes/routes.go", changeGo},
		{"go.mod", changeGo},
		{"go.sum", changeGo},
		{"extwasm.json", changeGo},
		{"extension_test.go", changeNone},
		{"extension/manifest.json", changeExt},
		{"extension/worker.js", changeExt},
		{"extension/icons/a.png", changeExt},
		{"extension/worker.wasm", changeNone},  // written by the build: wasm/worker exists
		{"extension/content.wasm", changeExt},  // no wasm/content: not the build's
		{"extension/wasm_exec.js", changeNone}, // the build's
		{"extension/extwasm.js", changeNone},
		{"extension/extwasm-frame.html", changeNone},
		{"extension/manifest.json~", changeNone},
		{"extension/.manifest.json.swp", changeNone},
		{"extension/4913", changeNone},
		{"README.md", changeNone},
		{".extwasm/profile/Default/Preferences", changeNone},
		{".git/index", changeNone},
		{"dist/greeter-0.1.0.zip", changeNone},
		{"wasm/worker/testdata/x.go", changeNone},
		{"../elsewhere/main.go", changeNone},
	} {
		t.Run(tc.path, func(t *testing.T) {
			assert.Equal(t, tc.want, s.classify(filepath.Join(root, filepath.FromSlash(tc.path))))
		})
	}
}

func TestDevContextName(t *testing.T) {
	const id = "abcdefghijklmnopabcdefghijklmnop"
	names := map[string]string{id: "extension"}
	for _, tc := range []struct {
		ev   chromium.ConsoleEvent
		want string
	}{
		{chromium.ConsoleEvent{Kind: "service_worker", URL: "chrome-extension://" + id + "/worker.js", ExtID: id}, "worker of extension"},
		{chromium.ConsoleEvent{Kind: "page", URL: "http://127.0.0.1:8000/a.html", ExtID: id, ContentScript: true}, "content script of extension in http://127.0.0.1:8000/a.html"},
		{chromium.ConsoleEvent{Kind: "page", URL: "http://127.0.0.1:8000/a.html"}, "page http://127.0.0.1:8000/a.html"},
		{chromium.ConsoleEvent{Kind: "page", URL: "chrome-extension://" + id + "/popup.html", ExtID: id}, "extension page popup.html"},
		{chromium.ConsoleEvent{Kind: "iframe", URL: "chrome-extension://" + id + "/extwasm-frame.html#x", ExtID: id}, "extension frame extwasm-frame.html#x"},
		{chromium.ConsoleEvent{Kind: "iframe", URL: "https://ads.example/"}, "frame https://ads.example/"},
		{chromium.ConsoleEvent{Kind: "service_worker", URL: "chrome-extension://other/sw.js", ExtID: "other"}, "worker of other"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			assert.Equal(t, tc.want, contextName(tc.ev, names))
		})
	}
}

func TestDevConsoleFilter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		msg   chromium.ConsoleMessage
		all   bool
		shown bool
	}{
		{"error", chromium.ConsoleMessage{Level: "error", Text: "boom"}, false, true},
		{"uncaught", chromium.ConsoleMessage{Level: "error", Text: "Uncaught Error: boom", Uncaught: true}, false, true},
		{"log", chromium.ConsoleMessage{Level: "log", Text: "greeting Gopher"}, false, false},
		{"warn", chromium.ConsoleMessage{Level: "warn", Text: "careful"}, false, false},
		{"Go panic, logged by wasm_exec.js", chromium.ConsoleMessage{Level: "log", Text: "panic: boom\n\ngoroutine 1 [running]:"}, false, true},
		{"log with -all", chromium.ConsoleMessage{Level: "log", Text: "greeting Gopher"}, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			s := &devSession{out: &out, all: tc.all}
			s.console(chromium.ConsoleEvent{ConsoleMessage: tc.msg, Kind: "page", URL: "http://a/"})
			if tc.shown {
				assert.Equal(t, "[page http://a/] "+tc.msg.Level+": "+tc.msg.Text+"\n", out.String())
			} else {
				assert.Empty(t, out.String())
			}
		})
	}
}

func TestDevChangedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	write("a.js", "1")
	write("sub/b.wasm", "2")
	s := &devSession{hashes: map[string]string{}}
	assert.Equal(t, []string{"a.js", filepath.Join("sub", "b.wasm")}, s.changedFiles(dir), "everything is new")
	assert.Empty(t, s.changedFiles(dir), "nothing changed")
	write("a.js", "1") // rewritten, same contents
	assert.Empty(t, s.changedFiles(dir))
	write("a.js", "3")
	require.NoError(t, os.Remove(filepath.Join(dir, "sub", "b.wasm")))
	write("c.html", "")
	assert.Equal(t, []string{"a.js", "c.html", filepath.Join("sub", "b.wasm")}, s.changedFiles(dir))
}

func TestDevUsage(t *testing.T) {
	code, _, stderr := extwasm("dev", "-h")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "usage: extwasm "+devUsage)
	for _, f := range []string{"-headful", "-open", "-profile", "-all", "-ldflags", "-wasm-opt"} {
		assert.Contains(t, stderr, f)
	}
	code, _, stderr = extwasm("dev", "a", "b")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "usage: extwasm dev")
}

// syncBuffer is a buffer written by dev's goroutines and read by a test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits up to 90 s until the output matches re and returns the submatches.
func (b *syncBuffer) waitFor(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(b.String()); m != nil {
			return m
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no %q in the output:\n%s", re, b.String())
	return nil
}
