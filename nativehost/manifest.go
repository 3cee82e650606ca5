package nativehost

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Manifest is a native messaging host manifest, the JSON file that tells the browser how to start
// a host and which extensions may talk to it.
type Manifest struct {
	// Name is the host name the extension passes to connectNative and sendNativeMessage:
	// lower-case letters, digits, '.' and '_', dots only between other characters.
	Name string `json:"name"`
	// Description is a non-empty, human-readable description.
	Description string `json:"description"`
	// Path is the host executable. Chrome requires an absolute path on Linux and macOS; on
	// Windows it may be relative to the manifest.
	Path string `json:"path"`
	// Type must be "stdio".
	Type string `json:"type"`
	// AllowedOrigins lists the extensions that may start the host, as
	// "chrome-extension://<id>/". Wildcards are rejected.
	AllowedOrigins []string `json:"allowed_origins"`
	// SupportsNativeInitiatedConnections lets the host start a connection to the extension,
	// where the browser has that feature enabled.
	SupportsNativeInitiatedConnections bool `json:"supports_native_initiated_connections,omitempty"`
}

// ManifestError is a manifest that Chrome would refuse to load. Message is Chrome's own text, such
// as "Invalid value for name."; Detail, when set, is extra advice that Chrome does not print.
type ManifestError struct {
	Message string
	Detail  string
}

// Error returns Chrome's message, followed by the detail in parentheses when there is one.
func (e *ManifestError) Error() string {
	if e.Detail == "" {
		return e.Message
	}
	return e.Message + " (" + e.Detail + ")"
}

// Chrome's manifest messages (native_messaging_host_manifest.cc).
const (
	msgInvalidManifest = "Invalid manifest file."
	msgInvalidName     = "Invalid value for name."
	msgInvalidDesc     = "Invalid value for description."
	msgInvalidType     = "Invalid value for type."
	msgInvalidPath     = "Invalid value for path."
	msgOriginsNotList  = "Invalid value for allowed_origins. Expected a list of strings."
	msgOriginNotString = "allowed_origins must be list of strings."
	msgNativeInitBool  = "supports_native_initiated_connections must be a boolean."
)

// ValidName reports whether name is a valid host name: only [a-z0-9._], not empty, no leading or
// trailing '.', no "..". Chrome answers an invalid name passed to the API with
// "Invalid native messaging host name specified." and refuses a manifest with
// "Invalid value for name.".
func ValidName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_') {
			return false
		}
		if c == '.' && (i == 0 || name[i-1] == '.' || i == len(name)-1) {
			return false
		}
	}
	return true
}

