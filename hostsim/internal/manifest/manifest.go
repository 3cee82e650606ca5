// Package manifest parses and validates an unpacked extension's
// manifest.json for what the simulator models of Chrome (Manifest V3):
// background service worker, content scripts, web-accessible resources,
// externally_connectable, the extension-pages CSP, permissions,
// devtools_page and message_serialization. It also answers the questions
// the message router asks of a manifest (which content scripts run in a
// frame, whether a page may fetch a resource, who may connect).
package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// FileName is the manifest's file name inside an extension directory.
const FileName = "manifest.json"

// RunAt says when a content script is injected.
type RunAt string

// The run_at values Chrome accepts.
const (
	DocumentStart RunAt = "document_start"
	DocumentEnd   RunAt = "document_end"
	DocumentIdle  RunAt = "document_idle"
)

// Serialization is the message_serialization format.
type Serialization string

// The message_serialization values Chrome accepts.
const (
	SerializationJSON            Serialization = "json"
	SerializationStructuredClone Serialization = "structured_clone"
)

// Manifest is a validated manifest.json.
type Manifest struct {
	ManifestVersion int
	Name            string
	Version         string
	// ServiceWorker is background.service_worker ("" when absent), and
	// ServiceWorkerModule is true for "type": "module".
	ServiceWorker          string
	ServiceWorkerModule    bool
	ContentScripts         []ContentScript
	WebAccessibleResources []WebAccessibleResource
	// ExternallyConnectable is nil when the key is absent; its methods give
	// Chrome's default for a nil receiver.
	ExternallyConnectable *ExternallyConnectable
	CSP                   CSP
	Permissions           []string
	// DefaultLocale is default_locale: the _locales folder whose messages are the fallback.
	DefaultLocale string
	// OptionalPermissions is optional_permissions, as written (nil when absent).
	OptionalPermissions []string
	HostPermissions     []*matchpattern.Pattern
	// OptionalHostPermissions is optional_host_permissions: the host patterns
	// chrome.permissions.request may grant (a bad one is left out with a warning, as in
	// host_permissions).
	OptionalHostPermissions []*matchpattern.Pattern
	// Keys are the manifest's top-level keys, sorted ("action", "background", …).
	Keys []string
	// DevtoolsPage is devtools_page; when set, Chrome turns off Promise
	// support for onMessage listeners in every context of the extension.
	DevtoolsPage         string
	MessageSerialization Serialization
	// Key is the manifest's "key", the base64 public key the extension ID comes from when set.
	Key string
}

// ContentScript is one entry of content_scripts.
type ContentScript struct {
	Matches        []*matchpattern.Pattern
	ExcludeMatches []*matchpattern.Pattern
	JS             []string
	CSS            []string
	RunAt          RunAt
	AllFrames      bool
}

// WebAccessibleResource is one entry of web_accessible_resources.
type WebAccessibleResource struct {
	Resources     []string
	Matches       []*matchpattern.Pattern
	ExtensionIDs  []string
	UseDynamicURL bool
}

// Error is a manifest that Chrome would refuse to load. Message is Chrome's
// wording where Chrome has one; Key names the offending manifest key.
type Error struct {
	File    string
	Key     string
	Message string
}

func (e *Error) Error() string {
	if e.File == "" {
		return e.Message
	}
	return e.File + ": " + e.Message
}

// Extension is an unpacked extension as loaded from a directory.
type Extension struct {
	Dir      string // absolute path
	ID       string
	Manifest *Manifest
}

