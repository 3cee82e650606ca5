package chromesim

import (
	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
)

// WindowMessenger is what a DOMBinder offers for window.postMessage on another frame's window.
type WindowMessenger interface {
	// PostMessage is window.postMessage(call's arguments) made in realm from on the window of the
	// document to; sourceFor gives each receiving realm the sender's window as it sees it.
	PostMessage(from *jsrt.Realm, to any, call goja.FunctionCall, sourceFor func(vm *goja.Runtime) goja.Value)
}

// FrameElementDOM is what a DOMBinder offers for iframe.contentWindow.
type FrameElementDOM interface {
	// FrameElements are the iframe elements of doc behind DOMBinder.Frames, in the same order.
	FrameElements(doc any) []any
	// SetContentWindows makes fn answer iframe.contentWindow in realm (nil for null).
	SetContentWindows(realm *jsrt.Realm, fn func(el any) goja.Value)
}

// installFrameWindows gives a frame's realms window.top, window.parent and iframe.contentWindow. A
// realm's own frame is its
// global object; another frame is a stand-in object, one per frame and realm, so identity holds as
// in Chromium (parent === top exactly when the parent is the top frame; the extension frame checks
// that, scenario "extension frame connects to its parent frame only"). The stand-in models a
// cross-origin WindowProxy only: postMessage reaches the other frame's window (scenario
// "window-postmessage-basics"), and nothing else of the other frame is reachable through it,
// same-origin frames included (a limit of the simulator).
func (c *Context) installFrameWindows() {
	if c.frame == nil {
		return
	}
	vm := c.realm.VM
	g := vm.GlobalObject()
	others := map[*Frame]*goja.Object{}
	windowOf := func(f *Frame) goja.Value {
		if f == c.frame {
			return g
		}
		w := others[f]
		if w == nil {
			w = vm.NewObject()
			c.standInPostMessage(w, f)
			others[f] = w
		}
		return w
	}
	c.windowOf = windowOf
	if fd, ok := c.b.opts.DOM.(FrameElementDOM); ok {
		// iframe.contentWindow: the child frame the element shows, while it is in the tab.
		fd.SetContentWindows(c.realm, func(el any) goja.Value {
			child := c.frame.iframes[el]
			if child == nil || child.tab.frames[child.id] != child {
				return nil
			}
			return windowOf(child)
		})
	}
	get := func(pick func(*Frame) *Frame) goja.Value {
		return vm.ToValue(func(goja.FunctionCall) goja.Value { return windowOf(pick(c.frame)) })
	}
	_ = g.DefineAccessorProperty("parent", get(func(f *Frame) *Frame {
		if f.parent != nil {
			return f.parent
		}
		return f
	}), nil, goja.FLAG_TRUE, goja.FLAG_TRUE)
	_ = g.DefineAccessorProperty("top", get(func(f *Frame) *Frame {
		for f.parent != nil {
			f = f.parent
		}
		return f
	}), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// standInPostMessage gives the stand-in w for frame f its postMessage: the message goes to f's
// current document's window, and its receivers see as source their own stand-in for c's frame.
func (c *Context) standInPostMessage(w *goja.Object, f *Frame) {
	vm := c.realm.VM
	m, ok := c.b.opts.DOM.(WindowMessenger)
	if !ok {
		return
	}
	from := c.frame
	post := func(call goja.FunctionCall) goja.Value {
		if f.doc == nil || f.tab.closed {
			return goja.Undefined()
		}
		m.PostMessage(c.realm, f.doc, call, func(rvm *goja.Runtime) goja.Value {
			for _, r := range f.worlds() {
				if r.realm.VM == rvm && r.windowOf != nil {
					return r.windowOf(from)
				}
			}
			return goja.Null()
		})
		return goja.Undefined()
	}
	_ = w.Set("postMessage", vm.ToValue(post))
}

// worlds are the frame's realms that share its document: the page's main world and the isolated
// worlds of its content scripts.
func (f *Frame) worlds() []*Context {
	var out []*Context
	if f.main != nil {
		out = append(out, f.main)
	}
	for _, id := range sortedKeys(f.isolated) {
		out = append(out, f.isolated[id])
	}
	return out
}
