package chromesim

import (
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// cookie is one cookie of the profile's jar, as chrome.cookies reports it.
type cookie struct {
	name, value string
	// domain is the host the cookie belongs to, without a leading dot; hostOnly cookies go to that
	// host alone, the others to its subdomains too (Chrome reports those with a leading dot).
	domain   string
	hostOnly bool
	path     string
	secure   bool
	httpOnly bool
	// sameSite is chrome.cookies.SameSiteStatus: "unspecified", "lax", "strict", "no_restriction".
	sameSite string
	// expires is seconds since the epoch; 0 for a session cookie.
	expires float64
	// serial orders cookies by creation, as Chrome lists those of equal path length.
	serial int
}

// key is what makes two cookies the same one: name, domain (with host-only-ness) and path.
func (k *cookie) key() string {
	d := k.domain
	if !k.hostOnly {
		d = "." + d
	}
	return k.name + "\x00" + d + "\x00" + k.path
}

// json is the cookie as a chrome.cookies.Cookie.
func (k *cookie) json() map[string]any {
	d := k.domain
	if !k.hostOnly {
		d = "." + d
	}
	o := map[string]any{"name": k.name, "value": k.value, "domain": d, "hostOnly": k.hostOnly, "path": k.path,
		"secure": k.secure, "httpOnly": k.httpOnly, "sameSite": k.sameSite, "session": k.expires == 0, "storeId": "0"}
	if k.expires != 0 {
		o["expirationDate"] = k.expires
	}
	return o
}

// pair is the cookie as a Cookie header and document.cookie list it: "name=value", or the value
// alone for a nameless cookie (measured).
func (k *cookie) pair() string {
	if k.name == "" {
		return k.value
	}
	return k.name + "=" + k.value
}

// cookieChange is one onChanged event: the cookie, whether it went, and why.
type cookieChange struct {
	cookie  *cookie
	removed bool
	cause   string // "explicit", "overwrite", "expired_overwrite"
}

// cookieJar is the profile's cookies, shared by pages (Set-Cookie, document.cookie) and extensions
// (chrome.cookies).
type cookieJar struct {
	list   []*cookie
	serial int
}

// cookieSource says who sets a cookie, which decides what it may set.
type cookieSource int

const (
	fromHTTP   cookieSource = iota // a response's Set-Cookie, or chrome.cookies.set
	fromScript                     // document.cookie: cannot touch HttpOnly cookies
)

// parseSetCookie reads a Set-Cookie value (or a document.cookie assignment) set from u as
// Chrome stores it (RFC 6265bis): nil when Chrome would refuse it. now is the wall clock.
func parseSetCookie(line string, u *url.URL, now time.Time) *cookie {
	parts := strings.Split(line, ";")
	nv := strings.TrimSpace(parts[0])
	k := &cookie{sameSite: "unspecified", hostOnly: true, domain: strings.ToLower(u.Hostname())}
	if i := strings.IndexByte(nv, '='); i >= 0 {
		k.name, k.value = strings.TrimSpace(nv[:i]), strings.TrimSpace(nv[i+1:])
	} else {
		k.value = nv
	}
	if k.name == "" && k.value == "" || strings.ContainsAny(nv, "\x00\r\n") {
		return nil
	}
	var maxAge *int
	var expires time.Time
	path := ""
	for _, attr := range parts[1:] {
		name, value, _ := strings.Cut(attr, "=")
		name, value = strings.ToLower(strings.TrimSpace(name)), strings.TrimSpace(value)
		switch name {
		case "domain":
			d := strings.ToLower(strings.TrimPrefix(value, "."))
			if d == "" {
				continue
			}
			if !domainMatch(k.domain, d) || net.ParseIP(k.domain) != nil && d != k.domain {
				return nil
			}
			k.domain, k.hostOnly = d, false
		case "path":
			if strings.HasPrefix(value, "/") {
				path = value
			}
		case "secure":
			k.secure = true
		case "httponly":
			k.httpOnly = true
		case "samesite":
			switch strings.ToLower(value) {
			case "lax":
				k.sameSite = "lax"
			case "strict":
				k.sameSite = "strict"
			case "none":
				k.sameSite = "no_restriction"
			}
		case "max-age":
			if n, err := strconv.Atoi(value); err == nil {
				maxAge = &n
			}
		case "expires":
			if t, err := time.Parse(time.RFC1123, value); err == nil {
				expires = t
			} else if t, err := time.Parse("Mon, 02-Jan-2006 15:04:05 MST", value); err == nil {
				expires = t
			}
		}
	}
	// A Secure cookie needs a secure origin, and so does SameSite=None (which must be Secure).
	if k.secure && !secureURL(u) || k.sameSite == "no_restriction" && !k.secure {
		return nil
	}
	if path == "" {
		path = defaultCookiePath(u.Path)
	}
	k.path = path
	switch {
	case maxAge != nil && *maxAge <= 0:
		k.expires = -1
	case maxAge != nil:
		k.expires = float64(now.Add(time.Duration(*maxAge)*time.Second).UnixNano()) / 1e9
	case !expires.IsZero():
		k.expires = float64(expires.UnixNano()) / 1e9
		if !expires.After(now) {
			k.expires = -1
		}
	}
	return k
}

// secureURL reports a URL whose cookies may be Secure: https, and localhost as Chrome treats it.
func secureURL(u *url.URL) bool {
	return u.Scheme == "https" || u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1"
}

// defaultCookiePath is RFC 6265's default-path of a request path: up to its last slash.
func defaultCookiePath(p string) string {
	i := strings.LastIndexByte(p, '/')
	if !strings.HasPrefix(p, "/") || i <= 0 {
		return "/"
	}
	return p[:i]
}

// domainMatch reports whether host is domain or one of its subdomains.
func domainMatch(host, domain string) bool {
	return host == domain || strings.HasSuffix(host, "."+domain) && net.ParseIP(host) == nil
}

// pathMatch is RFC 6265's path-match.
func pathMatch(reqPath, cookiePath string) bool {
	if reqPath == "" {
		reqPath = "/"
	}
	return reqPath == cookiePath || strings.HasPrefix(reqPath, cookiePath) &&
		(strings.HasSuffix(cookiePath, "/") || reqPath[len(cookiePath)] == '/')
}

// matchesURL reports whether the cookie goes with a request to u.
func (k *cookie) matchesURL(u *url.URL) bool {
	host := strings.ToLower(u.Hostname())
	if k.hostOnly && host != k.domain || !k.hostOnly && !domainMatch(host, k.domain) {
		return false
	}
	return pathMatch(u.EscapedPath(), k.path) && (!k.secure || secureURL(u))
}

// expired reports a cookie past its expiry at now.
func (k *cookie) expired(now time.Time) bool {
	return k.expires != 0 && k.expires*1e9 <= float64(now.UnixNano())
}

// set stores k (from parseSetCookie) and reports the changes: an existing cookie of the same key
// is overwritten (or, when k is already expired, removed); a script may not overwrite an HttpOnly
// cookie (nothing changes then, and ok is false).
func (j *cookieJar) set(k *cookie, src cookieSource) (changes []cookieChange, ok bool) {
	if src == fromScript && k.httpOnly {
		return nil, false
	}
	i := slices.IndexFunc(j.list, func(o *cookie) bool { return o.key() == k.key() })
	if i >= 0 {
		old := j.list[i]
		if src == fromScript && old.httpOnly {
			return nil, false
		}
		cause := "overwrite"
		if k.expires < 0 {
			cause = "expired_overwrite"
		}
		j.list = slices.Delete(j.list, i, i+1)
		changes = append(changes, cookieChange{cookie: old, removed: true, cause: cause})
	}
	if k.expires < 0 {
		return changes, true
	}
	j.serial++
	k.serial = j.serial
	j.list = append(j.list, k)
	return append(changes, cookieChange{cookie: k, cause: "explicit"}), true
}

// remove takes out the cookie with k's key, if there is one.
func (j *cookieJar) remove(k *cookie) *cookie {
	i := slices.IndexFunc(j.list, func(o *cookie) bool { return o.key() == k.key() })
	if i < 0 {
		return nil
	}
	old := j.list[i]
	j.list = slices.Delete(j.list, i, i+1)
	return old
}

// sorted is every live cookie in Chrome's order: longer paths first, then oldest first.
func (j *cookieJar) sorted(now time.Time) []*cookie {
	j.list = slices.DeleteFunc(j.list, func(k *cookie) bool { return k.expired(now) })
	out := slices.Clone(j.list)
	slices.SortStableFunc(out, func(a, b *cookie) int {
		if len(a.path) != len(b.path) {
			return len(b.path) - len(a.path)
		}
		return a.serial - b.serial
	})
	return out
}

// forURL lists the cookies a request to u carries, in order; script excludes HttpOnly ones (for
// document.cookie) and crossSite keeps only SameSite=None ones.
func (j *cookieJar) forURL(u *url.URL, now time.Time, script, crossSite bool) []*cookie {
	var out []*cookie
	for _, k := range j.sorted(now) {
		if !k.matchesURL(u) || script && k.httpOnly || crossSite && k.sameSite != "no_restriction" {
			continue
		}
		out = append(out, k)
	}
	return out
}

// header is the Cookie header (or document.cookie) for those cookies.
func cookieHeader(list []*cookie) string {
	pairs := make([]string, len(list))
	for i, k := range list {
		pairs[i] = k.pair()
	}
	return strings.Join(pairs, "; ")
}

// site is a URL's site for SameSite: its scheme and its registrable domain, taken as the last two
// labels of the host (hostsim has no public suffix list; an IP or a one-label host stands alone).
func site(u *url.URL) string {
	h := strings.ToLower(u.Hostname())
	if net.ParseIP(h) == nil {
		if labels := strings.Split(h, "."); len(labels) > 2 {
			h = strings.Join(labels[len(labels)-2:], ".")
		}
	}
	return u.Scheme + "://" + h
}

// siteOfOrigin is site for an origin string ("https://a.example:8443").
func siteOfOrigin(origin string) string {
	u, err := url.Parse(origin)
	if err != nil {
		return origin
	}
	return site(u)
}