// Load reads dir/manifest.json, validates it and computes the extension ID
// from the absolute path. Warnings are Chrome's install warnings: the
// extension loads, but the named parts are ignored.
func Load(dir string) (*Extension, []string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("manifest: %w", err)
	}
	file := filepath.Join(abs, FileName)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, &Error{File: file, Message: "Manifest file is missing or unreadable"}
	}
	m, warnings, err := Parse(data)
	if err != nil {
		var me *Error
		if errors.As(err, &me) {
			me.File = file
		}
		return nil, warnings, err
	}
	for i, cs := range m.ContentScripts {
		for _, js := range cs.JS {
			if !fileExists(abs, js) {
				return nil, warnings, &Error{File: file, Key: fmt.Sprintf("content_scripts[%d].js", i),
					Message: fmt.Sprintf("Could not load javascript '%s' for script.", js)}
			}
		}
		for _, css := range cs.CSS {
			if !fileExists(abs, css) {
				return nil, warnings, &Error{File: file, Key: fmt.Sprintf("content_scripts[%d].css", i),
					Message: fmt.Sprintf("Could not load css '%s' for script.", css)}
			}
		}
	}
	return &Extension{Dir: abs, ID: ExtensionID(abs, m), Manifest: m}, warnings, nil
}

// ExtensionID is the ID Chromium gives the unpacked extension at abs with manifest m: from its
// "key" when it has one (checked by Parse), else from the folder's path.
func ExtensionID(abs string, m *Manifest) string {
	if m.Key != "" {
		if id, err := chromefacts.ExtensionIDFromKey(m.Key); err == nil {
			return id
		}
	}
	return chromefacts.UnpackedExtensionID(abs)
}

func fileExists(dir, rel string) bool {
	clean := path.Clean("/" + rel)
	st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(clean)))
	return err == nil && !st.IsDir()
}

// Parse validates manifest JSON. Like Chrome it accepts // and /* */
// comments. Errors are *Error without File set.
func Parse(data []byte) (*Manifest, []string, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(stripComments(data), &raw); err != nil {
		return nil, nil, &Error{Message: "Manifest is not valid JSON.  " + err.Error()}
	}
	if raw == nil {
		return nil, nil, &Error{Message: "Manifest is not valid JSON.  the top level must be an object"}
	}
	p := &parser{raw: raw}
	m := p.parse()
	if p.err != nil {
		return nil, p.warnings, p.err
	}
	return m, p.warnings, nil
}

type parser struct {
	raw      map[string]json.RawMessage
	warnings []string
	err      error
}

func (p *parser) fail(key, msg string) {
	if p.err == nil {
		p.err = &Error{Key: key, Message: msg}
	}
}

func invalid(key string) string { return fmt.Sprintf("Invalid value for '%s'.", key) }

// get decodes raw into v, reporting a type error at key. It reports whether
// the value was present and well typed.
func (p *parser) get(raw json.RawMessage, key string, v any) bool {
	if raw == nil {
		return false
	}
	if err := json.Unmarshal(raw, v); err != nil {
		p.fail(key, invalid(key))
		return false
	}
	return true
}

