//go:build !e2e

package e2e

// The sim_*_test.go files test the example in hostsim through its own API (virtual time, latency,
// the transcript, the action popup), where the harness tests cannot reach; their Chromium twins
// carry the e2e tag and the same names.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/hostsim/browser"
)

const pageURL = "http://127.0.0.1:8000/index.html"

// env is a hostsim browser with the example installed.
type env struct {
	b    *browser.Browser
	ext  *browser.Extension
	tab  *browser.Tab
	cs   *browser.Context
	page *browser.Context
	wk   *browser.Context
	ctx  context.Context
	t    *testing.T
}

// eval returns the JSON of expr in c, failing the test on an exception.
func (e *env) eval(c *browser.Context, expr string) string {
	e.t.Helper()
	raw, err := c.Eval(e.ctx, expr)
	require.NoError(e.t, err, expr)
	return string(raw)
}

func (e *env) assertJSON(c *browser.Context, expr, want string) {
	e.t.Helper()
	assert.JSONEq(e.t, want, e.eval(c, expr), expr)
}

// run executes statements in c.
func (e *env) run(c *browser.Context, stmts string) {
	e.t.Helper()
	_, err := c.Eval(e.ctx, "(() => {"+stmts+"\n})()")
	require.NoError(e.t, err, stmts)
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// copyFixture copies the extension folder src into a temporary folder, replacing in its
// manifest.json each key of manifestEdits (which must be there) with its value.
func copyFixture(t *testing.T, src string, manifestEdits map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(src)))
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	s := string(b)
	for from, to := range manifestEdits {
		require.Contains(t, s, from)
		s = strings.Replace(s, from, to, 1)
	}
	require.NoError(t, os.WriteFile(path, []byte(s), 0o644))
	return dir
}
