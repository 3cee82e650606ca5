package chromesim

import (
	"fmt"
	"strings"
)

// navCause is what started a navigation. It decides the order of the first tabs and
// webNavigation events and the transitionType (conformance-apis 2.4, N6).
type navCause int

const (
	// navNewTab loads a new tab: tabs.create, windows.create or a tab the user opens.
	navNewTab navCause = iota
	// navLink loads a url into an existing tab: tabs.update or a navigation of the page.
	navLink
	// navReload reloads the current url.
	navReload
	// navSubframe loads a child frame.
	navSubframe
)

func (n navCause) transition() string {
	switch n {
	case navReload:
		return "reload"
	case navSubframe:
		return "auto_subframe"
	}
	return "link"
}

// navigate loads url into f. The events up to the commit fire in Chromium's order for the cause;
// the commit (new document, document_start, the page's scripts) happens now, and
// DOMContentLoaded, document_end, document_idle and load follow as tasks.
func (b *Browser) navigate(f *Frame, url string, cause navCause) error {
	t := f.tab
	if t.closed {
		return fmt.Errorf("chrome: tab %d is closed", t.id)
	}
	requested := url
	if f.parent == nil {
		url, _ = b.dnrNavigation(f, url) // declarativeNetRequest's redirects and blocks (dnr.go)
	}
	if f.parent != nil {
		b.webNavEvent("webNavigation.onBeforeNavigate", f.pendingAt(requested), nil)
		return b.commit(f, url, cause)
	}
	switch cause {
	case navNewTab:
		t.url, t.pendingURL, t.status = url, url, "loading"
		if t.title == "" {
			t.title = titleFromURL(url)
		}
		b.tabUpdated(t, map[string]any{"status": "loading", "url": url})
		b.zoomChange(t)
		b.webNavEvent("webNavigation.onBeforeNavigate", f.pendingAt(requested), nil)
	case navLink:
		if f.doc != nil && f.loaded && sameDocument(f.url, url) {
			b.fragmentNavigation(f, url)
			return nil
		}
		b.webNavEvent("webNavigation.onBeforeNavigate", f.pendingAt(requested), nil)
		t.url, t.pendingURL, t.status = url, url, "loading"
		t.title = titleFromURL(url)
		b.tabUpdated(t, map[string]any{"status": "loading", "url": url})
		b.zoomChange(t)
	case navReload:
		b.webNavEvent("webNavigation.onBeforeNavigate", f.pendingAt(requested), nil)
		t.status = "loading"
		b.tabUpdated(t, map[string]any{"status": "loading"})
		b.zoomChange(t)
	}
	return b.commit(f, url, cause)
}

// load loads url into f with no tab events: f is the document of a view outside the tab strip,
// such as a popup.
func (b *Browser) load(f *Frame, url string) error { return b.commit(f, url, navLink) }

// inStrip reports whether t is a tab of a window, rather than a view such as a popup, which has
// no tabs events and is never hidden.
func (t *Tab) inStrip() bool { return t.win != nil }

// pendingAt is f as onBeforeNavigate describes it: the new url, and no document yet.
func (f *Frame) pendingAt(url string) *Frame {
	p := *f
	p.url, p.docID = url, ""
	return &p
}

// fragmentNavigation changes only the fragment: no new document, and no onBeforeNavigate,
// onCommitted, onDOMContentLoaded or onCompleted (conformance-apis 2.4).
func (b *Browser) fragmentNavigation(f *Frame, url string) {
	t := f.tab
	t.url, t.pendingURL, t.status = url, "", "loading"
	f.url = url
	b.tabUpdated(t, map[string]any{"status": "loading", "url": url})
	b.zoomChange(t)
	b.webNavEvent("webNavigation.onReferenceFragmentUpdated", f, map[string]any{"transitionType": "link", "transitionQualifiers": []string{}})
	t.status = "complete"
	b.tabUpdated(t, map[string]any{"status": "complete"})
}

