package browser

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const pageURL = "http://127.0.0.1:8000/index.html"

// env is a browser with the probe extension and one tab at pageURL.
type env struct {
	b    *Browser
	ext  *Extension
	tab  *Tab
	cs   *Context
	page *Context
	wk   *Context
	ctx  context.Context
	t    *testing.T
}

func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	b, err := New(opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = b.Close() })
	ext, err := b.Install("testdata/probe")
	require.NoError(t, err)
	tab, err := b.OpenTab(pageURL)
	require.NoError(t, err)
	cs := tab.Top().ContentScript(ext)
	require.NotNil(t, cs, "content script injected")
	return &env{b: b, ext: ext, tab: tab, cs: cs, page: tab.Top().Page(), wk: ext.Worker(), ctx: context.Background(), t: t}
}

// eval returns the JSON of expr in c, failing the test on an exception.
func (e *env) eval(c *Context, expr string) string {
	e.t.Helper()
	raw, err := c.Eval(e.ctx, expr)
	require.NoError(e.t, err, expr)
	return string(raw)
}

// evalErr returns the exception expr throws in c.
func (e *env) evalErr(c *Context, expr string) *JSError {
	e.t.Helper()
	_, err := c.Eval(e.ctx, expr)
	var je *JSError
	require.True(e.t, errors.As(err, &je), "want a JS error from %s, got %v", expr, err)
	return je
}

func (e *env) assertJSON(c *Context, expr, want string) {
	e.t.Helper()
	assert.JSONEq(e.t, want, e.eval(c, expr), expr)
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// run executes statements in c.
func (e *env) run(c *Context, stmts string) {
	e.t.Helper()
	_, err := c.Eval(e.ctx, "(() => {"+stmts+"\n})()")
	require.NoError(e.t, err, stmts)
}
