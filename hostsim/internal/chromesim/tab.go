package chromesim

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/extwasm/extwasm/hostsim/internal/manifest"
)

// Tab is a browser tab.
type Tab struct {
	b      *Browser
	id     int
	index  int
	top    *Frame
	frames map[int]*Frame
	closed bool
	// offscreen marks the view of an extension's offscreen document (offscreen.go).
	offscreen bool
	// sidePanel marks the view of an extension's side panel (sidepanel.go).
	sidePanel bool

	win          *Window
	status       string // "loading" or "complete"
	entries      int    // the session history's entries (history.length)
	url          string // the URL tabs.Tab reports: set when a navigation starts, not at commit
	pendingURL   string // the URL being loaded, until it commits
	title        string
	lastAccessed float64
	// typed marks a tab the user opened at a URL until it commits: history records that visit
	// as typed.
	typed bool
	// zoom is the tab's zoom settings (zoom.go).
	zoom tabZoom
}

// Frame is a frame of a tab and the document it currently shows.
type Frame struct {
	tab       *Tab
	id        int
	parent    *Frame
	url       string
	origin    string
	docID     string
	lifecycle string
	page      Page
	doc       any
	main      *Context            // the page's main world (web page or extension page)
	isolated  map[string]*Context // content scripts by extension id, user-script worlds by userWorldKey
	orphans   []*Context          // content scripts of a reloaded extension, still running
	children  []*Frame
	idleDone  bool // document_idle scripts ran
	scripts   *frameScripts
	loaded    bool // the load event fired (after every child frame's)
	// activatedAt is when a user gesture last activated the frame (on the browser's clock);
	// activated says one has.
	activatedAt time.Duration
	activated   bool

	// iframes maps the document's iframe elements to the child frames they show
	// (iframe.contentWindow).
	iframes map[any]*Frame
}

// ID is the tab id.
func (t *Tab) ID() int { return t.id }

// Closed reports whether the tab was closed.
func (t *Tab) Closed() bool { return t.closed }

// Top is the main frame (frame id 0).
func (t *Tab) Top() *Frame { return t.top }

// Frame returns the frame with id, or nil.
func (t *Tab) Frame(id int) *Frame { return t.frames[id] }

// Frames lists the tab's frames by id.
func (t *Tab) Frames() []*Frame { return sortedFrames(t) }

// ID is the frame id: 0 for the main frame, positive for child frames.
func (f *Frame) ID() int { return f.id }

// Tab is the frame's tab.
func (f *Frame) Tab() *Tab { return f.tab }

// URL is the document's URL.
func (f *Frame) URL() string { return f.url }

// DocumentID is the current document's id.
func (f *Frame) DocumentID() string { return f.docID }

// Lifecycle is the current document's documentLifecycle.
func (f *Frame) Lifecycle() string { return f.lifecycle }

// Main is the document's main world: the web page, or the extension page for chrome-extension://
// documents.
func (f *Frame) Main() *Context { return f.main }

// ContentScript returns the isolated world of extension ext in this document, or nil.
func (f *Frame) ContentScript(ext *Extension) *Context { return f.isolated[ext.id] }

// Orphans are content scripts left running after their extension was reloaded.
func (f *Frame) Orphans() []*Context { return append([]*Context(nil), f.orphans...) }

// Document is the frame's document as the DOM binder made it (nil without one).
func (f *Frame) Document() any { return f.doc }

// OpenTab opens a tab at url in the focused window, as the user would, and loads it: tabs
// events fire, the page commits with its scripts and content scripts, and the rest of the load
// (DOMContentLoaded, document_idle, load) runs as tasks.
func (b *Browser) OpenTab(url string) (*Tab, error) {
	w := b.FocusedWindow()
	if w == nil {
		w = b.NewWindow()
	}
	t := b.createTab(w, -1, true, url)
	t.typed = true
	b.Transcript.add(Entry{Kind: "open-tab", From: "browser", To: fmt.Sprintf("tab %d", t.id), Outcome: url})
	return t, b.navigate(t.top, url, navNewTab)
}

