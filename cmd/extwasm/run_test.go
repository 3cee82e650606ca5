package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
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

// TestRunWritesTheDiagram plays a message round trip, a port and a send nobody receives with
// -diagram, and reads the file back: one lane per context that took part, one arrow per transcript
// line with a channel, the rejection in red.
func TestRunWritesTheDiagram(t *testing.T) {
	out, messages := runWithDiagram(t)
	page, err := os.ReadFile(out)
	require.NoError(t, err)
	html := string(page)
	var lanes []string
	for _, m := range regexp.MustCompile(`<g class="lane[^"]*" data-name="([^"]*)"`).FindAllStringSubmatch(html, -1) {
		lanes = append(lanes, m[1])
	}
	assert.Equal(t, diagramLanes, lanes)
	assert.Equal(t, messages, strings.Count(html, `<g class="msg`), "one arrow per message or port event")
	assert.Equal(t, 1, strings.Count(html, `<g class="msg fault" data-kind="result"`), "the rejected send")
	assert.Contains(t, html, `&#34;v&#34;:&#34;&lt;b&gt;&amp;&#34;`, "the payload, escaped")
	assert.Contains(t, html, "<title>extwasm run: "+scenarioFixture+"</title>")
}

// scenarioFixture is the plain-JS extension of the shared scenarios.
const scenarioFixture = "../../e2e/internal/scenario/testdata/ext"

// diagramLanes are the lanes of runWithDiagram's run: the browser's, then the contexts.
var diagramLanes = []string{"browser", "worker[extwasm scenarios]", "tab 2 frame 0 content[extwasm scenarios]"}

// runWithDiagram runs `extwasm run -diagram` on a script with a message round trip, a port and a
// send nobody receives, and returns the diagram's path and how many lines of the printed
// transcript have a channel.
func runWithDiagram(t *testing.T) (string, int) {
	t.Helper()
	require.NoError(t, probeworker.Write(scenarioFixture))
	dir := t.TempDir()
	script := filepath.Join(dir, "run.json")
	require.NoError(t, os.WriteFile(script, []byte(`{
		"tabs": ["http://127.0.0.1:8000/a.html"],
		"steps": [
			{"title": "round trip", "in": "cs", "wait": "self.csLoaded >= 1", "eval": "chrome.runtime.sendMessage({mode: 'echo', v: '<b>&'})"},
			{"title": "port", "in": "cs", "eval": "new Promise((resolve) => { const p = chrome.runtime.connect({name: 'p'}); p.onMessage.addListener((m) => { p.disconnect(); resolve(m); }); p.postMessage({n: 1}); })"},
			{"title": "nobody else listens", "in": "worker", "eval": "chrome.runtime.sendMessage({}).catch((e) => e.message)"}
		]}`), 0o644))
	out := filepath.Join(dir, "run.html")
	code, stdout, stderr := extwasm("run", "-diagram", out, "-script", script, scenarioFixture)
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	require.Contains(t, stdout, "wrote the sequence diagram to "+out)

	_, transcript, found := strings.Cut(stdout, "transcript (virtual time):\n")
	require.True(t, found, stdout)
	channel := regexp.MustCompile(`^\s*[0-9.]+s (msg|port|native|nativemsg)#`)
	messages := 0
	for _, line := range strings.Split(strings.TrimSpace(transcript), "\n") {
		if strings.Contains(line, "wrote the sequence diagram") {
			break
		}
		if channel.MatchString(line) {
			messages++
		}
	}
	require.Greater(t, messages, 8, transcript)
	return out, messages
}

// TestRunWritesTheDiagramOfAFailedRun ends a run with a failed step and then an error: the diagram
// is written all the same, the rejection in red and the tab's closing noted.
func TestRunWritesTheDiagramOfAFailedRun(t *testing.T) {
	require.NoError(t, probeworker.Write(scenarioFixture))
	dir := t.TempDir()
	script := filepath.Join(dir, "run.json")
	require.NoError(t, os.WriteFile(script, []byte(`{
		"tabs": ["http://127.0.0.1:8000/a.html"],
		"steps": [
			{"title": "nobody else listens", "in": "worker", "eval": "chrome.runtime.sendMessage({})"},
			{"title": "close", "in": "page", "eval": "2", "then": "close"},
			{"title": "the closed tab", "in": "page", "eval": "1"}
		]}`), 0o644))
	out := filepath.Join(dir, "run.html")
	code, stdout, stderr := extwasm("run", "-q", "-diagram", out, "-script", script, scenarioFixture)
	require.Equal(t, 1, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	assert.Regexp(t, `✗ nobody else listens +.*Receiving end does not exist`, stdout)
	assert.Contains(t, stderr, "the closed tab")
	assert.Contains(t, stdout, "wrote the sequence diagram to "+out)
	page, err := os.ReadFile(out)
	require.NoError(t, err)
	html := string(page)
	assert.Equal(t, 1, strings.Count(html, `<g class="msg fault" data-kind="result"`), "the rejected send")
	assert.Equal(t, 1, strings.Count(html, `<g class="note" data-kind="close-tab"`))
}
