package chromesim

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var cookieNow = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestParseSetCookie(t *testing.T) {
	page, err := url.Parse("http://www.cookies.example/dir/page")
	require.NoError(t, err)
	cases := []struct {
		line string
		want string // "" for refused; else name|value|domain|hostOnly|path|secure|httpOnly|sameSite|session
	}{
		{"a=1", "a|1|www.cookies.example|true|/dir|false|false|unspecified|true"},
		{" a = 1 ; Path=/", "a|1|www.cookies.example|true|/|false|false|unspecified|true"},
		{"v", "|v|www.cookies.example|true|/dir|false|false|unspecified|true"},
		{"a=1; Domain=.cookies.example", "a|1|cookies.example|false|/dir|false|false|unspecified|true"},
		{"a=1; domain=WWW.cookies.example", "a|1|www.cookies.example|false|/dir|false|false|unspecified|true"},
		{"a=1; Domain=other.example", ""},
		{"a=1; Domain=sub.www.cookies.example", ""},
		{"a=1; Secure", ""},
		{"a=1; SameSite=None", ""},
		{"a=1; SameSite=Lax; HttpOnly", "a|1|www.cookies.example|true|/dir|false|true|lax|true"},
		{"a=1; samesite=strict", "a|1|www.cookies.example|true|/dir|false|false|strict|true"},
		{"a=1; SameSite=bogus", "a|1|www.cookies.example|true|/dir|false|false|unspecified|true"},
		{"a=1; Max-Age=60", "a|1|www.cookies.example|true|/dir|false|false|unspecified|false"},
		{"a=1; Path=relative", "a|1|www.cookies.example|true|/dir|false|false|unspecified|true"},
		{"=", ""},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			k := parseSetCookie(c.line, page, cookieNow)
			if c.want == "" {
				assert.Nil(t, k)
				return
			}
			require.NotNil(t, k)
			got := strings.Join([]string{k.name, k.value, k.domain, bstr(k.hostOnly), k.path, bstr(k.secure), bstr(k.httpOnly), k.sameSite, bstr(k.expires == 0)}, "|")
			assert.Equal(t, c.want, got)
		})
	}
	gone := parseSetCookie("a=1; Max-Age=0", page, cookieNow)
	require.NotNil(t, gone)
	assert.Negative(t, gone.expires, "Max-Age=0 deletes")
	https, _ := url.Parse("https://cookies.example/")
	assert.NotNil(t, parseSetCookie("a=1; Secure; SameSite=None", https, cookieNow))
}

func bstr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestCookieJarOrderAndOverwrite(t *testing.T) {
	u, _ := url.Parse("http://cookies.example/sub/x")
	j := &cookieJar{}
	for _, line := range []string{"a=1; Path=/", "b=2; Path=/sub", "c=3; Path=/; HttpOnly"} {
		_, ok := j.set(parseSetCookie(line, u, cookieNow), fromHTTP)
		require.True(t, ok)
	}
	assert.Equal(t, "b=2; a=1; c=3", cookieHeader(j.forURL(u, cookieNow, false, false)), "longer paths first, then oldest")
	assert.Equal(t, "b=2; a=1", cookieHeader(j.forURL(u, cookieNow, true, false)), "HttpOnly hidden from script")
	assert.Empty(t, j.forURL(u, cookieNow, false, true), "no SameSite=None cookie crosses sites")

	changes, ok := j.set(parseSetCookie("a=9; Path=/", u, cookieNow), fromScript)
	require.True(t, ok)
	require.Len(t, changes, 2)
	assert.Equal(t, "overwrite", changes[0].cause)
	assert.True(t, changes[0].removed)
	assert.Equal(t, "b=2; c=3; a=9", cookieHeader(j.forURL(u, cookieNow, false, false)), "an overwritten cookie is new")

	_, ok = j.set(parseSetCookie("c=x; Path=/", u, cookieNow), fromScript)
	assert.False(t, ok, "a script cannot overwrite an HttpOnly cookie")
	changes, _ = j.set(parseSetCookie("b=2; Path=/sub; Max-Age=0", u, cookieNow), fromHTTP)
	require.Len(t, changes, 1)
	assert.Equal(t, "expired_overwrite", changes[0].cause)

	later := cookieNow.Add(2 * time.Hour)
	_, _ = j.set(parseSetCookie("d=4; Path=/; Max-Age=3600", u, cookieNow), fromHTTP)
	assert.Equal(t, "c=3; a=9", cookieHeader(j.forURL(u, later, false, false)), "expired cookies are gone")
}

func TestPathMatch(t *testing.T) {
	for _, c := range []struct {
		req, cookie string
		want        bool
	}{
		{"/", "/", true}, {"/sub", "/sub", true}, {"/sub/x", "/sub", true}, {"/subway", "/sub", false},
		{"/sub/", "/sub/", true}, {"/a", "/sub", false}, {"", "/", true},
	} {
		assert.Equal(t, c.want, pathMatch(c.req, c.cookie), "%s in %s", c.req, c.cookie)
	}
}

// FuzzParseSetCookie: Set-Cookie lines come from Go handlers and document.cookie from page
// script, so any text must either be refused or give a cookie Chrome could hold for the URL.
func FuzzParseSetCookie(f *testing.F) {
	for _, s := range []string{"a=1", "a=1; Domain=.cookies.example; Path=/x; Secure; HttpOnly; SameSite=None; Max-Age=5",
		"v", "=; expires=Thu, 01 Jan 1970 00:00:00 GMT", "a=1; domain=", "a=\x00"} {
		f.Add(s)
	}
	u, _ := url.Parse("https://www.cookies.example/dir/page")
	f.Fuzz(func(t *testing.T, line string) {
		k := parseSetCookie(line, u, cookieNow)
		if k == nil {
			return
		}
		if !domainMatch("www.cookies.example", k.domain) {
			t.Fatalf("%q: domain %q is not the page's", line, k.domain)
		}
		if !strings.HasPrefix(k.path, "/") {
			t.Fatalf("%q: path %q", line, k.path)
		}
		if k.name == "" && k.value == "" {
			t.Fatalf("%q: empty cookie", line)
		}
		if k.sameSite == "no_restriction" && !k.secure {
			t.Fatalf("%q: SameSite=None without Secure", line)
		}
	})
}
