package extwasmtest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/extwasmtest"
)

// verdictTB is a test that reports the verdict it is given, so that what New does at the end of
// a failed test can be checked without failing this suite. Everything else is the real test's.
type verdictTB struct {
	*testing.T
	failed bool
	logs   []string
}

func (v *verdictTB) Failed() bool { return v.failed }

func (v *verdictTB) Logf(format string, args ...any) {
	v.logs = append(v.logs, fmt.Sprintf(format, args...))
	v.T.Logf(format, args...)
}

// TestNewWritesTheDiagramOfAFailedTest runs the same small test twice, once reported failed and
// once passed: only the failed one leaves a sequence diagram, named after the test and logged.
// Chromium has no transcript, so there neither does.
func TestNewWritesTheDiagramOfAFailedTest(t *testing.T) {
	kind, err := extwasmtest.Kind()
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "diagrams")
	t.Setenv(extwasmtest.DiagramDirEnv, dir)
	ext := fixture(t)

	for _, failed := range []bool{true, false} {
		var tb *verdictTB
		name := fmt.Sprintf("failed=%v", failed)
		t.Run(name, func(t *testing.T) {
			tb = &verdictTB{T: t, failed: failed}
			b := extwasmtest.New(tb)
			x := extwasmtest.Install(t, b, ext)
			tab := extwasmtest.OpenTab(t, b, b.Serve("/a.html", extwasmtest.Page{HTML: "<p>a</p>"}))
			require.NoError(t, extwasmtest.WaitFor(ctx(t), tab.ContentScript(x), "self.csLoaded >= 1", 10*time.Second))
			extwasmtest.EvalJSON(t, tab.ContentScript(x), `chrome.runtime.sendMessage({mode: "echo", v: 1})`, `1`)
		})
		path := filepath.Join(dir, "TestNewWritesTheDiagramOfAFailedTest_failed_"+fmt.Sprint(failed)+".html")
		_, statErr := os.Stat(path)
		if !failed || kind != extwasmtest.Hostsim {
			assert.True(t, os.IsNotExist(statErr), "%s: %v", name, statErr)
			assert.Empty(t, tb.logs, name)
			continue
		}
		require.NoError(t, statErr)
		assert.Equal(t, []string{"extwasmtest: the run's sequence diagram: " + path}, tb.logs)
		page, err := os.ReadFile(path)
		require.NoError(t, err)
		html := string(page)
		assert.Contains(t, html, "<title>TestNewWritesTheDiagramOfAFailedTest/failed=true (failed)</title>")
		assert.Contains(t, html, `data-name="worker[extwasm scenarios]"`)
		assert.Contains(t, html, `data-name="tab 2 frame 0 content[extwasm scenarios]"`)
		assert.Equal(t, 4, strings.Count(html, `<g class="msg`), "sendMessage, deliver, reply, result")
	}
}
