package chromesim

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// The names are Chromium 156's, measured by the downloads scenario and its measurements.
func TestDefaultDownloadName(t *testing.T) {
	tests := []struct {
		url, disposition, mime, want string
	}{
		{"http://dl.example/a.txt", "", "text/plain", "a.txt"},
		{"http://dl.example/noext", "", "text/plain", "noext.txt"},
		{"http://dl.example/plain.csv", "", "text/plain", "plain.txt"},
		{"http://dl.example/x.TXT", "", "text/plain", "x.txt"},
		{"http://dl.example/html", "", "text/html", "html.html"},
		{"http://dl.example/json", "", "application/json", "json.json"},
		{"http://dl.example/oct", "", "application/octet-stream", "oct"},
		{"http://dl.example/dir/", "", "text/plain", "download.txt"},
		{"http://dl.example/a%20b.txt", "", "text/plain", "a b.txt"},
		{"http://dl.example/attach", `attachment; filename="report.csv"`, "text/csv", "report.csv"},
		{"http://dl.example/attach", `attachment; filename*=UTF-8''%C3%A9t%C3%A9.txt; filename="fallback.txt"`, "text/plain", "été.txt"},
		{"http://dl.example/attach", `attachment; filename="../../etc/passwd"`, "", "passwd"},
		{"http://dl.example/attach", `attachment; filename=`, "text/plain", "attach.txt"},
		{"data:text/plain,hello", "", "text/plain", "download.txt"},
		{"ftp://x/y", "", "", "y"},
		{"about:blank", "", "", "download"},
		{"javascript:1", "", "", "1"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, defaultDownloadName(tt.url, tt.disposition, tt.mime), "%s %q", tt.url, tt.disposition)
	}
}

func TestValidDownloadName(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "sub/dir/x.txt": true, "./d.txt": true, "a..b.txt": true,
		"": false, "/tmp/x.txt": false, "../x.txt": false, "a/../b": false, `a\b.txt`: false,
	} {
		assert.Equal(t, want, validDownloadName(name), name)
	}
}

func TestUniqueName(t *testing.T) {
	taken := map[string]bool{"a.txt": true, "a (1).txt": true, "sub/x": true}
	has := func(n string) bool { return taken[n] }
	assert.Equal(t, "b.txt", uniqueName("b.txt", has))
	assert.Equal(t, "a (2).txt", uniqueName("a.txt", has))
	assert.Equal(t, "sub/x (1)", uniqueName("sub/x", has))
}

func TestParseDataURL(t *testing.T) {
	tests := []struct {
		url, mime, body string
		ok              bool
	}{
		{"data:,hi", "text/plain", "hi", true},
		{"data:text/plain,hello%20you", "text/plain", "hello you", true},
		{"data:text/csv;charset=utf-8,a,b", "text/csv", "a,b", true},
		{"data:application/json;base64,e30=", "application/json", "{}", true},
		{"data:;base64,aGk=#frag", "text/plain", "hi", true},
		{"data:;base64,***", "", "", false},
		{"data:nocomma", "", "", false},
		{"http://x/", "", "", false},
	}
	for _, tt := range tests {
		m, body, ok := parseDataURL(tt.url)
		assert.Equal(t, tt.ok, ok, tt.url)
		if tt.ok {
			assert.Equal(t, tt.mime, m, tt.url)
			assert.Equal(t, tt.body, string(body), tt.url)
		}
	}
}

// A download's URL and its response's Content-Disposition come from the web: whatever they are,
// the name stays one file name inside the download folder.
func FuzzDefaultDownloadName(f *testing.F) {
	f.Add("http://dl.example/a.txt", `attachment; filename="r.csv"`, "text/csv")
	f.Add("data:;base64,aGk=", `attachment; filename*=UTF-8''%2E%2E%2Fx`, "text/plain")
	f.Add("http://dl.example/%2E%2E", `inline; filename="..\\..\\x"`, "")
	f.Fuzz(func(t *testing.T, rawURL, disposition, mimeType string) {
		name := defaultDownloadName(rawURL, disposition, mimeType)
		if name == "" || name == "." || name == ".." {
			t.Fatalf("name %q for %q %q", name, rawURL, disposition)
		}
		if utf8.ValidString(name) && !validDownloadName(name) {
			t.Fatalf("name %q for %q %q leaves the download folder", name, rawURL, disposition)
		}
		for _, r := range name {
			if r == '/' || r == '\\' {
				t.Fatalf("name %q for %q %q has a folder", name, rawURL, disposition)
			}
		}
		parseDataURL(rawURL)
	})
}
