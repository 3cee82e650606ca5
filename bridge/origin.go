package bridge

import "strings"

// urlOrigin returns the origin ("scheme://host[:port]") of an http(s) URL, or "" for anything else
// (another scheme, no host, user info). It reads the URL as Chrome serializes it (the scheme and host
// already canonical), so it only has to cut: net/url would add net/netip, unique and internal/godebug
// to every module for a comparison whose other side is Chrome's own origin string.
func urlOrigin(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return ""
	}
	scheme = strings.ToLower(scheme)
	if scheme != "http" && scheme != "https" {
		return ""
	}
	authority := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		authority = rest[:i]
	}
	if authority == "" || strings.Contains(authority, "@") {
		return ""
	}
	return scheme + "://" + authority
}
