package chrome

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/extwasm/extwasm/hostsim/internal/matchpattern"
)

// manifestDoc is the part of manifest.json the message service needs. It is read here because the
// full manifest validator is a separate package; only what changes messaging behaviour is kept.
type manifestDoc struct {
	ManifestVersion int    `json:"manifest_version"`
	Name            string `json:"name"`
	Version         string `json:"version"`
	Background      *struct {
		ServiceWorker string `json:"service_worker"`
	} `json:"background"`
	ContentScripts []struct {
		Matches        []string `json:"matches"`
		ExcludeMatches []string `json:"exclude_matches"`
		JS             []string `json:"js"`
		AllFrames      bool     `json:"all_frames"`
		RunAt          string   `json:"run_at"`
	} `json:"content_scripts"`
	CSP *struct {
		ExtensionPages string `json:"extension_pages"`
	} `json:"content_security_policy"`
	WebAccessible []struct {
		Resources     []string `json:"resources"`
		Matches       []string `json:"matches"`
		ExtensionIDs  []string `json:"extension_ids"`
		UseDynamicURL bool     `json:"use_dynamic_url"`
	} `json:"web_accessible_resources"`
	ExternallyConnectable *struct {
		IDs     []string `json:"ids"`
		Matches []string `json:"matches"`
	} `json:"externally_connectable"`
	DevtoolsPage string `json:"devtools_page"`
}

type contentScript struct {
	matches, exclude []*matchpattern.Pattern
	js               []string
	allFrames        bool
	runAt            string
}

type webResource struct {
	globs   []string
	matches []*matchpattern.Pattern
	ids     []string
}

// Extension is an installed unpacked extension.
type Extension struct {
	b        *Browser
	id       string
	dir      string
	name     string
	raw      []byte
	man      manifestDoc
	scripts  []contentScript
	wars     []webResource
	wasmCSP  bool // extension pages may compile wasm
	external *externalRules

	worker     *Context
	starting   bool
	waiters    []func(*Context)
	keep       keepalive
	generation int
	enabled    bool
}

type externalRules struct {
	ids     []string
	matches []*matchpattern.Pattern
}

// ExtensionID is Chrome's id for an unpacked extension at the absolute path abs.
func ExtensionID(abs string) string {
	sum := sha256.Sum256([]byte(abs))
	h := hex.EncodeToString(sum[:16])
	id := make([]byte, len(h))
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c >= 'a' {
			c = c - 'a' + 10
		} else {
			c -= '0'
		}
		id[i] = 'a' + c
	}
	return string(id)
}

func validID(id string) bool {
	if len(id) != 32 {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 'a' || id[i] > 'p' {
			return false
		}
	}
	return true
}

// Install loads an unpacked extension from dir, as "Load unpacked" does.
func (b *Browser) Install(dir string) (*Extension, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("chrome: install %s: %w", dir, err)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	e := &Extension{b: b, id: ExtensionID(abs), dir: abs, enabled: true}
	e.keep.ext = e
	if err := e.load(); err != nil {
		return nil, fmt.Errorf("chrome: install %s: %w", dir, err)
	}
	if old := b.extByID[e.id]; old != nil {
		return nil, fmt.Errorf("chrome: install %s: extension %s is already installed", dir, e.id)
	}
	b.exts = append(b.exts, e)
	b.extByID[e.id] = e
	b.Transcript.add(Entry{Kind: "install", From: "browser", To: e.name, Outcome: e.id})
	return e, nil
}

