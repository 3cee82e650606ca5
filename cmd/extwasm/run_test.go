package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/extwasm/extwasm/internal/probeworker"
)

// TestRunPlaysEveryKindOfStep plays a script with each "in" and each "then" on the plain-JS
// scenario fixture and checks what run prints.
func TestRunPlaysEveryKindOfStep(t *testing.T) {
	const fixture = "../../e2e/internal/scenario/testdata/ext"
	require.NoError(t, probeworker.Write(fixture))
	script := filepath.Join(t.TempDir(), "run.json")
	require.NoError(t, os.WriteFile(script, []byte(`{
		"pages": {"http://127.0.0.1:8000/a.html": {"title": "A", "html": "<p>a</p>", "script": "self.fromScript = 1;"}},
		"tabs": ["http://127.0.0.1:8000/a.html"],
		"steps": [
			{"title": "page script ran", "in": "page", "eval": "[self.fromScript, document.querySelector('p').textContent]"},
			{"title": "content script", "in": "cs", "wait": "self.csLoaded >= 1", "eval": "self.csLoaded"},
			{"title": "worker knows the tab", "in": "worker", "eval": "chrome.tabs.get({{tab}}).then((t) => t.url)", "then": "stop-worker"},
			{"title": "worker restarted", "in": "worker", "eval": "(self.mark = 1, true)", "then": "advance 31s"},
			{"title": "worker stopped when idle", "in": "worker", "eval": "self.mark === undefined"},
			{"title": "popup", "in": "popup", "eval": "location.pathname", "then": "navigate http://127.0.0.1:8000/b.html"},
			{"title": "navigated", "in": "page", "eval": "location.pathname", "then": "close"},
			{"title": "closed", "in": "worker", "eval": "chrome.tabs.query({url: 'http://127.0.0.1/*'}).then((ts) => ts.length)"},
			{"title": "a failing step", "in": "worker", "eval": "Promise.reject(new Error('no'))"}
		]}`), 0o644))
	code, stdout, stderr := extwasm("run", "-q", "-script", script, fixture)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "1 of 9 steps failed")
	for _, line := range []string{
		`✓ page script ran +\[1,"a"\]`,
		`✓ content script +1`,
		`✓ worker knows the tab +"http://127.0.0.1:8000/a.html"`,
		`✓ worker restarted +true`,
		`✓ worker stopped when idle +true`,
		`✓ popup +"/popup.html"`,
		`✓ navigated +"/b.html"`,
		`✓ closed +0`,
		`✗ a failing step +.*no`,
	} {
		assert.Regexp(t, line, stdout)
	}

	require.NoError(t, os.WriteFile(script, []byte(`{"steps": [{"in": "tab", "eval": "1"}]}`), 0o644))
	code, _, stderr = extwasm("run", "-script", script, fixture)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, `step 1: "in" is "tab"`)
}
