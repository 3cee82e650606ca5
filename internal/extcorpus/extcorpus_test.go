package extcorpus

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fixture = "testdata/corpus"

func fixtureExt(t *testing.T, rel string) Extension {
	t.Helper()
	exts, _, err := Discover(fixture)
	require.NoError(t, err)
	for _, e := range exts {
		if e.Rel == rel {
			return e
		}
	}
	require.Failf(t, "no such fixture extension", "%s", rel)
	return Extension{}
}

func TestDiscover(t *testing.T) {
	exts, skipped, err := Discover(fixture)
	require.NoError(t, err)
	assert.Equal(t, []Extension{
		{Dir: filepath.Join(fixture, "clean"), Rel: "clean", Popup: "popup.html", Options: "popup.html", Worker: true},
		{Dir: filepath.Join(fixture, "noisy"), Rel: "noisy", Popup: "pages/popup.html", Options: "pages/options.html", Worker: true},
	}, exts)
	require.Len(t, skipped, 2, "_archive is not searched")
	assert.Equal(t, "broken", skipped[0].Rel)
	assert.Contains(t, skipped[0].Reason, "manifest.json: unexpected end of JSON input")
	assert.Equal(t, Skipped{"mv2", "manifest_version 2"}, skipped[1])
}

func TestStripComments(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]any
	}{
		{"none", `{"a": "b"}`, map[string]any{"a": "b"}},
		{"line", "{\"a\": 1 // one\n}", map[string]any{"a": float64(1)}},
		{"block", `{/* x */"a": /* "y" */ 2}`, map[string]any{"a": float64(2)}},
		{"slashes in strings stay", `{"url": "https://a.test/*", "c": "/* no */"}`, map[string]any{"url": "https://a.test/*", "c": "/* no */"}},
		{"escaped quote", `{"a": "say \"//\" once" // c` + "\n}", map[string]any{"a": `say "//" once`}},
		{"block over lines", "{\"a\": 3 /* one\ntwo */}", map[string]any{"a": float64(3)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := StripComments([]byte(tt.in))
			assert.Len(t, out, len(tt.in), "every byte keeps its place")
			var got map[string]any
			require.NoError(t, json.Unmarshal(out, &got), "%s", out)
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzStripComments(f *testing.F) {
	for _, s := range []string{`{"a": 1}`, "// c\n{}", `{"a": "/*"} /* x`, `"\\"//`, "/*/", "/**/"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out := StripComments(in)
		require.Len(t, out, len(in))
		for i := range in {
			if in[i] == '\n' {
				require.Equal(t, byte('\n'), out[i], "newlines stay, so decoding errors keep their lines")
			}
			if out[i] != in[i] {
				require.Equal(t, byte(' '), out[i], "only blanks are written")
			}
		}
		require.Equal(t, out, StripComments(out), "no comment is left to strip")
		if json.Valid(in) {
			require.Equal(t, in, out, "valid JSON has no comments to strip")
		}
	})
}

func TestClassify(t *testing.T) {
	ext := Extension{Popup: "pages/popup.html", Options: "options.html"}
	tests := []struct {
		name            string
		worker, content bool
		page, want      string
	}{
		{"worker", true, false, "", ContextWorker},
		{"content script", false, true, "", ContextContent},
		{"web page", false, false, "", ContextPage},
		{"popup by path", false, false, "pages/popup.html", ContextPopup},
		{"popup by file name", false, false, "popup.html", ContextPopup},
		{"options", false, false, "options.html", ContextOptions},
		{"another page", false, false, "tab.html", "extension page tab.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Classify(ext, tt.worker, tt.content, tt.page))
		})
	}
}

func TestHostsimContext(t *testing.T) {
	ext := Extension{Popup: "popup.html", Options: "opt/options.html"}
	tests := []struct{ name, want string }{
		{"worker[A [b] c]", ContextWorker},
		{"tab 1 frame 0 content[A]", ContextContent},
		{"tab 1 frame 3 page", ContextPage},
		{"tab 2 frame 0 popup.html[A]", ContextPopup},
		{"tab 3 frame 0 options.html[A]", ContextOptions},
		{"tab 3 frame 0 other.html[A]", "extension page other.html"},
		{"popup popup.html[A]", "popup popup.html"},
		{"tab 1 frame 0 user script w[A]", "tab 1 frame 0 user script w"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, hostsimContext(ext, tt.name))
		})
	}
}

