package browser

import (
	"fmt"
	"strings"

	"github.com/extwasm/extwasm/hostsim/internal/chromesim"
	"github.com/extwasm/extwasm/hostsim/internal/dom"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

// domAdapter gives the browser model the shared DOM: one parsed document per frame, bound into the
// page's main world and into every isolated world of the frame.
type domAdapter struct{}

func domBinder() chromesim.DOMBinder { return domAdapter{} }

func (domAdapter) NewDocument(url, html string) (any, error) {
	return dom.ParseHTML(url, strings.NewReader(html))
}

func (domAdapter) Bind(r *jsrt.Realm, doc any) error {
	d, ok := doc.(*dom.Document)
	if !ok {
		return fmt.Errorf("browser: not a document: %T", doc)
	}
	s := r.Scheduler()
	_, err := dom.Bind(r.VM, d, dom.Options{
		OnError: r.ReportError,
		Now:     func() float64 { return float64(s.Now()-r.TimeOrigin()) / 1e6 },
	})
	return err
}

func (domAdapter) Frames(doc any) []string {
	d, ok := doc.(*dom.Document)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range d.Frames() {
		out = append(out, f.FrameURL())
	}
	return out
}

// javaScriptTypes are the script type attributes (lower-cased, trimmed) that make a classic script:
// none, empty, or a JavaScript MIME type essence (HTML's list).
var javaScriptTypes = map[string]bool{
	"": true, "text/javascript": true, "application/javascript": true, "application/ecmascript": true,
	"application/x-ecmascript": true, "application/x-javascript": true, "text/ecmascript": true,
	"text/javascript1.0": true, "text/javascript1.1": true, "text/javascript1.2": true, "text/javascript1.3": true,
	"text/javascript1.4": true, "text/javascript1.5": true, "text/jscript": true, "text/livescript": true,
	"text/x-ecmascript": true, "text/x-javascript": true,
}

func (domAdapter) InlineScripts(doc any) []chromesim.InlineScript {
	d, ok := doc.(*dom.Document)
	if !ok {
		return nil
	}
	var out []chromesim.InlineScript
	for _, e := range dom.GetElementsByTagName(d, "script") {
		if e.Namespace() != dom.NamespaceHTML || e.HasAttr("src") {
			continue
		}
		typ := strings.ToLower(strings.TrimSpace(e.AttrOr("type")))
		if !e.HasAttr("type") && e.AttrOr("language") != "" {
			typ = "text/" + strings.ToLower(e.AttrOr("language"))
		}
		if !javaScriptTypes[typ] {
			continue // a data block, a template or a module (not run: README, Limits)
		}
		out = append(out, chromesim.InlineScript{Text: e.Text(), Nonce: e.AttrOr("nonce")})
	}
	return out
}

// WatchFrames reports the iframes script inserts and removes after parsing, so the browser model can
// load extension frames (chromesim.FrameWatcher).
func (domAdapter) WatchFrames(doc any, fn func(chromesim.FrameChange)) {
	d, ok := doc.(*dom.Document)
	if !ok {
		return
	}
	d.OnFrame(func(ch dom.FrameChange) {
		switch ch.Kind {
		case dom.FrameAttached:
			fn(chromesim.FrameChange{Attached: true, URL: ch.URL, Element: ch.Frame})
		case dom.FrameDetached:
			fn(chromesim.FrameChange{URL: ch.URL, Element: ch.Frame})
		}
	})
}