// ParseManifest decodes and validates a host manifest the way Chrome loads one: the checks run in
// Chrome's order and a failure is a [*ManifestError] carrying Chrome's message. Unknown keys are
// ignored, as Chrome ignores them. ParseManifest does not check that Path is absolute, because
// Chrome only checks that when it launches the host.
func ParseManifest(data []byte) (*Manifest, error) {
	if !utf8.Valid(data) {
		return nil, &ManifestError{Message: msgInvalidManifest, Detail: "not valid UTF-8"}
	}
	var fields map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&fields); err != nil || fields == nil {
		var probe any
		if json.Unmarshal(data, &probe) == nil {
			return nil, &ManifestError{Message: msgInvalidManifest}
		}
		return nil, &ManifestError{Message: msgInvalidManifest, Detail: "not valid JSON"}
	}
	if dec.More() {
		return nil, &ManifestError{Message: msgInvalidManifest, Detail: "trailing data after the JSON object"}
	}
	var m Manifest
	str := func(key, msg string, dst *string) error {
		raw, ok := fields[key]
		if !ok || json.Unmarshal(raw, dst) != nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			return &ManifestError{Message: msg}
		}
		return nil
	}
	if err := str("name", msgInvalidName, &m.Name); err != nil {
		return nil, err
	}
	if !ValidName(m.Name) {
		return nil, &ManifestError{Message: msgInvalidName}
	}
	if err := str("description", msgInvalidDesc, &m.Description); err != nil {
		return nil, err
	}
	if m.Description == "" {
		return nil, &ManifestError{Message: msgInvalidDesc}
	}
	if err := str("type", msgInvalidType, &m.Type); err != nil {
		return nil, err
	}
	if m.Type != "stdio" {
		return nil, &ManifestError{Message: msgInvalidType}
	}
	if err := str("path", msgInvalidPath, &m.Path); err != nil {
		return nil, err
	}
	if m.Path == "" {
		return nil, &ManifestError{Message: msgInvalidPath}
	}
	var list []json.RawMessage
	raw, ok := fields["allowed_origins"]
	if !ok || json.Unmarshal(raw, &list) != nil || list == nil {
		return nil, &ManifestError{Message: msgOriginsNotList}
	}
	m.AllowedOrigins = make([]string, 0, len(list))
	for _, item := range list {
		var s string
		if json.Unmarshal(item, &s) != nil || bytes.Equal(bytes.TrimSpace(item), []byte("null")) {
			return nil, &ManifestError{Message: msgOriginNotString}
		}
		if _, err := parseOriginPattern(s); err != nil {
			return nil, err
		}
		m.AllowedOrigins = append(m.AllowedOrigins, s)
	}
	if raw, ok := fields["supports_native_initiated_connections"]; ok {
		if json.Unmarshal(raw, &m.SupportsNativeInitiatedConnections) != nil ||
			bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			return nil, &ManifestError{Message: msgNativeInitBool}
		}
	}
	return &m, nil
}

// Validate checks m against the rules Chrome applies when it loads a manifest, in Chrome's order,
// and returns a [*ManifestError] with Chrome's message. Like Chrome's loader it does not require
// an absolute Path; [Install] does, on Linux and macOS.
func (m *Manifest) Validate() error {
	switch {
	case !ValidName(m.Name):
		return &ManifestError{Message: msgInvalidName}
	case m.Description == "":
		return &ManifestError{Message: msgInvalidDesc}
	case m.Type != "stdio":
		return &ManifestError{Message: msgInvalidType}
	case m.Path == "":
		return &ManifestError{Message: msgInvalidPath}
	case m.AllowedOrigins == nil:
		return &ManifestError{Message: msgOriginsNotList}
	}
	for _, p := range m.AllowedOrigins {
		if _, err := parseOriginPattern(p); err != nil {
			return err
		}
	}
	return nil
}

// Allows reports whether the extension origin ("chrome-extension://<id>/") matches one of the
// manifest's allowed_origins, with Chrome's matching: scheme and host compared, host
// case-insensitively, path ignored. When this is false Chrome refuses to start the host with
// "Access to the specified native messaging host is forbidden.".
func (m *Manifest) Allows(origin string) bool {
	host, ok := originHost(origin)
	if !ok {
		return false
	}
	for _, p := range m.AllowedOrigins {
		pat, err := parseOriginPattern(p)
		if err == nil && pat.scheme == extensionScheme && pat.host == host {
			return true
		}
	}
	return false
}

const extensionScheme = "chrome-extension"

// originPattern is the part of Chrome's URLPattern that matters for allowed_origins.
type originPattern struct {
	scheme string
	host   string // canonical (lower-case); empty only for <all_urls>
}

