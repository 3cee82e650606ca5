package matchpattern

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The examples of Chrome's match-pattern documentation, plus the edges of
// Chromium's URLPattern.
func TestMatch(t *testing.T) {
	cases := []struct {
		pattern string
		yes     []string
		no      []string
	}{
		{"https://*/*", []string{"https://www.google.com/", "https://example.org/foo/bar.html"},
			[]string{"http://www.google.com/", "file:///x"}},
		{"https://*/foo*", []string{"https://example.com/foo/bar.html", "https://www.google.com/foo"},
			[]string{"https://www.google.com/bar/foo"}},
		{"https://*.google.com/foo*bar", []string{"https://www.google.com/foo/baz/bar", "https://docs.google.com/foobar", "https://google.com/foobar"},
			[]string{"https://www.google.com/foo/baz", "https://notgoogle.com/foobar", "https://www.google.com.evil/foobar"}},
		{"file:///foo*", []string{"file:///foo/bar.html", "file:///foo"}, []string{"file:///bar/foo"}},
		{"http://127.0.0.1/*", []string{"http://127.0.0.1/", "http://127.0.0.1/foo/bar.html", "http://127.0.0.1:8080/x"},
			[]string{"https://127.0.0.1/", "http://127.0.0.2/"}},
		{"*://mail.google.com/*", []string{"http://mail.google.com/foo/baz/bar", "https://mail.google.com/foobar"},
			[]string{"ftp://mail.google.com/", "ws://mail.google.com/"}},
		{"urn:*", []string{"urn:uuid:54723bea-c94e-480e-80c8-a69846c3f582"}, []string{"http://x/"}},
		{"<all_urls>", []string{"http://example.org/foo/bar.html", "file:///bar/baz.html", "wss://x/"},
			[]string{"javascript:alert(1)", "not a url"}},
		{"http://example.com:8080/*", []string{"http://example.com:8080/a"}, []string{"http://example.com/a", "http://example.com:80/a"}},
		{"http://example.com:80/*", []string{"http://example.com/a", "http://example.com:80/a"}, []string{"http://example.com:81/a"}},
		{"http://example.com/foo/*", []string{"http://example.com/foo", "http://example.com/foo/bar?x=1"}, []string{"http://example.com/fo"}},
		{"http://example.com/a?b", []string{"http://example.com/a?b"}, []string{"http://example.com/aXb"}},
		{"http://*.example.com/*", []string{"http://EXAMPLE.com/", "http://a.b.example.com/"}, []string{"http://xexample.com/"}},
		{"http://*.1.2.3/*", []string{"http://1.2.3/"}, []string{"http://0.1.2.3/"}},
		{"http://example.com/*", []string{"http://example.com./x", "http://example.com"}, nil},
		{"*://*/*", []string{"http://a/", "https://b/"}, []string{"file:///a", "ftp://a/"}},
		{"http://[::1]/*", []string{"http://[::1]:3000/x"}, []string{"http://[::2]/x"}},
	}
	for _, c := range cases {
		p, err := Parse(c.pattern, SchemesExtension)
		require.NoError(t, err, c.pattern)
		for _, u := range c.yes {
			assert.True(t, p.MatchString(u), "%s should match %s", c.pattern, u)
		}
		for _, u := range c.no {
			assert.False(t, p.MatchString(u), "%s should not match %s", c.pattern, u)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		pattern string
		valid   Schemes
		want    string
	}{
		{"https://www.google.com", SchemesExtension, "Empty path."},
		{"https://*foo/bar", SchemesExtension, "Invalid host wildcard."},
		{"https://foo.*.bar/baz", SchemesExtension, "Invalid host wildcard."},
		{"http:/bar", SchemesExtension, "Wrong scheme type."},
		{"foo://*", SchemesExtension, "Invalid scheme."},
		{"example.com/*", SchemesExtension, "Missing scheme separator."},
		{"http://", SchemesExtension, "Host can not be empty."},
		{"http:///path", SchemesExtension, "Host can not be empty."},
		{"http://*./", SchemesExtension, "Host can not be empty."},
		{"http://:80/", SchemesExtension, "Host can not be empty."},
		{"http://a:x/", SchemesExtension, "Invalid port."},
		{"http://a:65536/", SchemesExtension, "Invalid port."},
		{"*://a:80/", SchemesExtension, "Invalid port."},
		{"http://[::1/", SchemesExtension, "Invalid host."},
		{"http://[::1]x/", SchemesExtension, "Invalid host."},
		{"http://[]/", SchemesExtension, "Host can not be empty."},
		{"http://a b/", SchemesExtension, "Invalid host."},
		{"http://a<b/", SchemesExtension, "Invalid host."},
		{"chrome-extension://abc/*", SchemeHTTP | SchemeHTTPS, "Invalid scheme."},
	}
	for _, c := range cases {
		_, err := Parse(c.pattern, c.valid)
		require.Error(t, err, c.pattern)
		assert.Equal(t, c.want, err.Error(), c.pattern)
		var pe *ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, c.pattern, pe.Pattern)
		assert.ErrorIs(t, err, ErrNotPattern)
	}
}

