package jsrt

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// urlRealm is a realm with RequireURL's URL and URLSearchParams as globals.
func urlRealm(t *testing.T) *Realm {
	t.Helper()
	r, _, _ := newRealm(t, NewScheduler(Options{}))
	m := r.VM.NewObject()
	require.NoError(t, m.Set("exports", r.VM.NewObject()))
	RequireURL(r.VM, m)
	exports := m.Get("exports").ToObject(r.VM)
	require.NoError(t, r.VM.Set("URLSearchParams", exports.Get("URLSearchParams")))
	require.NoError(t, r.VM.Set("URL", exports.Get("URL")))
	return r
}

// TestURLOrigin: URL.prototype.origin as Chromium 156 gives it (measured with new URL(…) in a
// page: origin, host, port). goja_nodejs gave scheme://hostname, dropping every port.
func TestURLOrigin(t *testing.T) {
	r := urlRealm(t)
	for _, c := range []struct{ url, origin string }{
		{"http://localhost:8000/x", "http://localhost:8000"},
		{"http://localhost:80/x", "http://localhost"},
		{"https://a.b:443/", "https://a.b"},
		{"https://a.b:8443/p", "https://a.b:8443"},
		{"ws://h:81/", "ws://h:81"},
		{"wss://h:443/", "wss://h"},
		{"ftp://h:21/", "ftp://h"},
		{"http://127.0.0.1:8001/login.html?x#y", "http://127.0.0.1:8001"},
		{"HTTP://User:pw@EXAMPLE.com:8080/", "http://example.com:8080"},
		{"http://[::1]:8080/", "http://[::1]:8080"},
		{"file:///tmp/x", "file://"},
		{"chrome-extension://abcdefghijklmnopabcdefghijklmnop/p.html", "chrome-extension://abcdefghijklmnopabcdefghijklmnop"},
		{"blob:http://h:9/uuid", "http://h:9"},
		{"data:text/plain,x", "null"},
		{"about:blank", "null"},
		{"javascript:1", "null"},
		{"mailto:a@b", "null"},
	} {
		v, err := r.RunScript("origin.js", `new URL(`+strconv.Quote(c.url)+`).origin`)
		if assert.NoError(t, err, c.url) {
			assert.Equal(t, c.origin, v.String(), c.url)
		}
	}
}
