//go:build e2e

package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/chromium"
)

// TestDevRebuildsAndReloadsOnSave drives `extwasm dev` on a fresh scaffold in Chromium: the first
// build runs, a compile error is printed and changes nothing, an edit of the worker's reply is
// rebuilt and reloaded (the tabs showing the greeting too) and a console error of the new worker
// is printed with its context named; then SIGINT stops it cleanly.
func TestDevRebuildsAndReloadsOnSave(t *testing.T) {
	dir := scaffolded(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "<!doctype html><title>Gopher</title><p>hello")
	}))
	defer srv.Close()

	out := &syncBuffer{}
	ready := make(chan *devSession, 1)
	done := make(chan error, 1)
	go func() {
		done <- runDevHooked([]string{"-open", srv.URL + "/opened.html", dir}, out, out,
			devHooks{ready: func(s *devSession) { ready <- s }})
	}()
	var s *devSession
	select {
	case s = <-ready:
	case err := <-done:
		t.Fatalf("dev ended before it was ready: %v\n%s", err, out)
	case <-time.After(3 * time.Minute):
		t.Fatalf("dev not ready after 3 minutes:\n%s", out)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped { // a failed test still stops dev and its browser
			_ = syscall.Kill(os.Getpid(), syscall.SIGINT)
			<-done
		}
		if t.Failed() {
			t.Logf("dev output:\n%s", out)
		}
	})
	require.Contains(t, out.String(), "chromium: loaded 1 extension(s) through DevTools' Extensions.loadUnpacked")
	require.Contains(t, out.String(), "ready in ")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tab, err := s.browser.OpenTab(ctx, srv.URL+"/mine.html")
	require.NoError(t, err)
	greeting := func(want string) {
		t.Helper()
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		require.NoError(t, chromium.WaitFor(wctx, tab.Page(), `document.documentElement.dataset.greeting === `+jsString(want)))
	}
	greeting("hello, Gopher, from the worker")

	worker := filepath.Join(dir, "wasm", "worker", "main.go")
	src, err := os.ReadFile(worker)
	require.NoError(t, err)

	require.NoError(t, os.WriteFile(worker, append(append([]byte(nil), src...), "\nnot Go\n"...), 0o644))
	out.waitFor(t, regexp.MustCompile(`build failed:\n(?s:.*)wasm/worker/main.go:\d+:\d+: syntax error`))

	edited := strings.Replace(string(src), `", from the worker"`, `", from the rebuilt worker"`, 1)
	edited = strings.Replace(edited, "import (\n", "import (\n\t\"syscall/js\"\n", 1)
	edited = strings.Replace(edited, "\tselect {} // keep answering", "\tjs.Global().Get(\"console\").Call(\"error\", \"rebuilt worker started\")\n\tselect {} // keep answering", 1)
	require.NotEqual(t, string(src), edited, "the scaffold's worker changed: update this test")
	require.NoError(t, os.WriteFile(worker, []byte(edited), 0o644))
	m := out.waitFor(t, regexp.MustCompile(`reloaded extension \(worker\.wasm changed\) (\d+)ms after the save: build (\d+)ms, reload (\d+)ms, 2 tab\(s\) reloaded`))
	t.Logf("save → reloaded: %s ms (build %s ms, reload %s ms)", m[1], m[2], m[3])
	greeting("hello, Gopher, from the rebuilt worker")
	out.waitFor(t, regexp.MustCompile(`\[worker of extension\] error: rebuilt worker started`))

	stopped = true
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("dev did not stop within 30 s of SIGINT")
	}
	assert.True(t, strings.HasSuffix(out.String(), "stopped\n"), out.String())
	assert.DirExists(t, filepath.Join(dir, ".extwasm", "profile"), "the profile stays for the next run")
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }
