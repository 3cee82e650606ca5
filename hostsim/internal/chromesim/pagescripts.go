package chromesim

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

// inlineScriptBlocked is the console error of a page's CSP refusing an inline script, or "" when
// the policy lets it run: a policy whose script-src (else default-src) lists 'unsafe-inline' with
// no nonce or hash, the script's nonce, or the script's sha256 hash.
func inlineScriptBlocked(policy string, s InlineScript) string {
	directive := ""
	for _, name := range []string{"script-src", "default-src"} {
		for _, d := range strings.Split(policy, ";") {
			fields := strings.Fields(d)
			if len(fields) > 0 && strings.EqualFold(fields[0], name) && directive == "" {
				directive = strings.Join(fields, " ")
			}
		}
	}
	if directive == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(s.Text))
	hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	unsafeInline, keyed := false, false
	for _, src := range strings.Fields(directive)[1:] {
		l := strings.ToLower(src)
		switch {
		case l == "'unsafe-inline'":
			unsafeInline = true
		case strings.HasPrefix(l, "'nonce-"):
			keyed = true
			if s.Nonce != "" && src == "'nonce-"+s.Nonce+"'" {
				return ""
			}
		case strings.HasPrefix(l, "'sha"):
			keyed = true
			if src == hash {
				return ""
			}
		}
	}
	if unsafeInline && !keyed {
		return ""
	}
	return fmt.Sprintf("Refused to execute inline script because it violates the following Content Security Policy directive: %q. "+
		"Either the 'unsafe-inline' keyword, a hash (%s), or a nonce ('nonce-...') is required to enable inline execution.", directive, hash)
}