// AddFrame appends a child frame at url to parent, as an <iframe> inserted by script would.
func (b *Browser) AddFrame(parent *Frame, url string) (*Frame, error) {
	if parent.tab.closed {
		return nil, fmt.Errorf("chrome: tab %d is closed", parent.tab.id)
	}
	f := b.childFrame(parent)
	return f, b.navigate(f, url, navSubframe)
}

// childFrame adds an empty child frame to parent.
// showIn records that the iframe element el of f's document shows child.
func (f *Frame) showIn(el any, child *Frame) {
	if f.iframes == nil {
		f.iframes = map[any]*Frame{}
	}
	f.iframes[el] = child
}

func (b *Browser) childFrame(parent *Frame) *Frame {
	f := &Frame{tab: parent.tab, id: b.nextFrm, parent: parent}
	b.nextFrm++
	parent.children = append(parent.children, f)
	parent.tab.frames[f.id] = f
	return f
}

// Navigate loads url into the frame as a new document: the old document's contexts are torn down
// (ports disconnected, pending replies failed) and content scripts are injected afresh.
func (b *Browser) Navigate(f *Frame, url string) error {
	if f.tab.closed {
		return fmt.Errorf("chrome: tab %d is closed", f.tab.id)
	}
	b.Transcript.add(Entry{Kind: "navigate", From: "browser", To: fmt.Sprintf("tab %d frame %d", f.tab.id, f.id), Outcome: url})
	cause := navLink
	if f.parent != nil {
		cause = navSubframe
	}
	return b.navigate(f, url, cause)
}

// Reload reloads the tab's page.
func (b *Browser) Reload(t *Tab) error {
	if t.closed {
		return fmt.Errorf("chrome: tab %d is closed", t.id)
	}
	return b.navigate(t.top, t.top.url, navReload)
}

// CloseTab closes the tab as the user would: its documents unload and onRemoved fires.
func (b *Browser) CloseTab(t *Tab) {
	if t.closed {
		return
	}
	b.Transcript.add(Entry{Kind: "close-tab", From: "browser", To: fmt.Sprintf("tab %d", t.id)})
	b.removeTab(t)
}

func (t *Tab) closeQuietly() {
	if t.closed {
		return
	}
	t.b.unload(t.top)
	t.closed = true
	delete(t.b.tabs, t.id)
	for i, id := range t.b.tabOrder {
		if id == t.id {
			t.b.tabOrder = append(t.b.tabOrder[:i], t.b.tabOrder[i+1:]...)
			break
		}
	}
	if w := t.win; w != nil {
		if i := w.indexOf(t); i >= 0 {
			w.tabs = append(w.tabs[:i], w.tabs[i+1:]...)
		}
		if w.active == t {
			w.active = nil
		}
	}
}

// unload tears down the frame's document and its child frames (which are removed).
func (b *Browser) unload(f *Frame) {
	for _, ch := range f.children {
		b.unload(ch)
		delete(f.tab.frames, ch.id)
	}
	f.children = nil
	f.lifecycle = "pending_deletion"
	for _, c := range f.orphans {
		c.destroy()
	}
	f.orphans = nil
	for _, id := range sortedKeys(f.isolated) {
		f.isolated[id].destroy()
	}
	f.isolated = nil
	if f.main != nil {
		f.main.destroy()
		f.main = nil
	}
	f.doc = nil
	f.iframes = nil
}

var scriptSrcRE = regexp.MustCompile(`(?is)<script([^>]*)\bsrc\s*=\s*["']?([^"'\s>]+)([^>]*)>`)

// moduleTypeRE finds type="module" among a script tag's attributes.
var moduleTypeRE = regexp.MustCompile(`(?i)\btype\s*=\s*["']?module\b`)

