package chromesim

import (
	"fmt"
	"net/url"
	"strings"
)

// FrameChange is an <iframe> that script attached to or detached from a document.
type FrameChange struct {
	// Attached is true when the iframe entered the document, false when it left.
	Attached bool
	// URL is the iframe's src resolved against the document.
	URL string
	// Element identifies the iframe across its changes.
	Element any
}

// FrameWatcher is what a DOMBinder implements when its documents report iframes inserted and removed
// by script after parsing.
type FrameWatcher interface {
	// WatchFrames calls fn for every iframe attached to or detached from doc from now on.
	WatchFrames(doc any, fn func(FrameChange))
}

// watchFrames loads the iframes that script inserts into f's document, as Chromium does: an
// http(s) iframe gets a child frame with its document (content scripts, webNavigation, messaging);
// a chrome-extension:// iframe gets its own frame running an extension page, when the resource is
// web-accessible to the embedding page. A removed iframe's frame goes away. Other schemes
// (about:blank, data:, javascript:) are not loaded.
func (b *Browser) watchFrames(f *Frame) {
	w, ok := b.opts.DOM.(FrameWatcher)
	if !ok || f.doc == nil {
		return
	}
	docID := f.docID
	loaded := map[any]*Frame{}
	w.WatchFrames(f.doc, func(ch FrameChange) {
		if f.docID != docID || f.tab.closed {
			return
		}
		if !ch.Attached {
			if child := loaded[ch.Element]; child != nil {
				delete(loaded, ch.Element)
				delete(f.iframes, ch.Element)
				b.detachFrame(child)
			}
			return
		}
		if loaded[ch.Element] != nil {
			return
		}
		web := strings.HasPrefix(ch.URL, "http://") || strings.HasPrefix(ch.URL, "https://")
		if !web && !strings.HasPrefix(ch.URL, "chrome-extension://") {
			return
		}
		if !web && !b.extensionFrameAllowed(ch.URL, f.url) {
			// Chromium blocks the navigation (ERR_BLOCKED_BY_CLIENT): no extension code runs there.
			b.Transcript.add(Entry{Kind: "frame-blocked", From: "browser", To: fmt.Sprintf("tab %d frame %d", f.tab.id, f.id), Outcome: ch.URL})
			return
		}
		child := b.childFrame(f)
		loaded[ch.Element] = child
		f.showIn(ch.Element, child)
		b.webNavEvent("webNavigation.onBeforeNavigate", child.pendingAt(ch.URL), nil)
		f.main.realm.Post(func() {
			if f.docID == docID && !f.tab.closed && f.tab.frames[child.id] == child {
				b.reportNavigation(child, b.commit(child, ch.URL, navSubframe))
			}
		})
	})
}

// extensionFrameAllowed reports whether a page at pageURL may frame the extension resource at raw.
func (b *Browser) extensionFrameAllowed(raw, pageURL string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	e := b.extByID[u.Host]
	if e == nil || !e.enabled {
		return false
	}
	if strings.HasPrefix(pageURL, "chrome-extension://"+e.id+"/") {
		return true
	}
	return e.man.WebAccessible(strings.TrimPrefix(u.Path, "/"), pageURL)
}

// detachFrame tears down a child frame whose iframe left its document.
func (b *Browser) detachFrame(child *Frame) {
	if child.main != nil || child.doc != nil {
		child.unloadEvents()
	}
	b.unload(child)
	delete(child.tab.frames, child.id)
	p := child.parent
	for i, c := range p.children {
		if c == child {
			p.children = append(p.children[:i], p.children[i+1:]...)
			break
		}
	}
}
