package chromesim

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/extwasm/extwasm/hostsim/internal/manifest"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// Extension is an installed unpacked extension.
type Extension struct {
	b  *Browser
	id string
	// dynamicID is chrome.runtime.dynamicId: a random version-4 UUID per extension (measured in
	// Chromium 156, which also has it without use_dynamic_url).
	dynamicID string
	// standIns caches standInsJSON for pages [0] and the worker [1]; load clears it.
	standIns [2]string
	// fakes answer calls of functions hostsim does not model (Fake).
	fakes map[string]FakeFunc
	// localeMessages are the _locales messages for hostsim's UI locale, read once (i18n.go).
	localeMessages map[string]localeMessage
	dir            string
	name           string
	raw            []byte
	man            *manifest.Manifest

	worker     *Context
	starting   bool
	waiters    []func(*Context)
	keep       keepalive
	generation int
	enabled    bool
	// lazy are the events the worker has added listeners for: Chrome wakes a stopped worker for them.
	lazy map[string]bool
	// storage holds chrome.storage's areas by name (storage.go).
	storage map[string]*storageArea
	// actionState is chrome.action's badge, title, popup and enabled state (action.go).
	actionState *actionState
	// menus is chrome.contextMenus' items (contextmenus.go).
	menus *menus
	// notifications are chrome.notifications' notifications on screen, by id (notifications.go).
	notifications map[string]*notification
	// perms is what chrome.permissions granted at run time, and the test's prompt answers
	// (permissions.go).
	perms permissionState
	// registered are the content scripts chrome.scripting registered, in order (scripting.go).
	registered []*registeredScript
	// users is chrome.userScripts' scripts and world configurations (userscripts.go).
	users userScriptState
}

// ExtensionID is Chrome's id for an unpacked extension at the absolute path abs.
func ExtensionID(abs string) string { return chromefacts.UnpackedExtensionID(abs) }

// Install loads an unpacked extension from dir, as "Load unpacked" does.
func (b *Browser) Install(dir string) (*Extension, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("chrome: install %s: %w", dir, err)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		abs = r
	}
	e := &Extension{b: b, id: chromefacts.UnpackedExtensionID(abs), dir: abs, enabled: true, dynamicID: b.uuid()}
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
	e.installed()
	return e, nil
}

func (e *Extension) load() error {
	loaded, _, err := manifest.Load(e.dir)
	if err != nil {
		return err
	}
	m := loaded.Manifest
	e.id = loaded.ID // from the manifest's key when it has one
	// The manifest package does not look at the service worker's file; Chrome refuses to load
	// an extension whose worker script is missing.
	if m.ServiceWorker != "" {
		if _, err := e.readFile(m.ServiceWorker); err != nil {
			return fmt.Errorf("Could not load background script '%s'.", m.ServiceWorker)
		}
	}
	raw, err := os.ReadFile(filepath.Join(e.dir, manifest.FileName))
	if err != nil {
		return err
	}
	e.raw, e.man, e.localeMessages, e.standIns = raw, m, nil, [2]string{}
	e.raw = e.localizeManifest(raw)
	e.name = e.message(strings.TrimSuffix(strings.TrimPrefix(m.Name, "__MSG_"), "__"), nil, false)
	if !strings.HasPrefix(m.Name, "__MSG_") {
		e.name = m.Name
	}
	return nil
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
			for _, c := range f.userWorlds(e) {
				c.invalidate()
				delete(f.isolated, userWorldKey(e.id, c.userWorldID))
				f.orphans = append(f.orphans, c)
			}
		}
	}
	e.generation++
	e.resetSession()
	e.users.forget()
	previous := e.man.Version
	if err := e.load(); err != nil {
		return err
	}
	e.reloaded(previous)
	return nil
}
