package browser

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/chromeclone"
	"github.com/extwasm/extwasm/hostsim/internal/chromesim"
	"github.com/extwasm/extwasm/hostsim/internal/dom"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

// domAdapter gives the browser model the shared DOM: one parsed document per frame, bound into the
// page's main world and into every isolated world of the frame. bindings finds a realm's binding,
// for a window.postMessage a script makes on another frame's window.
type domAdapter struct {
	bindings map[*goja.Runtime]*dom.Binding
	// windows answers iframe.contentWindow in a realm (SetContentWindows).
	windows map[*goja.Runtime]func(el any) goja.Value
}

func domBinder() chromesim.DOMBinder {
	return domAdapter{bindings: map[*goja.Runtime]*dom.Binding{}, windows: map[*goja.Runtime]func(any) goja.Value{}}
}

func (domAdapter) NewDocument(url, html string) (any, error) {
	return dom.ParseHTML(url, strings.NewReader(html))
}

func (a domAdapter) Bind(r *jsrt.Realm, doc any) error {
	d, ok := doc.(*dom.Document)
	if !ok {
		return fmt.Errorf("browser: not a document: %T", doc)
	}
	s := r.Scheduler()
	var bound *dom.Binding
	cl, err := chromeclone.NewRealm(r.VM, func(o *goja.Object) bool { return bound != nil && bound.IsPlatformObject(o) })
	if err != nil {
		return err
	}
	bound, err = dom.Bind(r.VM, d, dom.Options{
		OnError: r.ReportError,
		Now:     func() float64 { return float64(s.Now()-r.TimeOrigin()) / 1e6 },
		// postMessage clones as V8 does for structured clone, which chromeclone models.
		Clone:  cl.SerializeTransfer,
		Revive: cl.DeserializeTransfer,
		Post:   r.Post,
		Drain:  r.Drain,
		ContentWindow: func(el *dom.Element) goja.Value {
			if fn := a.windows[r.VM]; fn != nil {
				return fn(el)
			}
			return nil
		},
	})
	if err != nil {
		return err
	}
	a.bindings[r.VM] = bound
	r.OnClose(func() {
		delete(a.bindings, r.VM)
		delete(a.windows, r.VM)
	})
	return nil
}

// FrameElements are the iframe elements behind Frames, in the same order.
func (a domAdapter) FrameElements(doc any) []any {
	d, ok := doc.(*dom.Document)
	if !ok {
		return nil
	}
	var out []any
	for _, f := range d.Frames() {
		out = append(out, f)
	}
	return out
}

// SetContentWindows makes fn answer iframe.contentWindow in realm.
func (a domAdapter) SetContentWindows(realm *jsrt.Realm, fn func(el any) goja.Value) {
	a.windows[realm.VM] = fn
}

// PostMessage is window.postMessage called in realm from on another frame's window, whose document
// is to.
func (a domAdapter) PostMessage(from *jsrt.Realm, to any, call goja.FunctionCall, sourceFor func(vm *goja.Runtime) goja.Value) {
	b := a.bindings[from.VM]
	d, _ := to.(*dom.Document)
	if b == nil || d == nil {
		panic(from.VM.NewTypeError("postMessage is not available here"))
	}
	b.PostMessageTo(d, call, sourceFor)
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

func (domAdapter) Scripts(doc any) []chromesim.PageScript {
	d, ok := doc.(*dom.Document)
	if !ok {
		return nil
	}
	var out []chromesim.PageScript
	for _, e := range dom.GetElementsByTagName(d, "script") {
		if s, ok := pageScript(e); ok {
			out = append(out, s)
		}
	}
	return out
}

// pageScript describes a script element that runs: a classic JavaScript one or a module, not a
// data block or template.
func pageScript(e *dom.Element) (chromesim.PageScript, bool) {
	if e.Namespace() != dom.NamespaceHTML {
		return chromesim.PageScript{}, false
	}
	typ := strings.ToLower(strings.TrimSpace(e.AttrOr("type")))
	if !e.HasAttr("type") && e.AttrOr("language") != "" {
		typ = "text/" + strings.ToLower(e.AttrOr("language"))
	}
	module := typ == "module"
	if !javaScriptTypes[typ] && !module {
		return chromesim.PageScript{}, false // a data block or a template
	}
	s := chromesim.PageScript{InlineScript: chromesim.InlineScript{Text: e.Text(), Nonce: e.AttrOr("nonce")},
		HasSrc: e.HasAttr("src"), Async: e.HasAttr("async"), Defer: e.HasAttr("defer"), Module: module, Element: e}
	if s.HasSrc {
		if src := strings.TrimSpace(e.AttrOr("src")); src != "" {
			s.Src = e.OwnerDocument().ResolveURL(src)
		}
	}
	return s, true
}

// SetCurrentScript sets document.currentScript to the script element el (nil for none).
func (domAdapter) SetCurrentScript(doc, el any) {
	if d := asDocument(doc); d != nil {
		e, _ := el.(*dom.Element)
		d.SetCurrentScript(e)
	}
}

// HoldAfter takes what follows the script element el out of doc until release runs.
func (domAdapter) HoldAfter(doc, el any) (release func()) {
	d := asDocument(doc)
	e, _ := el.(*dom.Element)
	if d == nil || e == nil {
		return func() {}
	}
	return d.HoldAfter(e)
}

// InlineHandlerPolicy gives doc the page's policy for content-attribute event handlers.
func (domAdapter) InlineHandlerPolicy(doc any, allow func(code string) bool) {
	if d := asDocument(doc); d != nil {
		d.SetInlineHandlerCheck(allow)
	}
}

// HistoryHost connects doc's History to its tab's session history.
func (domAdapter) HistoryHost(doc any, change func(url string, replace bool) error, length func() int) {
	if d := asDocument(doc); d != nil {
		d.SetHistoryHost(dom.HistoryHost{Change: change, Length: length})
	}
}

// FireElement dispatches a trusted, non-bubbling event typ at the element el.
func (domAdapter) FireElement(el any, typ string) {
	if e, ok := el.(*dom.Element); ok {
		_, _ = e.Dispatch(dom.NewEvent(typ, dom.EventInit{}))
	}
}

// WatchScripts reports the script elements script connects to the document from now on.
func (domAdapter) WatchScripts(doc any, fn func(chromesim.PageScript)) {
	d := asDocument(doc)
	if d == nil {
		return
	}
	d.OnScript(func(e *dom.Element) {
		if s, ok := pageScript(e); ok {
			fn(s)
		}
	})
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