func TestParseOK(t *testing.T) {
	cases := []struct{ in, canonical string }{
		{"<all_urls>", "<all_urls>"},
		{"*://*/*", "*://*/*"},
		{"HTTP://EXAMPLE.com/A", ""}, // scheme is case-sensitive in URLPattern
		{"http://Example.COM/A*", "http://example.com/A*"},
		{"http://a:8080/", "http://a:8080/"},
		{"http://a:*/", "http://a/"},
		{"file://localhost/foo", "file:///foo"},
		{"file://*", "file:///*"},
		{"http://bücher.de/*", "http://xn--bcher-kva.de/*"},
		{"urn:*", "urn:*"},
		{"ws://a/*", "ws://a/*"},
	}
	for _, c := range cases {
		p, err := Parse(c.in, SchemesExtension)
		if c.canonical == "" {
			assert.Error(t, err, c.in)
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.canonical, p.String(), c.in)
	}
}

func TestAccessors(t *testing.T) {
	p := MustParse("*://*.example.com/x", SchemesAll)
	assert.True(t, p.MatchesSubdomains())
	assert.False(t, p.MatchesAllHosts())
	assert.Equal(t, "example.com", p.Host())
	assert.Equal(t, "*", p.Scheme())
	assert.Equal(t, "/x", p.Path())
	assert.True(t, MustParse("http://*/*", SchemesAll).MatchesAllHosts())
	assert.True(t, MustParse(AllURLs, SchemesAll).MatchesAllURLs())
	assert.Panics(t, func() { MustParse("nope", SchemesAll) })
	var nilp *Pattern
	assert.False(t, nilp.MatchString("http://a/"))
}

func TestSchemesAll(t *testing.T) {
	p, err := Parse("gopher:a*", SchemesAll)
	require.NoError(t, err)
	assert.True(t, p.MatchString("gopher:ab"))
	assert.False(t, p.MatchString("gopher:b"))
	// Chromium does not know gopher as a standard scheme.
	_, err = Parse("gopher://a/*", SchemesAll)
	assert.EqualError(t, err, "Wrong scheme type.")
	_, err = Parse("gopher:a*", SchemesExtension)
	assert.EqualError(t, err, "Invalid scheme.")
}

func TestGlob(t *testing.T) {
	cases := []struct {
		pat, s string
		want   bool
	}{
		{"*", "", true}, {"a*b*c", "aXbYc", true}, {"a*b*c", "aXbY", false},
		{"**", "abc", true}, {"a", "b", false}, {"*a", "bbbba", true}, {"", "", true},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Glob(c.pat, c.s), "%q ~ %q", c.pat, c.s)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"<all_urls>", "*://*/*", "http://[::1]:80/x", "file://*", "urn:*",
		"https://*.google.com/foo*bar", "http://a:99999/", "http://*./"} {
		f.Add(s, "http://a.google.com:80/foo?x")
	}
	f.Fuzz(func(t *testing.T, pattern, u string) {
		p, err := Parse(pattern, SchemesAll)
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			require.NotEqual(t, Success, pe.Result)
			return
		}
		_ = p.MatchString(u)
		// The canonical spelling must parse again to the same pattern.
		q, err := Parse(p.String(), SchemesAll)
		require.NoError(t, err, "reparse of %q (from %q)", p.String(), pattern)
		require.Equal(t, p.String(), q.String())
	})
}