// historyStateChange is a document's pushState or replaceState: its frame's URL changes without a
// new document. Measured in Chromium 156 (scenario session-history): a change of the fragment alone
// is reported as one (onReferenceFragmentUpdated); any other, or none, as onHistoryStateUpdated,
// between the tab's "loading" (with the url when it changed) and "complete".
func (b *Browser) historyStateChange(f *Frame, url string, replace bool) {
	if !replace {
		f.tab.entries++
	}
	old := f.url
	if url != old && stripFragment(url) == stripFragment(old) {
		if f.parent == nil && f.tab.inStrip() {
			b.fragmentNavigation(f, url)
			return
		}
		f.url = url
		b.webNavEvent("webNavigation.onReferenceFragmentUpdated", f, map[string]any{"transitionType": "link", "transitionQualifiers": []string{}})
		return
	}
	f.url = url
	top := f.parent == nil && f.tab.inStrip()
	t := f.tab
	if top {
		changed := map[string]any{"status": "loading"}
		if url != t.url {
			t.url = url
			changed["url"] = url
		}
		t.status = "loading"
		b.tabUpdated(t, changed)
	}
	b.webNavEvent("webNavigation.onHistoryStateUpdated", f, map[string]any{"transitionType": "link", "transitionQualifiers": []string{}})
	if top {
		t.status = "complete"
		b.tabUpdated(t, map[string]any{"status": "complete"})
	}
}

// stripFragment is url without its fragment.
func stripFragment(url string) string {
	if i := strings.IndexByte(url, '#'); i >= 0 {
		return url[:i]
	}
	return url
}

// reportNavigation records a navigation that failed where no caller can be told (one started
// by tabs.create or tabs.update): on the page's console, as Chrome reports load failures.
func (b *Browser) reportNavigation(f *Frame, err error) {
	if err == nil {
		return
	}
	b.Transcript.add(Entry{Kind: "navigate", From: "browser", To: fmt.Sprintf("tab %d frame %d", f.tab.id, f.id), Outcome: err.Error()})
	if f.main != nil {
		f.main.realm.ReportError(err)
	}
}

// documentTitle is the tab title for f's document: its <title>, else the page's declared title,
// else the URL without its scheme.
func (b *Browser) documentTitle(f *Frame) string {
	if pl := b.lifecycle(); pl != nil && f.doc != nil {
		if s := pl.Title(f.doc); s != "" {
			return s
		}
	}
	if f.page.Title != "" {
		return f.page.Title
	}
	return titleFromURL(f.url)
}

// domContentLoaded is the end of parsing: readyState interactive, DOMContentLoaded, then the
// document_end scripts, which therefore never see DOMContentLoaded (conformance-apis L1, §6).
func (b *Browser) domContentLoaded(f *Frame, docID string) {
	if f.docID != docID || f.main == nil || f.tab.closed {
		return
	}
	f.setReadyState("interactive")
	b.runDeferred(f)
	f.fireDocument("DOMContentLoaded", true)
	b.inject(f, "document_end")
	b.webNavEvent("webNavigation.onDOMContentLoaded", f, nil)
	f.main.realm.Post(func() { b.documentIdle(f, docID) })
}

// documentIdle runs document_idle scripts. Chrome runs them when the page has loaded or 200 ms
// after DOMContentLoaded, whichever is first; simulated pages have no subresources, so it is
// right before load, as Chromium measured for fast pages (conformance-apis §6, L2).
func (b *Browser) documentIdle(f *Frame, docID string) {
	if f.docID != docID || f.main == nil || f.tab.closed {
		return
	}
	b.inject(f, "document_idle")
	f.idleDone = true
	b.maybeLoaded(f)
}

// maybeLoaded fires load once the document and all its child frames have loaded, then tells the
// parent; for the main frame the tab becomes complete after webNavigation.onCompleted
// (conformance-apis T19).
func (b *Browser) maybeLoaded(f *Frame) {
	if f == nil || !f.idleDone || f.loaded || f.main == nil || f.tab.closed || (f.scripts != nil && f.scripts.pending > 0) {
		return
	}
	for _, ch := range f.children {
		if !ch.loaded {
			return
		}
	}
	f.loaded = true
	f.setReadyState("complete")
	f.fireWindow("load", false)
	f.fireWindow("pageshow", false)
	b.webNavEvent("webNavigation.onCompleted", f, nil)
	if f.parent != nil {
		b.maybeLoaded(f.parent)
		return
	}
	if !f.tab.inStrip() {
		return
	}
	f.tab.status = "complete"
	b.tabUpdated(f.tab, map[string]any{"status": "complete"})
}
