package bridge

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestURLOrigin(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"https://a.example/x", "https://a.example"},
		{"https://a.example", "https://a.example"},
		{"http://127.0.0.1:8080/page.html?q=1#top", "http://127.0.0.1:8080"},
		{"http://127.0.0.1?q", "http://127.0.0.1"},
		{"http://127.0.0.1#f", "http://127.0.0.1"},
		{"http://[::1]:8080/", "http://[::1]:8080"},
		{"HTTPS://a.example/", "https://a.example"},
		{"https://user:pw@a.example/", ""},
		{"https://@a.example/", ""},
		{"https:///path", ""},
		{"https://", ""},
		{"https:a.example", ""},
		{"chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html", ""},
		{"file:///tmp/x.html", ""},
		{"about:blank", ""},
		{"", ""},
	} {
		assert.Equal(t, tc.want, urlOrigin(tc.url), tc.url)
	}
}

// FuzzURLOrigin holds urlOrigin to net/url's reading of every URL that net/url accepts and Chrome
// could send: an http(s) URL whose authority is plain (no percent escapes, which Chrome never leaves
// in a host, and no user info, which both refuse).
func FuzzURLOrigin(f *testing.F) {
	for _, s := range []string{"https://a.example/x", "http://127.0.0.1:8080/?q#f", "http://[::1]/", "https://u@h/", "HTTP://H/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := urlOrigin(raw)
		if got != "" {
			assert.True(t, strings.HasPrefix(strings.ToLower(raw[:len(got)]), got[:strings.Index(got, "://")]), "the scheme is the URL's")
			assert.Equal(t, raw[strings.Index(raw, "://"):len(got)], got[strings.Index(got, "://"):], "the authority is cut from the URL")
			assert.NotContains(t, got[strings.Index(got, "://")+3:], "@")
			if len(raw) > len(got) {
				assert.Contains(t, "/?#", raw[len(got):len(got)+1], "the authority ends at a path, query or fragment")
			}
		}
		u, err := url.Parse(raw)
		if err != nil || strings.Contains(raw, "%") || !strings.Contains(raw, "://") {
			return
		}
		if u.User != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			assert.Empty(t, got, "net/url finds no origin in %q", raw)
			return
		}
		assert.Equal(t, u.Scheme+"://"+u.Host, got, raw)
	})
}
