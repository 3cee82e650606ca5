package extcorpus

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Extension is one MV3 extension folder of the corpus and what the procedure opens in it.
type Extension struct {
	// Dir is the folder holding manifest.json; Rel is Dir relative to the corpus root, with
	// forward slashes, which names the extension in the report.
	Dir, Rel string
	// Popup and Options are the manifest's action.default_popup and options page (options_page,
	// else options_ui.page), as paths inside the extension; empty when it has none.
	Popup, Options string
	// Worker says the manifest names a service worker.
	Worker bool
}

// Skipped is a manifest the corpus holds but the procedure does not run, and why.
type Skipped struct {
	Rel    string
	Reason string
}

// skipDirs are folders never searched: the samples repository keeps its MV2 extensions under
// _archive, and dependencies or version control hold no extension of the corpus.
var skipDirs = map[string]bool{"_archive": true, "node_modules": true, ".git": true}

// Discover finds every folder under root with a manifest.json, in lexical order, and returns those
// of manifest_version 3; the others, and manifests that cannot be read, are Skipped.
func Discover(root string) ([]Extension, []Skipped, error) {
	var exts []Extension
	var skipped []Skipped
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() != "manifest.json" {
			return nil
		}
		dir := filepath.Dir(p)
		rel, err := filepath.Rel(root, dir)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		m, err := ReadManifest(p)
		switch {
		case err != nil:
			skipped = append(skipped, Skipped{rel, err.Error()})
		case m.ManifestVersion != 3:
			skipped = append(skipped, Skipped{rel, fmt.Sprintf("manifest_version %d", m.ManifestVersion)})
		default:
			exts = append(exts, Extension{Dir: dir, Rel: rel, Popup: m.popup(), Options: m.options(), Worker: m.Background.ServiceWorker != ""})
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("extcorpus: %w", err)
	}
	slices.SortFunc(exts, func(a, b Extension) int { return strings.Compare(a.Rel, b.Rel) })
	return exts, skipped, nil
}

// Manifest is what the procedure reads of a manifest.json.
type Manifest struct {
	ManifestVersion int `json:"manifest_version"`
	Action          struct {
		DefaultPopup string `json:"default_popup"`
	} `json:"action"`
	Background struct {
		ServiceWorker string `json:"service_worker"`
	} `json:"background"`
	OptionsPage string `json:"options_page"`
	OptionsUI   struct {
		Page string `json:"page"`
	} `json:"options_ui"`
}

// ReadManifest reads a manifest.json. Chrome accepts comments in manifests, so they are taken out
// before decoding.
func ReadManifest(file string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(file)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(StripComments(b), &m); err != nil {
		return m, fmt.Errorf("manifest.json: %w", err)
	}
	return m, nil
}

func (m Manifest) popup() string { return cleanPage(m.Action.DefaultPopup) }

func (m Manifest) options() string {
	if m.OptionsPage != "" {
		return cleanPage(m.OptionsPage)
	}
	return cleanPage(m.OptionsUI.Page)
}

// cleanPage makes a manifest's page path relative to the extension's root, as Chrome resolves it
// ("./popup.html" and "/popup.html" are popup.html).
func cleanPage(p string) string {
	if p == "" {
		return ""
	}
	return strings.TrimPrefix(path.Clean("/"+p), "/")
}

// StripComments blanks // and /* */ comments outside JSON strings, keeping every other byte (and
// so line numbers in decoding errors).
func StripComments(b []byte) []byte {
	out := slices.Clone(b)
	inString, escaped := false, false
	for i := 0; i < len(out); i++ {
		c := out[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch {
		case c == '"':
			inString = true
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			j := i
			for ; j < len(out) && !(out[j] == '*' && j+1 < len(out) && out[j+1] == '/' && j > i+1); j++ {
				if out[j] != '\n' {
					out[j] = ' '
				}
			}
			for k := j; k < len(out) && k <= j+1; k++ {
				out[k] = ' '
			}
			i = j + 1
		}
	}
	return out
}
