package chrome

import (
	"fmt"
	"regexp"
	"strings"

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
	isolated  map[string]*Context // content scripts by extension id
	orphans   []*Context          // content scripts of a reloaded extension, still running
	children  []*Frame
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

// OpenTab opens a tab at url and loads it (and its child frames) completely: scripts run,
// content scripts are injected, and the tasks this causes run too.
func (b *Browser) OpenTab(url string) (*Tab, error) {
	t := &Tab{b: b, id: b.nextTab, index: len(b.Tabs()), frames: map[int]*Frame{}}
	b.nextTab++
	b.tabs[t.id] = t
	b.tabOrder = append(b.tabOrder, t.id)
	top := &Frame{tab: t, id: 0}
	t.top = top
	t.frames[0] = top
	b.Transcript.add(Entry{Kind: "open-tab", From: "browser", To: fmt.Sprintf("tab %d", t.id), Outcome: url})
	if err := b.load(top, url); err != nil {
		return t, err
	}
	return t, nil
}

// AddFrame appends a child frame at url to parent, as an <iframe> inserted by script would.
func (b *Browser) AddFrame(parent *Frame, url string) (*Frame, error) {
	if parent.tab.closed {
		return nil, fmt.Errorf("chrome: tab %d is closed", parent.tab.id)
	}
	f := &Frame{tab: parent.tab, id: b.nextFrm, parent: parent}
	b.nextFrm++
	parent.children = append(parent.children, f)
	parent.tab.frames[f.id] = f
	return f, b.load(f, url)
}

// Navigate loads url into the frame as a new document: the old document's contexts are torn down
// (ports disconnected, pending replies failed) and content scripts are injected afresh.
func (b *Browser) Navigate(f *Frame, url string) error {
	if f.tab.closed {
		return fmt.Errorf("chrome: tab %d is closed", f.tab.id)
	}
	b.Transcript.add(Entry{Kind: "navigate", From: "browser", To: fmt.Sprintf("tab %d frame %d", f.tab.id, f.id), Outcome: url})
	b.unload(f)
	return b.load(f, url)
}

// CloseTab closes the tab: every document in it unloads.
func (b *Browser) CloseTab(t *Tab) {
	if t.closed {
		return
	}
	b.Transcript.add(Entry{Kind: "close-tab", From: "browser", To: fmt.Sprintf("tab %d", t.id)})
	t.closeQuietly()
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
}

var scriptSrcRE = regexp.MustCompile(`(?is)<script[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)`)

// load makes a new document in f at url: the main world, its scripts, content scripts per manifest
// at their run_at points, then child frames.
func (b *Browser) load(f *Frame, url string) error {
	f.url, f.origin = url, originOf(url)
	f.docID = b.documentID()
	f.lifecycle = "active"
	f.isolated = map[string]*Context{}
	f.page = b.pages[url]
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
	if b.opts.DOM != nil {
		doc, err := b.opts.DOM.NewDocument(url, f.page.HTML)
		if err != nil {
			return fmt.Errorf("chrome: %s: %w", url, err)
		}
		f.doc = doc
		if err := b.opts.DOM.Bind(main.realm, doc); err != nil {
			return fmt.Errorf("chrome: %s: %w", main.name, err)
		}
	}
	b.inject(f, "document_start")
	if ext != nil {
		for _, m := range scriptSrcRE.FindAllStringSubmatch(f.page.HTML, -1) {
			src := resolveRef(url, m[1])
			rel, ok := ext.pathOf(src)
			if !ok {
				continue
			}
			code, err := ext.readFile(rel)
			if err != nil {
				main.realm.ReportError(fmt.Errorf("Failed to load resource: net::ERR_FILE_NOT_FOUND %s", src))
				continue
			}
			_ = main.runScript(src, string(code))
		}
	}
	if f.page.Script != "" {
		_ = main.runScript(url, f.page.Script)
	}
	b.inject(f, "document_end")
	b.inject(f, "document_idle")
	frames := f.page.Frames
	if b.opts.DOM != nil && f.doc != nil && len(frames) == 0 {
		frames = b.opts.DOM.Frames(f.doc)
	}
	for _, src := range frames {
		if _, err := b.AddFrame(f, resolveRef(url, src)); err != nil {
			return err
		}
	}
	return nil
}

// inject runs the content scripts declared for runAt whose patterns match the frame.
func (b *Browser) inject(f *Frame, runAt string) {
	for _, e := range b.exts {
		if !e.enabled {
			continue
		}
		for _, cs := range e.man.ContentScriptsFor(f.url, f.parent == nil) {
			if cs.RunAt != manifest.RunAt(runAt) {
				continue
			}
			c := f.isolated[e.id]
			if c == nil {
				var err error
				c, err = b.newContext(ContentScript, e, f, f.url)
				if err != nil {
					f.main.realm.ReportError(err)
					continue
				}
				if b.opts.DOM != nil && f.doc != nil {
					if err := b.opts.DOM.Bind(c.realm, f.doc); err != nil {
						c.realm.ReportError(err)
					}
				}
				f.isolated[e.id] = c
				b.Transcript.add(Entry{Kind: "inject", From: "browser", To: c.name, Outcome: f.url})
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
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// tabInfo is the tabs.Tab object Chrome hands out (unscrubbed, conformance 66).
func (t *Tab) info() map[string]any {
	title := t.top.page.Title
	if title == "" {
		title = t.top.url
	}
	return map[string]any{
		"active": t.index == len(t.b.Tabs())-1, "audible": false, "autoDiscardable": true, "discarded": false,
		"frozen": false, "groupId": -1, "height": 600, "highlighted": t.index == len(t.b.Tabs())-1,
		"id": t.id, "incognito": false, "index": t.index, "lastAccessed": float64(t.b.sched.Wall().UnixMilli()),
		"mutedInfo": map[string]any{"muted": false}, "pinned": false, "selected": t.index == len(t.b.Tabs())-1,
		"status": "complete", "title": title, "url": t.top.url, "width": 800, "windowId": 1,
	}
}
