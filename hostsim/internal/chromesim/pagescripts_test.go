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