func (p *parser) parse() *Manifest {
	m := &Manifest{MessageSerialization: SerializationJSON}
	for k := range p.raw {
		m.Keys = append(m.Keys, k)
	}
	slices.Sort(m.Keys)
	if !p.get(p.raw["manifest_version"], "manifest_version", &m.ManifestVersion) || m.ManifestVersion != 3 {
		p.fail("manifest_version", "The 'manifest_version' key must be present and set to 3 (without quotes); the simulator models Manifest V3 only.")
		return nil
	}
	if !p.get(p.raw["name"], "name", &m.Name) || strings.TrimSpace(m.Name) == "" {
		p.fail("name", "Required value 'name' is missing or invalid.")
	}
	if !p.get(p.raw["version"], "version", &m.Version) || !validVersion(m.Version) {
		p.fail("version", "Required value 'version' is missing or invalid. It must be between 1-4 dot-separated integers each between 0 and 65536.")
	}
	p.background(m)
	p.contentScripts(m)
	p.webAccessible(m)
	p.externallyConnectable(m)
	p.csp(m)
	if raw := p.raw["default_locale"]; raw != nil {
		p.get(raw, "default_locale", &m.DefaultLocale)
	}
	if raw := p.raw["permissions"]; raw != nil {
		p.get(raw, "permissions", &m.Permissions)
	}
	if raw := p.raw["optional_permissions"]; raw != nil {
		p.get(raw, "optional_permissions", &m.OptionalPermissions)
	}
	m.HostPermissions = p.hostPatterns("host_permissions")
	m.OptionalHostPermissions = p.hostPatterns("optional_host_permissions")
	if raw := p.raw["devtools_page"]; raw != nil {
		p.get(raw, "devtools_page", &m.DevtoolsPage)
	}
	if raw := p.raw["key"]; raw != nil {
		if !p.get(raw, "key", &m.Key) {
			return m
		}
		if _, err := chromefacts.ExtensionIDFromKey(m.Key); err != nil {
			p.fail("key", err.Error())
		}
	}
	if raw := p.raw["message_serialization"]; raw != nil {
		var s string
		if !p.get(raw, "message_serialization", &s) || (s != string(SerializationJSON) && s != string(SerializationStructuredClone)) {
			p.fail("message_serialization", "Invalid value for 'message_serialization'. Must be 'json' or 'structured_clone'.")
		} else {
			m.MessageSerialization = Serialization(s)
		}
	}
	return m
}

// hostPatterns parses the host patterns under key (host_permissions or optional_host_permissions).
func (p *parser) hostPatterns(key string) []*matchpattern.Pattern {
	raw := p.raw[key]
	var hs []string
	if raw == nil || !p.get(raw, key, &hs) {
		return nil
	}
	var out []*matchpattern.Pattern
	for _, h := range hs {
		pat, err := matchpattern.Parse(h, matchpattern.SchemesExtension)
		if err != nil {
			// Chrome ignores a bad host permission with a warning.
			p.warnings = append(p.warnings, fmt.Sprintf("Permission '%s' is unknown or URL pattern is malformed.", h))
			continue
		}
		out = append(out, pat)
	}
	return out
}

// validVersion checks Chrome's version grammar: 1 to 4 dot-separated
// integers in 0..65535 without leading zeros or signs.
func validVersion(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) < 1 || len(parts) > 4 {
		return false
	}
	for _, s := range parts {
		if s == "" || len(s) > 1 && s[0] == '0' {
			return false
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 65535 || s[0] == '+' {
			return false
		}
	}
	return true
}

func (p *parser) background(m *Manifest) {
	raw := p.raw["background"]
	if raw == nil {
		return
	}
	var bg struct {
		ServiceWorker *string         `json:"service_worker"`
		Type          *string         `json:"type"`
		Scripts       json.RawMessage `json:"scripts"`
		Page          json.RawMessage `json:"page"`
	}
	if !p.get(raw, "background", &bg) {
		return
	}
	if bg.ServiceWorker == nil {
		if bg.Scripts != nil || bg.Page != nil {
			p.fail("background", "The \"background.scripts\" and \"background.page\" keys require manifest version 2 or lower.")
			return
		}
		p.fail("background.service_worker", invalid("background.service_worker"))
		return
	}
	if *bg.ServiceWorker == "" {
		p.fail("background.service_worker", invalid("background.service_worker"))
		return
	}
	m.ServiceWorker = *bg.ServiceWorker
	if bg.Type != nil {
		switch *bg.Type {
		case "module":
			m.ServiceWorkerModule = true
		case "classic":
		default:
			p.fail("background.type", invalid("background.type"))
		}
	}
}

func (p *parser) patterns(list []string, key string, valid matchpattern.Schemes) []*matchpattern.Pattern {
	out := make([]*matchpattern.Pattern, 0, len(list))
	for i, s := range list {
		pat, err := matchpattern.Parse(s, valid)
		if err != nil {
			k := fmt.Sprintf("%s[%d]", key, i)
			p.fail(k, fmt.Sprintf("Invalid value for '%s': %s", k, err.Error()))
			return nil
		}
		out = append(out, pat)
	}
	return out
}

