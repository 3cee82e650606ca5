package chromium

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExtensionIDResolvesSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	require.NoError(t, os.Mkdir(real, 0o755))
	link := filepath.Join(dir, "link")
	require.NoError(t, os.Symlink(real, link))
	a, err := ExtensionID(real)
	require.NoError(t, err)
	b, err := ExtensionID(link)
	require.NoError(t, err)
	assert.Equal(t, a, b)
	assert.Len(t, a, 32)
	assert.Regexp(t, `^[a-p]{32}$`, a)

	_, err = ExtensionID(filepath.Join(dir, "missing"))
	assert.Error(t, err)
}

func TestParseHeaders(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     http.Header
		wantErr  string
	}{
		{"csp", "Content-Security-Policy: script-src 'self'\n", http.Header{"Content-Security-Policy": {"script-src 'self'"}}, ""},
		{"comments, blanks, repeats", "# note\n\nX-A: 1\nx-a: 2\n", http.Header{"X-A": {"1", "2"}}, ""},
		{"value with colon", "Link: <http://a/>; rel=x\n", http.Header{"Link": {"<http://a/>; rel=x"}}, ""},
		{"no colon", "garbage\n", nil, "line 1"},
		{"empty name", ": v\n", nil, "line 1"},
		{"space in name", "X Y: v\n", nil, "line 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseHeaders(tc.in)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func FuzzParseHeaders(f *testing.F) {
	f.Add("Content-Security-Policy: script-src 'self'\n")
	f.Add("# c\nA: b\n\nC:d")
	f.Add(": \x00\r")
	f.Fuzz(func(t *testing.T, in string) {
		h, err := ParseHeaders(in)
		if err != nil {
			return
		}
		for k, vs := range h {
			require.True(t, validHeaderName(k), k)
			for _, v := range vs {
				require.NotContains(t, v, "\n")
				require.NotContains(t, v, "\r")
			}
		}
	})
}

func TestDecodeEnvelope(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		wantJS         *JSError
		wantErr        bool
	}{
		{"value", `{"ok":true,"json":"{\"a\":1}"}`, `{"a":1}`, nil, false},
		{"null", `{"ok":true,"json":"null"}`, `null`, nil, false},
		{"exception", `{"ok":false,"name":"TypeError","message":"x"}`, "", &JSError{Realm: "r", Name: "TypeError", Message: "x"}, false},
		{"not json", `nope`, "", nil, true},
		{"inner not json", `{"ok":true,"json":"{"}`, "", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeEnvelope("r", tc.in)
			switch {
			case tc.wantJS != nil:
				var je *JSError
				require.ErrorAs(t, err, &je)
				assert.Equal(t, tc.wantJS, je)
			case tc.wantErr:
				assert.Error(t, err)
			default:
				require.NoError(t, err)
				assert.JSONEq(t, tc.want, string(got))
			}
		})
	}
}

func FuzzDecodeEnvelope(f *testing.F) {
	f.Add(`{"ok":true,"json":"[1,2]"}`)
	f.Add(`{"ok":false,"name":"","message":"m"}`)
	f.Add(`{"ok":true}`)
	f.Fuzz(func(t *testing.T, in string) {
		got, err := decodeEnvelope("r", in)
		if err == nil {
			require.True(t, json.Valid(got), "%q", got)
		}
	})
}

func TestJSErrorText(t *testing.T) {
	assert.Equal(t, "worker(x): TypeError: bad", (&JSError{Realm: "worker(x)", Name: "TypeError", Message: "bad"}).Error())
	assert.Equal(t, "page: uncaught plain", (&JSError{Realm: "page", Message: "plain"}).Error())
}

func TestPageServer(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.html"), []byte("<p>a</p>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.html.headers"), []byte("Content-Security-Policy: script-src 'self'\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "b.html"), []byte("<p>b</p>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.html"), []byte("x"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.html.headers"), []byte("not a header"), 0o644))
	s, err := ServePages(dir)
	require.NoError(t, err)
	defer s.Close()
	assert.True(t, strings.HasPrefix(s.URL, "http://127.0.0.1:"), s.URL)

	get := func(p string) (*http.Response, string) {
		resp, err := http.Get(s.Page(p))
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp, string(body)
	}
	resp, body := get("a.html")
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "<p>a</p>", body)
	assert.Equal(t, "script-src 'self'", resp.Header.Get("Content-Security-Policy"))
	resp, _ = get("b.html?q=1")
	assert.Equal(t, 200, resp.StatusCode)
	assert.Empty(t, resp.Header.Get("Content-Security-Policy"))
	resp, _ = get("a.html.headers")
	assert.Equal(t, 404, resp.StatusCode, "sidecars are not served")
	resp, body = get("../../etc/passwd")
	assert.NotEqual(t, 200, resp.StatusCode, "nothing outside the folder is served")
	assert.NotContains(t, body, "root:")
	resp, body = get("bad.html")
	assert.Equal(t, 500, resp.StatusCode)
	assert.Contains(t, body, "line 1")

	s.Set("b.html", "<p>inline</p>", http.Header{"Content-Security-Policy": {"default-src 'none'"}})
	s.Set("/new/page.html", "<p>new</p>", nil)
	resp, body = get("b.html")
	assert.Equal(t, "<p>inline</p>", body, "an inline page wins over a file")
	assert.Equal(t, "default-src 'none'", resp.Header.Get("Content-Security-Policy"))
	assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	_, body = get("new/page.html?x=1")
	assert.Equal(t, "<p>new</p>", body)

	_, err = ServePages(filepath.Join(dir, "missing"))
	assert.Error(t, err)
}

func TestLimitedBufferKeepsTail(t *testing.T) {
	b := &limitedBuffer{max: 4}
	_, _ = b.Write([]byte("abc"))
	_, _ = b.Write([]byte("defg"))
	assert.Equal(t, "defg", b.String())
}

func TestLaunchRejectsBadInput(t *testing.T) {
	ctx := t.Context()
	_, err := Launch(ctx, Options{Binary: filepath.Join(t.TempDir(), "none")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "none")

	_, err = Launch(ctx, Options{Binary: t.TempDir()})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not an executable")

	_, err = Launch(ctx, Options{Binary: "/bin/true", Extensions: []string{t.TempDir()}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no manifest.json")
}

func TestLoadMethodString(t *testing.T) {
	for _, tc := range []struct {
		m    LoadMethod
		want string
	}{
		{LoadAuto, "auto"},
		{LoadProtocol, "Extensions.loadUnpacked"},
		{LoadFlag, "--load-extension"},
		{LoadMethod(9), "LoadMethod(9)"},
	} {
		assert.Equal(t, tc.want, tc.m.String())
	}
}
