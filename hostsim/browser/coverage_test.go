package browser_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
	"github.com/extwasm/extwasm/internal/gobuild"
	"github.com/extwasm/extwasm/internal/wasmcover"
)

// coverFixture is the round-trip extension built as extwasmtest builds under go test -cover.
var coverFixture = goFixture{ext: "testdata/roundtrip/ext", src: "./hostsim/browser/testdata/roundtrip/src", wasm: "roundtrip.wasm",
	flags: []string{"-cover", "-covermode=atomic", "-coverpkg=github.com/extwasm/extwasm/hostsim/browser/testdata/roundtrip/src", "-tags=" + wasmcover.BuildTag}}

// coverageFiles lists the meta-data and counter files in dir.
func coverageFiles(t *testing.T, dir string) (meta, counters []string) {
	t.Helper()
	meta, err := filepath.Glob(filepath.Join(dir, "covmeta.*"))
	require.NoError(t, err)
	counters, err = filepath.Glob(filepath.Join(dir, "covcounters.*"))
	require.NoError(t, err)
	return meta, counters
}

// TestCoverageIsWrittenAsContextsEnd: a coverage build's counters leave each context when it ends,
// however it ends, and only then.
func TestCoverageIsWrittenAsContextsEnd(t *testing.T) {
	ext := coverFixture.build(t)
	cases := []struct {
		name string
		end  func(t *testing.T, b *browser.Browser, e *browser.Extension, tab *browser.Tab)
		// counters is how many contexts have ended, so written their counters.
		counters int
	}{
		{"worker stops", func(t *testing.T, _ *browser.Browser, e *browser.Extension, _ *browser.Tab) {
			require.NoError(t, e.StopWorker())
		}, 1},
		{"tab closes", func(t *testing.T, _ *browser.Browser, _ *browser.Extension, tab *browser.Tab) {
			require.NoError(t, tab.Close())
		}, 1},
		{"tab navigates away", func(t *testing.T, b *browser.Browser, _ *browser.Extension, tab *browser.Tab) {
			const next = "http://127.0.0.1:8000/next.html"
			b.ServePage(next, browser.Page{HTML: "<p>next</p>"})
			require.NoError(t, tab.Navigate(next))
		}, 1},
		{"extension reloads, then the orphaned content script's tab closes", func(t *testing.T, _ *browser.Browser, e *browser.Extension, tab *browser.Tab) {
			require.NoError(t, e.Reload())
			require.NoError(t, tab.Close())
		}, 2},
		{"browser closes", func(t *testing.T, b *browser.Browser, _ *browser.Extension, _ *browser.Tab) {
			require.NoError(t, b.Close())
		}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			b, err := browser.New(browser.Options{Seed: 1, CoverDir: dir})
			require.NoError(t, err)
			t.Cleanup(func() { b.Close() })
			e, err := b.Install(ext)
			require.NoError(t, err)
			const url = "http://127.0.0.1:8000/cover.html"
			b.ServePage(url, browser.Page{HTML: "<p>cover</p>"})
			tab, err := b.OpenTab(url)
			require.NoError(t, err)
			cs := tab.Top().ContentScript(e)
			ctx := context.Background()
			_, err = cs.Eval(ctx, `new Promise((r) => { const c = () => typeof rtGreet === "object" ? r() : setTimeout(c, 10); c(); })`)
			require.NoError(t, err)
			raw, err := cs.Eval(ctx, `rtGreet.send("cover")`)
			require.NoError(t, err)
			require.JSONEq(t, `{"greeting":"hello, cover"}`, string(raw))
			meta, counters := coverageFiles(t, dir)
			require.Empty(t, meta, "nothing is written while the contexts live")
			require.Empty(t, counters)

			c.end(t, b, e, tab)
			meta, counters = coverageFiles(t, dir)
			assert.Len(t, meta, 1, "one .wasm, one meta-data file")
			assert.Len(t, counters, c.counters)
		})
	}
}