func TestRunFirstPerContext(t *testing.T) {
	r := Run{LoadError: "boom", Errors: []Message{{"worker", "a"}, {"popup", "b"}, {"worker", "c"}}}
	assert.False(t, r.Clean())
	assert.Equal(t, []Message{{"load", "boom"}, {"worker", "a"}, {"popup", "b"}}, r.FirstPerContext())
	assert.True(t, Run{}.Clean())
	assert.False(t, Run{Errors: []Message{{"page", "x"}}}.Clean())
}

func TestPrintTable(t *testing.T) {
	outs := []Outcome{
		{Ext: Extension{Rel: "a"}},
		{Ext: Extension{Rel: "b"}, Hostsim: Run{Errors: []Message{{"worker", "Uncaught TypeError: x | y\n  at z"}, {"worker", "more"}, {"popup", "p"}}}},
		{Ext: Extension{Rel: "c"}, Chromium: Run{LoadError: "manifest refused"}, Hostsim: Run{}},
		{Ext: Extension{Rel: "d"}, Chromium: Run{Errors: []Message{{"options", "o"}}}, Hostsim: Run{LoadError: "no"}},
	}
	var b bytes.Buffer
	require.NoError(t, PrintTable(&b, outs))
	assert.Equal(t, `| extension | Chromium clean? | hostsim clean? | first hostsim error per context |
|---|---|---|---|
| a | yes | yes |  |
| b | yes | no | worker: Uncaught TypeError: x \| y at z; popup: p |
| c | no | yes |  |
| d | no | no | load: no |

2 of 4 clean in Chromium, 1 of those clean in hostsim (1 clean in hostsim only)

not clean in Chromium (first error per context):
c | load: manifest refused
d | options: o
`, b.String())
	assert.Equal(t, Totals{Extensions: 4, ChromiumClean: 2, HostsimClean: 1, HostsimOnly: 1}, Tally(outs))
}

func TestOneLineBoundsLength(t *testing.T) {
	s := oneLine(strings.Repeat("é", 200))
	assert.Equal(t, strings.Repeat("é", 160)+"…", s)
}

// The hostsim runner on the fixture: every kind of error from every context the procedure opens,
// and the wait taken on hostsim's clock (the options page's error comes 1.5 s after it opens).
func TestHostsimRun(t *testing.T) {
	h := &Hostsim{PageURL: "http://127.0.0.1:8123" + PagePath}
	tests := []struct {
		ext  string
		wait time.Duration
		want []Message
	}{
		{"clean", 2 * time.Second, nil},
		{"noisy", 2 * time.Second, []Message{
			{ContextWorker, "worker says no"},
			{ContextContent, "Uncaught ReferenceError: undefinedFunction is not defined"},
			{ContextPopup, "Uncaught (in promise) Error: popup rejects"},
			{ContextOptions, "Uncaught TypeError: late options error"},
		}},
		{"noisy", time.Second, []Message{
			{ContextWorker, "worker says no"},
			{ContextContent, "Uncaught ReferenceError: undefinedFunction is not defined"},
			{ContextPopup, "Uncaught (in promise) Error: popup rejects"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.ext+" "+tt.wait.String(), func(t *testing.T) {
			r := h.Run(context.Background(), fixtureExt(t, tt.ext), tt.wait)
			require.Empty(t, r.LoadError)
			assert.Equal(t, tt.want, r.Errors)
			assert.Equal(t, len(tt.want) == 0, r.Clean())
		})
	}
}