func (e *Extension) load() error {
	raw, err := os.ReadFile(filepath.Join(e.dir, "manifest.json"))
	if err != nil {
		return fmt.Errorf("Manifest file is missing or unreadable")
	}
	var m manifestDoc
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("Manifest is not valid JSON.  %v", err)
	}
	if m.ManifestVersion != 3 {
		return errors.New("The 'manifest_version' key must be present and set to 3 (simulator models MV3 only).")
	}
	if m.Name == "" {
		return errors.New("Required value 'name' is missing or invalid.")
	}
	if m.Version == "" {
		return errors.New("Required value 'version' is missing or invalid.")
	}
	e.raw, e.man, e.name = raw, m, m.Name
	e.scripts, e.wars = nil, nil
	if m.Background != nil && m.Background.ServiceWorker != "" {
		if _, err := e.readFile(m.Background.ServiceWorker); err != nil {
			return fmt.Errorf("Could not load background script '%s'.", m.Background.ServiceWorker)
		}
	}
	for i, cs := range m.ContentScripts {
		s := contentScript{js: cs.JS, allFrames: cs.AllFrames, runAt: cs.RunAt}
		if s.runAt == "" {
			s.runAt = "document_idle"
		}
		for _, p := range cs.Matches {
			pat, err := matchpattern.Parse(p, matchpattern.SchemesExtension)
			if err != nil {
				return fmt.Errorf("Invalid value for 'content_scripts[%d].matches[0]': %v", i, err)
			}
			s.matches = append(s.matches, pat)
		}
		for _, p := range cs.ExcludeMatches {
			pat, err := matchpattern.Parse(p, matchpattern.SchemesExtension)
			if err != nil {
				return fmt.Errorf("Invalid value for 'content_scripts[%d].exclude_matches': %v", i, err)
			}
			s.exclude = append(s.exclude, pat)
		}
		for _, js := range cs.JS {
			if _, err := e.readFile(js); err != nil {
				return fmt.Errorf("Could not load file '%s' for content script. It isn't UTF-8 encoded.", js)
			}
		}
		e.scripts = append(e.scripts, s)
	}
	for _, w := range m.WebAccessible {
		r := webResource{globs: w.Resources, ids: w.ExtensionIDs}
		for _, p := range w.Matches {
			pat, err := matchpattern.Parse(p, matchpattern.SchemesExtension)
			if err != nil {
				return fmt.Errorf("Invalid value for 'web_accessible_resources': Invalid match pattern. %v", err)
			}
			r.matches = append(r.matches, pat)
		}
		e.wars = append(e.wars, r)
	}
	e.wasmCSP = false
	if m.CSP != nil {
		e.wasmCSP = cspAllowsWasm(m.CSP.ExtensionPages)
	}
	e.external = nil
	if m.ExternallyConnectable != nil {
		r := &externalRules{ids: m.ExternallyConnectable.IDs}
		for _, p := range m.ExternallyConnectable.Matches {
			pat, err := matchpattern.Parse(p, matchpattern.SchemesAll)
			if err != nil {
				return fmt.Errorf("Invalid match pattern '%s'", p)
			}
			r.matches = append(r.matches, pat)
		}
		e.external = r
	}
	return nil
}

// cspAllowsWasm reports whether a CSP's script-src (or default-src) lets wasm compile.
func cspAllowsWasm(csp string) bool {
	src, found := "", false
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		switch strings.ToLower(f[0]) {
		case "script-src":
			src, found = strings.Join(f[1:], " "), true
		case "default-src":
			if !found {
				src = strings.Join(f[1:], " ")
			}
		}
	}
	if src == "" && !found {
		return csp != "" && !strings.Contains(strings.ToLower(csp), "default-src")
	}
	return strings.Contains(src, "'wasm-unsafe-eval'") || strings.Contains(src, "'unsafe-eval'")
}

// scriptSrcOf returns a CSP's script-src value (or default-src's), for error messages.
func scriptSrcOf(csp string) string {
	out := ""
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) > 0 && strings.EqualFold(f[0], "script-src") {
			return strings.Join(f, " ")
		}
		if len(f) > 0 && strings.EqualFold(f[0], "default-src") {
			out = strings.Join(f, " ")
		}
	}
	return out
}

// ID is the extension's id.
func (e *Extension) ID() string { return e.id }

// Name is the manifest's name.
func (e *Extension) Name() string { return e.name }

// Dir is the folder the extension was loaded from.
func (e *Extension) Dir() string { return e.dir }

// Origin is chrome-extension://<id>.
func (e *Extension) Origin() string { return "chrome-extension://" + e.id }

// URL is the chrome-extension:// URL of a file of the extension.
func (e *Extension) URL(p string) string {
	return e.Origin() + "/" + strings.TrimPrefix(p, "/")
}

// readFile reads an extension file by its path relative to the root, refusing paths that leave it.
func (e *Extension) readFile(rel string) ([]byte, error) {
	clean := path.Clean("/" + strings.TrimPrefix(rel, "/"))
	return os.ReadFile(filepath.Join(e.dir, filepath.FromSlash(clean)))
}

// webAccessible reports whether a page at pageURL (from extension fromExt, "" for web) may load
// the extension resource p.
func (e *Extension) webAccessible(p, pageURL string) bool {
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	for _, w := range e.wars {
		hit := false
		for _, g := range w.globs {
			if ok, _ := path.Match(strings.TrimPrefix(g, "/"), p); ok || g == "*" {
				hit = true
			}
		}
		if !hit {
			continue
		}
		for _, m := range w.matches {
			if m.MatchString(pageURL) {
				return true
			}
		}
	}
	return false
}

// Worker is the running service worker context, or nil when it is stopped.
func (e *Extension) Worker() *Context { return e.worker }

// Reload reloads the extension from its folder: the worker stops, content scripts already in
// pages are orphaned (their chrome.* calls throw "Extension context invalidated."), and the new
// version's content scripts go only into documents loaded from now on.
func (e *Extension) Reload() error {
	b := e.b
	b.Transcript.add(Entry{Kind: "reload", From: "browser", To: e.name})
	if e.worker != nil {
		e.stopWorker("extension reloaded")
	}
	for _, t := range b.Tabs() {
		for _, f := range sortedFrames(t) {
			if c := f.isolated[e.id]; c != nil {
				c.invalidate()
				delete(f.isolated, e.id)
				f.orphans = append(f.orphans, c)
			}
		}
	}
	e.generation++
	return e.load()
}
