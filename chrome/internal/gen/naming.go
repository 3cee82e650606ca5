package gen

import (
	"strings"
	"unicode"
)

// initialisms are written in capitals in Go names (Go's own convention: URL, ID, HTTP).
var initialisms = map[string]string{
	"id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "http": "HTTP", "https": "HTTPS",
	"json": "JSON", "css": "CSS", "html": "HTML", "api": "API", "ui": "UI", "dns": "DNS",
	"tcp": "TCP", "udp": "UDP", "ip": "IP", "cpu": "CPU", "gpu": "GPU", "usb": "USB", "tts": "TTS",
	"os": "OS", "mime": "MIME", "uuid": "UUID", "utc": "UTC", "ssl": "SSL", "dom": "DOM",
	"js": "JS", "ime": "IME", "vpn": "VPN", "pdf": "PDF", "xhr": "XHR", "uri": "URI",
	"mtu": "MTU", "ttl": "TTL", "rpc": "RPC", "sql": "SQL", "ssid": "SSID", "pin": "PIN",
	"puk": "PUK", "nfc": "NFC", "hdmi": "HDMI", "mv3": "MV3", "mv2": "MV2", "ws": "WS",
	"wss": "WSS", "ftp": "FTP", "rgb": "RGB", "rgba": "RGBA", "acl": "ACL", "tls": "TLS",
}

// words splits a JavaScript name ("tabId", "main_frame", "bookmarks-bar", "TRUSTED_CONTEXTS",
// "MAX_NUMBER_OF_RULES", "getURL") into lower-case words.
func words(name string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == '.' || r == ' ' || r == '/' || r == ':':
			flush()
		case unicode.IsUpper(r):
			// A capital starts a word, except inside a run of capitals ("URL" in "getURLs"),
			// where the run's last capital starts the next word when a lower-case letter follows.
			prevUpper := i > 0 && unicode.IsUpper(rs[i-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if !prevUpper || nextLower {
				flush()
			}
			cur = append(cur, r)
		case unicode.IsDigit(r):
			if i > 0 && !unicode.IsDigit(rs[i-1]) && unicode.IsLower(rs[i-1]) == false && len(cur) == 0 {
				flush()
			}
			cur = append(cur, r)
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				cur = append(cur, r)
			} else {
				flush()
			}
		}
	}
	flush()
	return out
}

// exported is the exported Go name of a JavaScript name.
func exported(name string) string {
	var b strings.Builder
	for _, w := range words(name) {
		if v, ok := initialisms[w]; ok {
			b.WriteString(v)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	s := b.String()
	if s == "" {
		return "X"
	}
	if unicode.IsDigit(rune(s[0])) {
		s = "N" + s
	}
	return s
}

// goKeywords may not be parameter names.
var goKeywords = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true, "default": true,
	"defer": true, "else": true, "fallthrough": true, "for": true, "func": true, "go": true,
	"goto": true, "if": true, "import": true, "interface": true, "map": true, "package": true,
	"range": true, "return": true, "select": true, "struct": true, "switch": true, "type": true,
	"var": true,
	// Names the generated code itself uses.
	"ctx": true, "out": true, "err": true, "args": true, "fn": true, "api": true, "json": true,
	"chrome": true, "context": true, "string": true, "len": true, "new": true, "any": true,
}

// param is the Go parameter name of a JavaScript parameter name.
func param(name string) string {
	ws := words(name)
	if len(ws) == 0 {
		return "arg"
	}
	var b strings.Builder
	b.WriteString(ws[0])
	for _, w := range ws[1:] {
		if v, ok := initialisms[w]; ok {
			b.WriteString(v)
			continue
		}
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	s := b.String()
	if goKeywords[s] {
		s += "_"
	}
	if unicode.IsDigit(rune(s[0])) {
		s = "n" + s
	}
	return s
}

// packagePath is the folder under chrome/ of a namespace: "devtools.inspectedWindow" is
// "devtools/inspectedwindow".
func packagePath(ns string) string {
	return strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(ns, "_", ""), ".", "/"))
}

// packageName is the Go package name of a namespace: its last part, lower case.
func packageName(ns string) string {
	p := packagePath(ns)
	return p[strings.LastIndexByte(p, '/')+1:]
}
