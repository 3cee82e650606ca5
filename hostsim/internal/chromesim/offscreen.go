package chromesim

import (
	_ "embed"
	"errors"
	"path"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/apiargs"
)

//go:embed offscreen.js
var offscreenSrc string

func init() {
	extraContextHooks = append(extraContextHooks, func(b *Browser, e *Extension) []*Context {
		if f := b.offscreen[e]; f != nil && f.main != nil {
			return []*Context{f.main}
		}
		return nil
	})
	registerAPI("offscreen", offscreenSrc,
		func(c *Context) bool { return c.inExtensionProcess() && c.ext.hasPermission("offscreen") },
		func(c *Context, set func(string, any)) {
			set("enums", c.enums(map[string][]string{"Reason": apiargs.OffscreenReasons}))
			set("createDocument", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.OffscreenCreateDocumentMethod, call)
				if fail != nil {
					return fail
				}
				params := p[0].(*goja.Object)
				reasons := params.Get("reasons").ToObject(c.realm.VM).Get("length").ToInteger()
				url := resolveRef(c.ext.URL(""), params.Get("url").String())
				e := c.ext
				check := func() error {
					switch _, own := e.pathOf(url); {
					case reasons == 0:
						return errors.New(apiargs.ErrOffscreenNoReason)
					case !own:
						return errors.New(apiargs.ErrOffscreenInvalidURL)
					case e.b.offscreen[e] != nil:
						return errors.New(apiargs.ErrOffscreenOnlyOne)
					}
					return nil
				}
				if err := check(); err != nil {
					c.touch()
					return c.settle(p[1], nil, err.Error())
				}
				// The document is the extension's from now on (a second create while it loads is
				// refused, measured); it loads as a browser task and the call settles once it has.
				view := e.b.newOffscreenView(e)
				return c.openAsTask(p[1], func() error { return e.b.loadOffscreen(e, view, url) })
			})
			set("closeDocument", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.OffscreenCloseDocumentMethod, call)
				if fail != nil {
					return fail
				}
				errText := ""
				if f := c.b.offscreen[c.ext]; f != nil {
					c.b.closeOffscreen(c.ext)
				} else {
					errText = apiargs.ErrOffscreenNone
				}
				return c.settle(p[0], nil, errText)
			})
			set("hasDocument", func(call goja.FunctionCall) goja.Value {
				p, fail := c.parseCall(apiargs.OffscreenHasDocumentMethod, call)
				if fail != nil {
					return fail
				}
				return c.settle(p[0], c.b.offscreen[c.ext] != nil, "")
			})
		})
}

// newOffscreenView makes the extension's offscreen document's view: a frame in no tab, which
// runtime.getContexts reports as OFFSCREEN_DOCUMENT and whose messages carry no tab, frameId or
// documentId (measured in Chromium 156, as for a popup).
func (b *Browser) newOffscreenView(e *Extension) *Frame {
	view := &Tab{b: b, id: tabIDNone, frames: map[int]*Frame{}, offscreen: true}
	top := &Frame{tab: view, id: 0}
	view.top = top
	view.frames[0] = top
	if b.offscreen == nil {
		b.offscreen = map[*Extension]*Frame{}
	}
	b.offscreen[e] = top
	return top
}

// loadOffscreen loads url into the extension's offscreen view; a file the extension lacks fails
// with Chrome's "Page failed to load." and leaves no document.
func (b *Browser) loadOffscreen(e *Extension, view *Frame, url string) error {
	if b.offscreen[e] != view {
		return errors.New(apiargs.ErrOffscreenLoadFailed) // closed before it loaded
	}
	rel, _ := e.pathOf(url)
	if _, err := e.readFile(rel); err != nil {
		b.closeOffscreen(e)
		return errors.New(apiargs.ErrOffscreenLoadFailed)
	}
	b.Transcript.add(Entry{Kind: "open-offscreen", From: "browser", To: "offscreen[" + e.name + "]", Outcome: url})
	if err := b.load(view, url); err != nil {
		b.closeOffscreen(e)
		return err
	}
	return nil
}

// closeOffscreen closes the extension's offscreen document: it unloads, so its ports disconnect
// and its pending replies fail.
func (b *Browser) closeOffscreen(e *Extension) {
	f := b.offscreen[e]
	if f == nil {
		return
	}
	delete(b.offscreen, e)
	b.Transcript.add(Entry{Kind: "close-offscreen", From: "browser", To: "offscreen[" + e.name + "]"})
	b.unload(f)
	f.tab.closed = true
}

// Offscreen is the frame of the extension's offscreen document (chrome.offscreen), or nil.
func (e *Extension) Offscreen() *Frame { return e.b.offscreen[e] }

// Offscreen reports whether the frame shows an extension's offscreen document.
func (f *Frame) Offscreen() bool { return f.tab.offscreen }

// CloseOffscreen closes the offscreen document in f, as chrome.offscreen.closeDocument does.
func (b *Browser) CloseOffscreen(f *Frame) {
	for e, o := range b.offscreen {
		if o == f {
			b.closeOffscreen(e)
		}
	}
}

// isOffscreenDocument reports whether c is an extension's offscreen document.
func (c *Context) isOffscreenDocument() bool {
	return c.kind == ExtensionPage && c.frame != nil && c.frame.tab.offscreen
}

// offscreenName names an offscreen document's context in transcripts.
func offscreenName(c *Context) string {
	return "offscreen " + path.Base(c.url) + "[" + c.ext.name + "]"
}

// restrictOffscreen leaves an offscreen document's chrome.* as Chrome 156 gives it: chrome.runtime
// alone, with only its messaging members and enums (apiargs.OffscreenRuntimeMembers).
func (c *Context) restrictOffscreen() error {
	vm := c.realm.VM
	chrome := vm.GlobalObject().Get("chrome").ToObject(vm)
	keep := map[string]bool{}
	for _, k := range apiargs.OffscreenRuntimeMembers {
		keep[k] = true
	}
	for _, k := range chrome.Keys() {
		if k != "runtime" {
			if err := chrome.Delete(k); err != nil {
				return err
			}
		}
	}
	rt := chrome.Get("runtime").ToObject(vm)
	for _, k := range rt.Keys() {
		if !keep[k] {
			if err := rt.Delete(k); err != nil {
				return err
			}
		}
	}
	return nil
}