// handlerRuns is how many times (as go tool covdata reads dir) the block of the round-trip
// worker's handler ran: the one that holds its return statement.
func handlerRuns(t *testing.T, dir string) int {
	t.Helper()
	src, err := os.ReadFile("testdata/roundtrip/src/main.go")
	require.NoError(t, err)
	line := 0
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, `Greeting: "hello, " + r.Name`) {
			line = i + 1
		}
	}
	require.NotZero(t, line, "the handler's return statement")
	profile := filepath.Join(t.TempDir(), "wasm.out")
	out, err := exec.Command(gobuild.Tool(), "tool", "covdata", "textfmt", "-i="+dir, "-o="+profile).CombinedOutput()
	require.NoError(t, err, "%s", out)
	text, err := os.ReadFile(profile)
	require.NoError(t, err)
	// Lines read "file:startLine.col,endLine.col statements count".
	re := regexp.MustCompile(`(?m)^\S+/roundtrip/src/main\.go:(\d+)\.\d+,(\d+)\.\d+ \d+ (\d+)$`)
	runs := -1
	for _, m := range re.FindAllStringSubmatch(string(text), -1) {
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		if from < line && line < to {
			runs, _ = strconv.Atoi(m[3])
		}
	}
	require.NotEqual(t, -1, runs, "no block holds line %d:\n%s", line, text)
	return runs
}

// TestCoverageCountsWhatRan reads the files back as go tool covdata does: the worker's handler
// counts the messages it answered, and is at zero when none came.
func TestCoverageCountsWhatRan(t *testing.T) {
	ext := coverFixture.build(t)
	for _, sends := range []int{0, 3} {
		t.Run(fmt.Sprintf("%d sent", sends), func(t *testing.T) {
			dir := t.TempDir()
			b, err := browser.New(browser.Options{Seed: 1, CoverDir: dir})
			require.NoError(t, err)
			t.Cleanup(func() { b.Close() })
			e, err := b.Install(ext)
			require.NoError(t, err)
			const url = "http://127.0.0.1:8000/cover.html"
			b.ServePage(url, browser.Page{HTML: "<p>cover</p>"})
			tab, err := b.OpenTab(url)
			require.NoError(t, err)
			cs := tab.Top().ContentScript(e)
			ctx := context.Background()
			_, err = cs.Eval(ctx, `new Promise((r) => { const c = () => typeof rtGreet === "object" ? r() : setTimeout(c, 10); c(); })`)
			require.NoError(t, err)
			for range sends {
				_, err := cs.Eval(ctx, `rtGreet.send("cover")`)
				require.NoError(t, err)
			}
			if !e.WorkerRunning() {
				// With nothing sent the worker may not have started: start it, so its Go runs.
				_, err := e.Worker().Eval(ctx, "1")
				require.NoError(t, err)
			}
			require.NoError(t, b.Close())
			assert.Equal(t, sends, handlerRuns(t, dir))
		})
	}
}

// TestCoverageIsNotTakenFromWebPages: the host writes files for extension contexts only; a page
// that defines the hook gets nothing written.
func TestCoverageIsNotTakenFromWebPages(t *testing.T) {
	dir := t.TempDir()
	b, err := browser.New(browser.Options{Seed: 1, CoverDir: dir})
	require.NoError(t, err)
	const url = "http://127.0.0.1:8000/page.html"
	meta := "[0, 99, 118, 109, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]"
	counters := "[0, 99, 119, 109, 1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]"
	b.ServePage(url, browser.Page{HTML: "<script>globalThis." + wasmcover.Hook + " = () => ({meta: new Uint8Array(" +
		meta + "), counters: new Uint8Array(" + counters + ")});</script>"})
	tab, err := b.OpenTab(url)
	require.NoError(t, err)
	raw, err := tab.Top().Page().Eval(context.Background(), "typeof "+wasmcover.Hook)
	require.NoError(t, err)
	require.JSONEq(t, `"function"`, string(raw), "the page defined the hook")
	require.NoError(t, b.Close())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, en := range entries {
		names = append(names, en.Name())
	}
	assert.Empty(t, names, strings.Join(names, " "))
}