func (p *parser) contentScripts(m *Manifest) {
	raw := p.raw["content_scripts"]
	if raw == nil {
		return
	}
	var list []struct {
		Matches        []string `json:"matches"`
		ExcludeMatches []string `json:"exclude_matches"`
		JS             []string `json:"js"`
		CSS            []string `json:"css"`
		RunAt          *string  `json:"run_at"`
		AllFrames      *bool    `json:"all_frames"`
	}
	if !p.get(raw, "content_scripts", &list) {
		return
	}
	for i, e := range list {
		key := fmt.Sprintf("content_scripts[%d]", i)
		if len(e.Matches) == 0 {
			p.fail(key+".matches", fmt.Sprintf("Required value '%s.matches' is missing or invalid.", key))
			return
		}
		cs := ContentScript{
			Matches:        p.patterns(e.Matches, key+".matches", matchpattern.SchemesExtension),
			ExcludeMatches: p.patterns(e.ExcludeMatches, key+".exclude_matches", matchpattern.SchemesExtension),
			JS:             e.JS,
			CSS:            e.CSS,
			RunAt:          DocumentIdle,
			AllFrames:      e.AllFrames != nil && *e.AllFrames,
		}
		if len(e.JS) == 0 && len(e.CSS) == 0 {
			p.fail(key, fmt.Sprintf("Required value '%s.css' or '%s.js' is missing or invalid.", key, key))
			return
		}
		if e.RunAt != nil {
			switch r := RunAt(*e.RunAt); r {
			case DocumentStart, DocumentEnd, DocumentIdle:
				cs.RunAt = r
			default:
				p.fail(key+".run_at", invalid(key+".run_at"))
				return
			}
		}
		m.ContentScripts = append(m.ContentScripts, cs)
	}
}

func (p *parser) webAccessible(m *Manifest) {
	raw := p.raw["web_accessible_resources"]
	if raw == nil {
		return
	}
	var list []struct {
		Resources     []string `json:"resources"`
		Matches       []string `json:"matches"`
		ExtensionIDs  []string `json:"extension_ids"`
		UseDynamicURL bool     `json:"use_dynamic_url"`
	}
	if !p.get(raw, "web_accessible_resources", &list) {
		return
	}
	for i, e := range list {
		key := fmt.Sprintf("web_accessible_resources[%d]", i)
		if e.Resources == nil {
			p.fail(key+".resources", fmt.Sprintf("Invalid value for '%s'. Entry must at least have resources, and one other valid key.", key))
			return
		}
		if e.Matches == nil && e.ExtensionIDs == nil && !e.UseDynamicURL {
			p.fail(key, fmt.Sprintf("Invalid value for '%s'. Entry must at least have resources, and one other valid key.", key))
			return
		}
		w := WebAccessibleResource{Resources: e.Resources, UseDynamicURL: e.UseDynamicURL}
		for j, s := range e.Matches {
			pat, err := matchpattern.Parse(s, matchpattern.SchemesExtension)
			if err != nil || pat.Path() != "/*" {
				k := fmt.Sprintf("%s.matches[%d]", key, j)
				p.fail(k, fmt.Sprintf("Invalid match pattern '%s'", s))
				return
			}
			w.Matches = append(w.Matches, pat)
		}
		for j, id := range e.ExtensionIDs {
			if id != "*" && !chromefacts.ExtensionIDAccepted(id) {
				p.fail(fmt.Sprintf("%s.extension_ids[%d]", key, j), fmt.Sprintf("Invalid extension id '%s'", id))
				return
			}
		}
		w.ExtensionIDs = e.ExtensionIDs
		m.WebAccessibleResources = append(m.WebAccessibleResources, w)
	}
}

