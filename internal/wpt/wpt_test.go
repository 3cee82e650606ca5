package wpt

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fixture = "testdata/fixture"

func TestDiscover(t *testing.T) {
	files, skipped, err := Discover(fixture, []string{"a"})
	require.NoError(t, err)
	var paths []string
	for _, f := range files {
		assert.Equal(t, "a", f.Dir)
		paths = append(paths, f.Path)
	}
	assert.Equal(t, []string{"a/hang.html", "a/pass-fail.html", "a/wrapped.any.html"}, paths)
	require.Len(t, skipped, 2)
	assert.Equal(t, Skipped{File{"a", "a/worker-only.any.js"}, "not for a window (its META global)"}, skipped[0])
	assert.Equal(t, Skipped{File{"a", "a/x.sub.html"}, "needs wptserve's substitutions"}, skipped[1])
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(Handler(fixture))
	defer srv.Close()
	get := func(p string) (int, string) {
		res, err := http.Get(srv.URL + p)
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.StatusCode, string(b)
	}
	tests := []struct {
		path, want string
		code       int
	}{
		{"/resources/testharnessreport.js", "add_completion_callback", 200},
		{"/a/wrapped.any.html", "<title>wrapped</title>", 200},
		{"/a/wrapped.any.html", `<script src="helper.js"></script>` + "\n<div id=log></div>\n" + `<script src="wrapped.any.js"></script>`, 200},
		{"/a/helper.js", "window.helped", 200},
		{"/a/missing.any.html", "404", 404},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code, body := get(tt.path)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, body, tt.want)
		})
	}
}

func TestTallyAndTable(t *testing.T) {
	pass := func(n string) Subtest { return Subtest{Name: n, Status: 0} }
	fail := func(n string) Subtest { return Subtest{Name: n, Status: 1, Message: "boom"} }
	outs := []Outcome{
		{File: File{Dir: "d", Path: "d/1.html"},
			Chromium: Result{Loaded: true, Tests: []Subtest{pass("a"), pass("b"), fail("c")}},
			Hostsim:  Result{Loaded: true, Tests: []Subtest{pass("a"), fail("b"), pass("c")}}},
		{File: File{Dir: "d", Path: "d/2.html"},
			Chromium: Result{Loaded: true, Tests: []Subtest{pass("x")}},
			Hostsim:  Result{LoadError: "timed out"}},
	}
	rows := Tally([]string{"d", "e"}, outs, []Skipped{{File: File{Dir: "e", Path: "e/s.sub.html"}}})
	require.Len(t, rows, 3)
	assert.Equal(t, Row{Dir: "d", Files: 2, Subtests: 4, Chromium: 3, Hostsim: 2, Both: 1, HostsimLoadFailures: 1}, rows[0])
	assert.Equal(t, Row{Dir: "e", Skipped: 1}, rows[1])
	assert.Equal(t, "total", rows[2].Dir)
	assert.Equal(t, 3, rows[2].Chromium)

	var buf bytes.Buffer
	require.NoError(t, PrintTable(&buf, rows))
	assert.Contains(t, buf.String(), "| d ")
	assert.Regexp(t, `\| d\s+\| 2\s+\| 4\s+\| 3\s+\| 2\s+\| 1\s+\| 0/1\s+\| 0\s+\|`, buf.String())

	assert.Equal(t, []Gap{
		{"d/1.html", "b", "FAIL: boom"},
		{"d/2.html", "x", "no results: timed out"},
	}, Gaps(outs))
}

// TestHostsimRunsFixture runs the fixture's pages in hostsim: results come back through the
// runner's testharnessreport.js, a .any.js test runs in its wrapper after its META script, and a
// page whose harness never completes gives no results once the virtual budget is spent.
func TestHostsimRunsFixture(t *testing.T) {
	h, err := NewHostsim(fixture)
	require.NoError(t, err)
	defer h.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	r := h.Run(ctx, "a/pass-fail.html")
	require.True(t, r.Loaded, r.LoadError)
	assert.Equal(t, []Subtest{{Name: "adds", Status: 0}, {Name: "fails", Status: 1, Message: "assert_equals: expected nope got "}}, r.Tests)

	r = h.Run(ctx, "a/wrapped.any.html")
	require.True(t, r.Loaded, r.LoadError)
	assert.Equal(t, []Subtest{{Name: "helper ran first", Status: 0}, {Name: "title from META", Status: 0}}, r.Tests)

	r = h.Run(ctx, "a/hang.html")
	assert.False(t, r.Loaded)
	assert.NotEmpty(t, r.LoadError)
}

func TestDescribe(t *testing.T) {
	assert.Contains(t, Describe(t.TempDir()), "unknown: no .git and no SOURCE file")
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "SOURCE"), []byte("assembled by hand\nfrom two commits\n"), 0o644))
	assert.Equal(t, "assembled by hand / from two commits", Describe(dir))
}