// parseOriginPattern follows Chrome's URLPattern::Parse restricted to the chrome-extension scheme,
// then rejects what the manifest loader rejects: <all_urls> and host wildcards. Errors carry
// Chrome's exact messages.
func parseOriginPattern(p string) (originPattern, error) {
	fail := func(reason string) (originPattern, error) {
		return originPattern{}, &ManifestError{Message: fmt.Sprintf("Failed to parse pattern %q: %s", p, reason)}
	}
	notAllowed := func() (originPattern, error) {
		return originPattern{}, &ManifestError{Message: fmt.Sprintf("Pattern %q is not allowed.", p)}
	}
	if p == "<all_urls>" {
		return notAllowed()
	}
	scheme, rest, standard := strings.Cut(p, "://")
	if !standard {
		var found bool
		scheme, rest, found = strings.Cut(p, ":")
		if !found {
			return fail("Missing scheme separator.")
		}
	}
	// "*" is accepted as a scheme (it then matches only http and https, so never an extension).
	if scheme != extensionScheme && scheme != "*" {
		return fail("Invalid scheme.")
	}
	if !standard {
		return fail("Wrong scheme type.")
	}
	if rest == "" {
		return fail("Host can not be empty.")
	}
	slash := strings.IndexByte(rest, '/')
	if slash == 0 {
		return fail("Host can not be empty.")
	}
	if slash < 0 {
		return fail("Empty path.")
	}
	hostPort := rest[:slash]
	host := hostPort
	if hostPort[0] == '[' {
		end := strings.IndexByte(hostPort, ']')
		switch {
		case end < 0:
			return fail("Invalid host.")
		case end == 1:
			return fail("Host can not be empty.")
		case end < len(hostPort)-1:
			if hostPort[end+1] != ':' {
				return fail("Invalid host.")
			}
			if hostPort[end+2:] != "*" {
				return fail("Invalid port.")
			}
			host = hostPort[:end+1]
		}
	} else if h, port, found := strings.Cut(hostPort, ":"); found {
		// chrome-extension has no default port, so only the "*" wildcard is a valid port.
		if port != "*" {
			return fail("Invalid port.")
		}
		host = h
	}
	if host == "" {
		return fail("Host can not be empty.")
	}
	if host == "*" || strings.HasPrefix(host, "*.") {
		if host == "*." {
			return fail("Host can not be empty.")
		}
		if strings.Contains(host[1:], "*") {
			return fail("Invalid host wildcard.")
		}
		return notAllowed()
	}
	if strings.Contains(host, "*") {
		return fail("Invalid host wildcard.")
	}
	canon, ok := canonicalHost(host)
	if !ok {
		return fail("Invalid host.")
	}
	return originPattern{scheme: scheme, host: canon}, nil
}

// canonicalHost approximates Chromium's host canonicalisation for the hosts that appear in
// extension origins: ASCII letters are lower-cased; characters that are forbidden in hosts make it
// invalid. Non-ASCII hosts are kept as they are (Chromium would punycode them; no extension ID
// contains them).
func canonicalHost(h string) (string, bool) {
	if inner, ok := strings.CutPrefix(h, "["); ok {
		inner, ok = strings.CutSuffix(inner, "]")
		if !ok || inner == "" {
			return "", false
		}
		for i := 0; i < len(inner); i++ {
			if c := inner[i]; !isHex(c) && c != ':' && c != '.' {
				return "", false
			}
		}
		return strings.ToLower(h), true
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; c <= ' ' || c == 0x7f || strings.IndexByte("#%/:<>?@[\\]^|", c) >= 0 {
			return "", false
		}
	}
	return strings.ToLower(h), true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// originHost extracts the host of an extension origin "chrome-extension://<id>/" (the trailing
// slash and a path are optional), lower-cased.
func originHost(origin string) (string, bool) {
	rest, ok := strings.CutPrefix(origin, extensionScheme+"://")
	if !ok {
		return "", false
	}
	host, _, _ := strings.Cut(rest, "/")
	if host == "" {
		return "", false
	}
	canon, ok := canonicalHost(host)
	if !ok || strings.ContainsAny(canon, ":*") {
		return "", false
	}
	return canon, true
}

// ValidExtensionID reports whether id has the shape of a Chrome extension ID: 32 letters a–p.
//
// Deprecated: the one public check of the shape is bridge.ValidExtensionID; a host checks its
// caller with [CheckOrigin]. ValidExtensionID is removed in the next release.
func ValidExtensionID(id string) bool { return chromefacts.IsExtensionID(id) }