// commit makes a new document in f at url: the main world, content scripts at document_start,
// the page's scripts, then child frames; DOMContentLoaded and the rest follow as tasks.
func (b *Browser) commit(f *Frame, url string, cause navCause) error {
	if f.parent != nil {
		url, _ = b.dnrNavigation(f, url) // declarativeNetRequest on a frame's navigation (dnr.go)
	}
	if f.main != nil || f.doc != nil {
		f.unloadEvents()
		b.unload(f)
	}
	if cause != navReload {
		f.tab.entries++ // a new document is a new entry of the tab's session history
	}
	f.url, f.origin = url, originOf(url)
	f.docID = b.documentID()
	f.lifecycle = "active"
	f.isolated = map[string]*Context{}
	f.idleDone, f.loaded, f.scripts = false, false, nil
	f.page = b.pages[url]
	if b.dnrErrorPage(f) {
		f.page = dnrErrorDocument(url) // a navigation declarativeNetRequest blocked (dnr.go)
	} else if _, ok := b.pages[url]; !ok {
		f.page = b.handledPage(url)
	}
	var ext *Extension
	if strings.HasPrefix(url, "chrome-extension://") {
		host := strings.SplitN(strings.TrimPrefix(url, "chrome-extension://"), "/", 2)[0]
		ext = b.extByID[host]
		if ext != nil {
			if rel, ok := ext.pathOf(url); ok {
				if html, err := ext.readFile(rel); err == nil {
					f.page.HTML = string(html)
				}
			}
		}
	}
	kind := WebPage
	if ext != nil {
		kind = ExtensionPage
	}
	main, err := b.newContext(kind, ext, f, url)
	if err != nil {
		return err
	}
	f.main = main
	pl := b.lifecycle()
	if b.opts.DOM != nil {
		doc, err := b.opts.DOM.NewDocument(url, f.page.HTML)
		if err != nil {
			return fmt.Errorf("chrome: %s: %w", url, err)
		}
		f.doc = doc
		if pl != nil {
			pl.SetReadyState(doc, "loading")
			pl.SetHidden(doc, f.tab.inStrip() && !f.tab.Active())
		}
		if err := b.opts.DOM.Bind(main.realm, doc); err != nil {
			return fmt.Errorf("chrome: %s: %w", main.name, err)
		}
		if sd, ok := b.opts.DOM.(ScriptDOM); ok {
			// Extension pages have the manifest's policy, else Chrome's default, which refuses
			// inline handlers.
			policy := f.page.CSP
			if ext != nil {
				policy = ext.man.CSP.ExtensionPages
				if !ext.man.CSP.Present {
					policy = manifest.DefaultExtensionPagesScriptSrc
				}
			}
			sd.HistoryHost(doc, func(url string, replace bool) error {
				b.historyStateChange(f, url, replace)
				return nil
			}, func() int { return max(f.tab.entries, 1) })
			realm := main.realm
			sd.InlineHandlerPolicy(doc, func(code string) bool {
				why := inlineHandlerBlocked(policy, code)
				if why != "" {
					realm.ReportError(errors.New(why))
				}
				return why == ""
			})
		}
		b.bindDocumentCookie(main.realm.VM, f)
	}
	if f.parent == nil && f.tab.inStrip() {
		f.tab.url, f.tab.pendingURL = url, ""
	}
	b.webNavEvent("webNavigation.onCommitted", f, map[string]any{"transitionType": cause.transition(), "transitionQualifiers": []string{}})
	if f.parent == nil && f.tab.inStrip() && cause != navReload && recordsHistory(url) {
		// A tab the user opened at a URL records a typed visit (measured: the harness's tabs have
		// typedCount 1, tabs.create's and the page's own navigations none).
		transition := cause.transition()
		if f.tab.typed {
			transition, f.tab.typed = "typed", false
		}
		b.addVisit(url, transition)
	}
	release := func() {}
	if pl != nil && f.doc != nil {
		release = pl.HoldParsed(f.doc)
	}
	b.inject(f, "document_start")
	release()
	if ext != nil {
		// Classic scripts run as they are parsed; module scripts are deferred: after them, in order.
		// (Inline scripts are refused by the extension pages' CSP.)
		var modules [][2]string
		for _, m := range scriptSrcRE.FindAllStringSubmatch(f.page.HTML, -1) {
			src := resolveRef(url, m[2])
			rel, ok := ext.pathOf(src)
			if !ok {
				continue
			}
			code, err := ext.readFile(rel)
			if err != nil {
				main.realm.ReportError(fmt.Errorf("Failed to load resource: net::ERR_FILE_NOT_FOUND %s", src))
				continue
			}
			if moduleTypeRE.MatchString(m[1] + m[3]) {
				modules = append(modules, [2]string{src, string(code)})
				continue
			}
			_ = main.runScript(src, string(code))
		}
		for _, m := range modules {
			_ = main.runModule(m[0], m[0], m[1])
		}
	}
	if ext == nil && b.opts.DOM != nil && f.doc != nil {
		b.runParserScripts(f)
	}
	if f.page.Script != "" {
		_ = main.runScript(url, f.page.Script)
	}
	if f.parent == nil && f.tab.inStrip() {
		b.titleVisit(url, b.documentTitle(f))
		if title := b.documentTitle(f); title != f.tab.title {
			f.tab.title = title
			b.tabUpdated(f.tab, map[string]any{"title": title})
		}
	}
	frames := f.page.Frames
	var elements []any
	if b.opts.DOM != nil && f.doc != nil && len(frames) == 0 {
		frames = b.opts.DOM.Frames(f.doc)
		if fd, ok := b.opts.DOM.(FrameElementDOM); ok {
			elements = fd.FrameElements(f.doc)
		}
	}
	docID := f.docID
	b.watchFrames(f)
	main.realm.Post(func() { b.domContentLoaded(f, docID) })
	b.postAsyncScripts(f, docID)
	// The parser meets the iframes now, but their documents arrive from the network after the
	// parent's DOMContentLoaded, as Chromium orders them (scenario "webNavigation: a page with a
	// child frame").
	for i, src := range frames {
		child, childURL := b.childFrame(f), resolveRef(url, src)
		if i < len(elements) && len(elements) == len(frames) {
			f.showIn(elements[i], child)
		}
		b.webNavEvent("webNavigation.onBeforeNavigate", child.pendingAt(childURL), nil)
		main.realm.Post(func() {
			if f.docID == docID && !f.tab.closed {
				b.reportNavigation(child, b.commit(child, childURL, navSubframe))
			}
		})
	}
	return nil
}

