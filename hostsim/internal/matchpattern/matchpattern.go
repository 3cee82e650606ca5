// Package matchpattern implements Chrome's extension match patterns
// (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
// parsing with Chrome's error wording and matching URLs against a pattern.
//
// The grammar and the checks follow Chromium's URLPattern: "<all_urls>",
// scheme "*" meaning http or https, a "*." host prefix matching the host and
// its subdomains, any port when none is given, and a path where "*" matches
// any run of characters (including none) against the URL's path and query.
package matchpattern

import (
	"errors"
	"net"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// AllURLs is the special pattern that matches every URL with a valid scheme.
const AllURLs = "<all_urls>"

// Schemes is a set of URL schemes a pattern may name.
type Schemes uint32

// The schemes Chromium lets extensions use in match patterns.
const (
	SchemeHTTP Schemes = 1 << iota
	SchemeHTTPS
	SchemeFile
	SchemeFTP
	SchemeChromeUI
	SchemeExtension
	SchemeFilesystem
	SchemeWS
	SchemeWSS
	SchemeData
	SchemeUUIDInPackage

	// SchemesExtension is every scheme valid for extensions; content
	// scripts, host permissions and web_accessible_resources use it.
	SchemesExtension = SchemeHTTP | SchemeHTTPS | SchemeFile | SchemeFTP | SchemeChromeUI |
		SchemeExtension | SchemeFilesystem | SchemeWS | SchemeWSS | SchemeData | SchemeUUIDInPackage
	// SchemesAll accepts any scheme, as externally_connectable parses with.
	SchemesAll Schemes = 0xffffffff
)

var schemeNames = []struct {
	name string
	bit  Schemes
}{
	{"http", SchemeHTTP}, {"https", SchemeHTTPS}, {"file", SchemeFile}, {"ftp", SchemeFTP},
	{"chrome", SchemeChromeUI}, {"chrome-extension", SchemeExtension},
	{"filesystem", SchemeFilesystem}, {"ws", SchemeWS}, {"wss", SchemeWSS},
	{"data", SchemeData}, {"urn", SchemeUUIDInPackage},
}

// Result is the outcome of parsing a pattern; its String is Chrome's message.
type Result int

// Parse results, in Chromium's order, with Chromium's messages.
const (
	Success Result = iota
	MissingSchemeSeparator
	InvalidScheme
	WrongSchemeSeparator
	EmptyHost
	InvalidHostWildcard
	EmptyPath
	InvalidPort
	InvalidHost
)

var resultMessages = [...]string{
	Success:                "Success.",
	MissingSchemeSeparator: "Missing scheme separator.",
	InvalidScheme:          "Invalid scheme.",
	WrongSchemeSeparator:   "Wrong scheme type.",
	EmptyHost:              "Host can not be empty.",
	InvalidHostWildcard:    "Invalid host wildcard.",
	EmptyPath:              "Empty path.",
	InvalidPort:            "Invalid port.",
	InvalidHost:            "Invalid host.",
}

// String returns Chrome's message for r, for example "Invalid host wildcard.".
func (r Result) String() string {
	if r < 0 || int(r) >= len(resultMessages) {
		return "Unknown parse result."
	}
	return resultMessages[r]
}

// ParseError reports a pattern Chrome would refuse. Its Error is exactly
// Chrome's message so manifest errors can embed it verbatim.
type ParseError struct {
	Pattern string
	Result  Result
}

func (e *ParseError) Error() string { return e.Result.String() }

// Pattern is a parsed match pattern. The zero value matches nothing.
type Pattern struct {
	valid      Schemes
	allURLs    bool
	scheme     string
	host       string // canonical, without a "*." prefix
	subdomains bool   // host was "*" or started with "*."
	port       string // "*" or decimal
	path       string
}

// Parse parses pattern, accepting only the schemes in valid.
func Parse(pattern string, valid Schemes) (*Pattern, error) {
	p := &Pattern{valid: valid, port: "*"}
	if r := p.parse(pattern); r != Success {
		return nil, &ParseError{Pattern: pattern, Result: r}
	}
	return p, nil
}

// MustParse is Parse for patterns known to be valid; it panics otherwise.
func MustParse(pattern string, valid Schemes) *Pattern {
	p, err := Parse(pattern, valid)
	if err != nil {
		panic("matchpattern: " + pattern + ": " + err.Error())
	}
	return p
}

func isStandardScheme(s string) bool {
	switch s {
	case "http", "https", "file", "ftp", "chrome", "chrome-extension", "ws", "wss", "*":
		return true
	}
	return false
}

func (p *Pattern) schemeAllowed(s string) bool {
	if p.valid == SchemesAll {
		return true
	}
	for _, sn := range schemeNames {
		if sn.name == s {
			return p.valid&sn.bit != 0
		}
	}
	return false
}

func defaultPort(scheme string) int {
	switch scheme {
	case "http", "ws":
		return 80
	case "https", "wss":
		return 443
	case "ftp":
		return 21
	}
	return -1
}

func (p *Pattern) setPort(port string) bool {
	if port == "*" {
		p.port = port
		return true
	}
	// Chromium only accepts a numeric port for schemes that have ports; the
	// "*" scheme has none, so "*://host:80/" is refused.
	if defaultPort(p.scheme) < 0 {
		return false
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n >= 65536 || strings.HasPrefix(port, "+") {
		return false
	}
	p.port = port
	return true
}

func (p *Pattern) parse(pattern string) Result {
	if pattern == AllURLs {
		p.allURLs, p.subdomains, p.scheme, p.path = true, true, "*", "/*"
		return Success
	}
	end := strings.Index(pattern, "://")
	standardSep := true
	if end < 0 {
		end = strings.IndexByte(pattern, ':')
		standardSep = false
	}
	if end < 0 {
		return MissingSchemeSeparator
	}
	p.scheme = pattern[:end]
	if p.scheme == "*" {
		p.valid &= SchemeHTTP | SchemeHTTPS
	} else if !p.schemeAllowed(p.scheme) {
		return InvalidScheme
	}
	standard := isStandardScheme(p.scheme)
	if standard != standardSep {
		return WrongSchemeSeparator
	}
	if standard {
		end += 3
	} else {
		end++
	}
	if end >= len(pattern) {
		return EmptyHost
	}
	hostStart, pathStart := end, 0
	switch {
	case !standard:
		pathStart = hostStart
	case p.scheme == "file":
		// The host of a file pattern is ignored: file://localhost/x is file:///x.
		if i := strings.IndexByte(pattern[hostStart:], '/'); i < 0 {
			pathStart = hostStart - 1
		} else {
			pathStart = hostStart + i
		}
	default:
		i := strings.IndexByte(pattern[hostStart:], '/')
		if i == 0 {
			return EmptyHost
		}
		if i < 0 {
			return EmptyPath
		}
		hostAndPort := pattern[hostStart : hostStart+i]
		portSep := -1
		if hostAndPort[0] != '[' {
			portSep = strings.IndexByte(hostAndPort, ':')
		} else {
			j := strings.IndexByte(hostAndPort, ']')
			if j < 0 {
				return InvalidHost
			}
			if j == 1 {
				return EmptyHost
			}
			if j < len(hostAndPort)-1 {
				if hostAndPort[j+1] != ':' {
					return InvalidHost
				}
				portSep = j + 1
			}
		}
		host := hostAndPort
		if portSep >= 0 {
			if !p.setPort(hostAndPort[portSep+1:]) {
				return InvalidPort
			}
			host = hostAndPort[:portSep]
		}
		if host == "" {
			return EmptyHost
		}
		if host == "*" {
			p.subdomains, host = true, ""
		} else if strings.HasPrefix(host, "*.") {
			if len(host) == 2 {
				return EmptyHost
			}
			p.subdomains, host = true, host[2:]
		}
		p.host = host
		pathStart = hostStart + i
	}
	p.path = pattern[pathStart:]
	if strings.Contains(p.host, "*") {
		return InvalidHostWildcard
	}
	if p.host != "" {
		h, ok := canonicalHost(p.host)
		if !ok {
			return InvalidHost
		}
		p.host = h
	}
	return Success
}

// canonicalHost approximates net::CanonicalizeHost: lower case, IDN to
// punycode, bracketed IPv6 normalised, characters URLs forbid in hosts refused.
func canonicalHost(h string) (string, bool) {
	if strings.HasPrefix(h, "[") {
		if !strings.HasSuffix(h, "]") {
			return "", false
		}
		ip := net.ParseIP(h[1 : len(h)-1])
		if ip == nil || ip.To4() != nil && !strings.Contains(h, ":") {
			return "", false
		}
		return "[" + ip.String() + "]", true
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c <= ' ' || c == 0x7f || strings.IndexByte("#%/:<>?@[\\]^|", c) >= 0 {
			return "", false
		}
	}
	a, err := idna.Lookup.ToASCII(strings.TrimSuffix(h, "."))
	if err != nil {
		// Chromium accepts ASCII hosts that are not valid DNS names
		// (underscores, for example); only refuse what idna cannot map.
		for i := 0; i < len(h); i++ {
			if h[i] >= 0x80 {
				return "", false
			}
		}
		return strings.ToLower(h), true
	}
	if strings.HasSuffix(h, ".") {
		a += "."
	}
	return a, true
}

// String returns the pattern in Chrome's canonical spelling.
func (p *Pattern) String() string {
	if p.allURLs {
		return AllURLs
	}
	standard := isStandardScheme(p.scheme)
	var b strings.Builder
	b.WriteString(p.scheme)
	if standard {
		b.WriteString("://")
	} else {
		b.WriteString(":")
	}
	if standard && p.scheme != "file" {
		if p.subdomains {
			b.WriteString("*")
			if p.host != "" {
				b.WriteString(".")
			}
		}
		b.WriteString(p.host)
		if p.port != "*" {
			b.WriteString(":" + p.port)
		}
	}
	b.WriteString(p.path)
	return b.String()
}

// MatchesAllURLs reports whether the pattern is "<all_urls>".
func (p *Pattern) MatchesAllURLs() bool { return p.allURLs }

// MatchesSubdomains reports whether the host was "*" or started with "*.".
func (p *Pattern) MatchesSubdomains() bool { return p.subdomains }

// Host is the canonical host without any "*." prefix ("" for "*").
func (p *Pattern) Host() string { return p.host }

// Scheme is the pattern's scheme ("*" for <all_urls> and the http/https wildcard).
func (p *Pattern) Scheme() string { return p.scheme }

// Port is the pattern's port: "*" for any, else a decimal number.
func (p *Pattern) Port() string { return p.port }

// Path is the pattern's path, "*" being the only wildcard.
func (p *Pattern) Path() string { return p.path }

// MatchesAllHosts reports a wildcard host pattern: <all_urls> or a host of "*".
func (p *Pattern) MatchesAllHosts() bool { return p.allURLs || (p.subdomains && p.host == "") }

// MatchString parses rawURL and reports whether the pattern matches it;
// a URL that does not parse never matches.
func (p *Pattern) MatchString(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	return p.Match(u)
}

// Match reports whether the pattern matches u, as Chrome decides which
// frames get a content script or which pages may connect.
func (p *Pattern) Match(u *url.URL) bool {
	if p == nil || u == nil || u.Scheme == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	if !p.matchesScheme(scheme) {
		return false
	}
	if p.allURLs {
		return true
	}
	if u.Opaque != "" && isStandardScheme(scheme) {
		return false
	}
	path := u.EscapedPath()
	if u.Opaque != "" {
		path = u.Opaque
	}
	if path == "" {
		if !isStandardScheme(scheme) {
			return false
		}
		path = "/" // a standard URL's empty path canonicalises to "/"
	}
	if u.RawQuery != "" || u.ForceQuery {
		path += "?" + u.RawQuery
	}
	if isStandardScheme(scheme) && scheme != "file" {
		if !p.matchesHost(strings.ToLower(u.Hostname())) || !p.matchesPort(scheme, u.Port()) {
			return false
		}
	}
	return p.matchesPath(path)
}

func (p *Pattern) matchesScheme(s string) bool {
	if !p.schemeAllowed(s) {
		return false
	}
	// For "*" the scheme mask was narrowed to http/https at parse time;
	// <all_urls> keeps the full mask.
	return p.scheme == "*" || s == p.scheme
}

func (p *Pattern) matchesHost(h string) bool {
	if strings.Contains(h, ":") {
		h = "[" + h + "]"
	}
	th := strings.TrimSuffix(h, ".")
	ph := strings.TrimSuffix(p.host, ".")
	if th == ph {
		return true
	}
	if !p.subdomains {
		return false
	}
	if ph == "" {
		return true
	}
	if net.ParseIP(strings.Trim(th, "[]")) != nil {
		return false // no subdomain matching against IP addresses
	}
	return len(th) > len(ph)+1 && strings.HasSuffix(th, ph) && th[len(th)-len(ph)-1] == '.'
}

func (p *Pattern) matchesPort(scheme, port string) bool {
	if p.port == "*" {
		return true
	}
	want, _ := strconv.Atoi(p.port)
	got := defaultPort(scheme)
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil {
			return false
		}
		got = n
	}
	return got == want
}

func (p *Pattern) matchesPath(test string) bool {
	// "http://a/foo/*" also matches "http://a/foo", as Chromium allows.
	if len(p.path) == len(test)+2 && strings.HasPrefix(p.path, test) && strings.HasSuffix(p.path, "/*") {
		return true
	}
	return Glob(p.path, test)
}

// Glob matches s against pat where '*' matches any run of bytes (including
// '/'); every other byte is literal ('?' is literal in match patterns). Chrome
// uses the same globs for web_accessible_resources.
func Glob(pat, s string) bool {
	// Iterative matching with single-star backtracking: linear in practice
	// and never exponential, whatever the input.
	pi, si := 0, 0
	star, mark := -1, 0
	for si < len(s) {
		switch {
		case pi < len(pat) && pat[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(pat) && pat[pi] == s[si]:
			pi++
			si++
		case star >= 0:
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(pat) && pat[pi] == '*' {
		pi++
	}
	return pi == len(pat)
}

// ErrNotPattern is returned by errors.As users who need a sentinel; every
// parse failure is a *ParseError.
var ErrNotPattern = errors.New("matchpattern: not a match pattern")

// Is lets errors.Is(err, ErrNotPattern) recognise any *ParseError.
func (e *ParseError) Is(target error) bool { return target == ErrNotPattern }
