package chromesim

import (
	"crypto/sha256"
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestInlineScriptBlocked: which page policies let an inline script run.
func TestInlineScriptBlocked(t *testing.T) {
	s := InlineScript{Text: "window.x = 1;", Nonce: "abc"}
	sum := sha256.Sum256([]byte(s.Text))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	for _, tc := range []struct {
		policy string
		runs   bool
	}{
		{"", true},
		{"img-src 'none'", true},
		{"script-src 'self'", false},
		{"default-src 'self'", false},
		{"default-src 'self'; script-src 'unsafe-inline'", true},
		{"script-src 'unsafe-inline' 'nonce-zzz'", false}, // a nonce or hash turns 'unsafe-inline' off
		{"script-src 'nonce-abc'", true},
		{"script-src " + hash, true},
		{"script-src 'sha256-AAAA'", false},
	} {
		why := inlineScriptBlocked(tc.policy, s)
		assert.Equal(t, tc.runs, why == "", tc.policy)
		if !tc.runs {
			assert.Contains(t, why, "Refused to execute inline script because it violates the following Content Security Policy directive", tc.policy)
		}
	}
}

// TestSrcScriptBlocked: which source expressions of a page policy let a src script load.
func TestSrcScriptBlocked(t *testing.T) {
	const doc = "http://127.0.0.1:8000/p.html"
	for _, tc := range []struct {
		policy, src string
		runs        bool
	}{
		{"", "http://any.test/x.js", true},
		{"script-src 'self'", "http://127.0.0.1:8000/x.js", true},
		{"script-src 'self'", "http://127.0.0.1:8001/x.js", false},
		{"default-src 'self'", "http://cdn.test/x.js", false},
		{"default-src 'self'; script-src http://cdn.test", "http://cdn.test/x.js", true},
		{"script-src cdn.test", "http://cdn.test/x.js", true},
		{"script-src cdn.test", "https://cdn.test/x.js", true}, // http sources allow https
		{"script-src https://cdn.test", "http://cdn.test/x.js", false},
		{"script-src *.cdn.test", "http://a.b.cdn.test/x.js", true},
		{"script-src *.cdn.test", "http://cdn.test/x.js", false},
		{"script-src http://cdn.test:8080", "http://cdn.test/x.js", false},
		{"script-src http://cdn.test:*", "http://cdn.test:8080/x.js", true},
		{"script-src http://cdn.test/lib/", "http://cdn.test/lib/a/x.js", true},
		{"script-src http://cdn.test/lib/x.js", "http://cdn.test/lib/y.js", false},
		{"script-src https:", "https://any.test/x.js", true},
		{"script-src *", "https://any.test/x.js", true},
		{"script-src 'none'", "http://127.0.0.1:8000/x.js", false},
		{"script-src 'nonce-abc'", "http://any.test/x.js", true},
		{"script-src 'unsafe-inline'", "http://127.0.0.1:8000/x.js", false},
	} {
		why := srcScriptBlocked(tc.policy, doc, PageScript{InlineScript: InlineScript{Nonce: "abc"}, HasSrc: true, Src: tc.src})
		assert.Equal(t, tc.runs, why == "", "%q loading %s: %s", tc.policy, tc.src, why)
	}
}

func TestInlineHandlerBlocked(t *testing.T) {
	const code = "go()"
	sum := sha256.Sum256([]byte(code))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	for _, tc := range []struct {
		policy string
		runs   bool
	}{
		{"", true},
		{"img-src 'self'", true},
		{"script-src 'self'", false},
		{"script-src 'unsafe-inline'", true},
		{"script-src 'unsafe-inline' 'nonce-abc'", false},
		{"script-src " + hash, false},
		{"script-src 'unsafe-hashes' " + hash, true},
		{"default-src 'self'", false},
		{"script-src 'self'; script-src-attr 'unsafe-inline'", true},
		{"script-src 'unsafe-inline'; script-src-attr 'none'", false},
	} {
		why := inlineHandlerBlocked(tc.policy, code)
		assert.Equal(t, tc.runs, why == "", "%q: %s", tc.policy, why)
	}
}