// inject runs the content scripts declared for runAt whose patterns match the frame.
func (b *Browser) inject(f *Frame, runAt string) {
	if b.dnrErrorPage(f) {
		return // no content script runs in an error page
	}
	if f.main != nil && f.main.kind == ExtensionPage {
		// Chromium injects no content script into an extension's pages, its own included, even
		// for <all_urls> (scenario "content-scripts-not-in-extension-pages").
		return
	}
	for _, e := range b.exts {
		if !e.enabled {
			continue
		}
		for _, cs := range e.man.ContentScriptsFor(f.url, f.parent == nil) {
			if cs.RunAt != manifest.RunAt(runAt) {
				continue
			}
			c, err := b.isolatedWorld(f, e)
			if err != nil {
				f.main.realm.ReportError(err)
				continue
			}
			for _, js := range cs.JS {
				code, err := e.readFile(js)
				if err != nil {
					c.realm.ReportError(err)
					continue
				}
				_ = c.runScript(e.URL(js), string(code))
			}
		}
		b.injectRegistered(f, e, runAt)
		b.injectUserScripts(f, e, runAt)
	}
}

// isolatedWorld is e's isolated world in f, where its content scripts run, made on first use.
func (b *Browser) isolatedWorld(f *Frame, e *Extension) (*Context, error) {
	if c := f.isolated[e.id]; c != nil {
		return c, nil
	}
	c, err := b.newContext(ContentScript, e, f, f.url)
	if err != nil {
		return nil, err
	}
	if b.opts.DOM != nil && f.doc != nil {
		if err := b.opts.DOM.Bind(c.realm, f.doc); err != nil {
			c.realm.ReportError(err)
		}
		b.bindDocumentCookie(c.realm.VM, f)
	}
	f.isolated[e.id] = c
	b.Transcript.add(Entry{Kind: "inject", From: "browser", To: c.name, Outcome: f.url})
	return c, nil
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