// ContentScriptsFor returns, in manifest order, the content scripts Chrome
// injects into a frame showing pageURL: a pattern of matches matches and no
// pattern of exclude_matches does, and child frames only get scripts with
// all_frames.
func (m *Manifest) ContentScriptsFor(pageURL string, isTopFrame bool) []ContentScript {
	var out []ContentScript
	for _, cs := range m.ContentScripts {
		if !isTopFrame && !cs.AllFrames {
			continue
		}
		if anyMatch(cs.Matches, pageURL) && !anyMatch(cs.ExcludeMatches, pageURL) {
			out = append(out, cs)
		}
	}
	return out
}

func anyMatch(ps []*matchpattern.Pattern, u string) bool {
	for _, p := range ps {
		if p.MatchString(u) {
			return true
		}
	}
	return false
}

// WebAccessible reports whether a page at pageURL (a web page or a content
// script running in it) may load the extension resource at the given path.
// Entries listing extension_ids only are for other extensions, see
// WebAccessibleToExtension. The extension's own pages may load any resource
// and are not asked about here.
func (m *Manifest) WebAccessible(resource, pageURL string) bool {
	res := strings.TrimPrefix(path.Clean("/"+resource), "/")
	for _, w := range m.WebAccessibleResources {
		if anyMatch(w.Matches, pageURL) && resourceListed(w.Resources, res) {
			return true
		}
	}
	return false
}

// WebAccessibleToExtension reports whether extension id may load resource.
func (m *Manifest) WebAccessibleToExtension(resource, id string) bool {
	res := strings.TrimPrefix(path.Clean("/"+resource), "/")
	for _, w := range m.WebAccessibleResources {
		for _, e := range w.ExtensionIDs {
			if (e == "*" || strings.EqualFold(e, id)) && resourceListed(w.Resources, res) {
				return true
			}
		}
	}
	return false
}

// UsesDynamicURL reports whether resource is only reachable through the
// dynamic (per-session) extension URL.
func (m *Manifest) UsesDynamicURL(resource string) bool {
	res := strings.TrimPrefix(path.Clean("/"+resource), "/")
	for _, w := range m.WebAccessibleResources {
		if w.UseDynamicURL && resourceListed(w.Resources, res) {
			return true
		}
	}
	return false
}

func resourceListed(globs []string, res string) bool {
	for _, g := range globs {
		g = strings.TrimPrefix(g, "/")
		if matchpattern.Glob(g, res) {
			return true
		}
	}
	return false
}

// HasKey reports whether the manifest has the top-level key.
func (m *Manifest) HasKey(key string) bool {
	_, ok := slices.BinarySearch(m.Keys, key)
	return ok
}

// HasPermission reports whether perm is listed in permissions.
func (m *Manifest) HasPermission(perm string) bool {
	for _, p := range m.Permissions {
		if p == perm {
			return true
		}
	}
	return false
}

// OnMessagePromiseSupport reports whether, with the browser feature on,
// onMessage listeners may answer by returning a Promise: Chrome turns it off
// for every context of an extension that declares a devtools_page.
func (m *Manifest) OnMessagePromiseSupport() bool { return m.DevtoolsPage == "" }

// StripComments blanks // and /* */ comments outside JSON strings, as Chrome allows them in the
// manifest and messages.json, keeping byte offsets so JSON errors still point at the right place.
func StripComments(data []byte) []byte { return stripComments(data) }

func stripComments(data []byte) []byte {
	if !bytes.Contains(data, []byte("/")) {
		return data
	}
	out := bytes.Clone(data)
	inStr := false
	for i := 0; i < len(out); i++ {
		c := out[i]
		if inStr {
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
			continue
		}
		switch {
		case c == '"':
			inStr = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			j := bytes.Index(out[i+2:], []byte("*/"))
			end := len(out)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			for k := i; k < end; k++ {
				if out[k] != '\n' {
					out[k] = ' '
				}
			}
			i = end - 1
		}
	}
	return out
}
