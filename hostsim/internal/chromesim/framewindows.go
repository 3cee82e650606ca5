package chromesim

import "github.com/dop251/goja"

// installFrameWindows gives a frame's realms window.top and window.parent. A realm's own frame is its
// global object; another frame is a stand-in object, one per frame and realm, so identity holds as
// in Chromium (parent === top exactly when the parent is the top frame; the extension frame checks
// that, scenario "extension frame connects to its parent frame only"). The stand-in models a
// cross-origin WindowProxy only: nothing of the other frame is reachable through it, same-origin
// frames included (a limit of the simulator).
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
			others[f] = w
		}
		return w
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
