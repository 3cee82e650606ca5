package dom

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

// installShadowRoot defines ShadowRoot and, on Element, attachShadow and shadowRoot, with
// Chromium 156's errors (scenario dom-shadow-root).
func (b *Binding) installShadowRoot() {
	vm := b.vm
	sr := b.defineInterface("ShadowRoot", "DocumentFragment", nil)
	attr(sr, "mode", func(f *DocumentFragment) goja.Value { return vm.ToValue(f.shadow.mode) }, nil)
	attr(sr, "host", func(f *DocumentFragment) goja.Value { return b.wrap(f.shadow.host) }, nil)
	attr(sr, "delegatesFocus", func(f *DocumentFragment) goja.Value { return vm.ToValue(f.shadow.delegatesFocus) }, nil)
	attr(sr, "slotAssignment", func(f *DocumentFragment) goja.Value { return vm.ToValue("named") }, nil)
	attr(sr, "innerHTML", func(f *DocumentFragment) goja.Value {
		var s strings.Builder
		serializeChildren(&s, f)
		return vm.ToValue(s.String())
	}, func(f *DocumentFragment, v goja.Value) {
		// Markup in a shadow root parses as in its host.
		nodes, err := f.shadow.host.ParseFragment(b.strNull(v))
		if err == nil {
			err = f.ReplaceChildren(nodes...)
		}
		b.fail(err, "innerHTML", "ShadowRoot")
	})
}

// installShadowHost adds attachShadow and shadowRoot to Element's interface.
func (b *Binding) installShadowHost(el *iface) {
	vm := b.vm
	attr(el, "shadowRoot", func(e *Element) goja.Value {
		if e.shadow == nil || e.shadow.shadow.mode != "open" {
			return goja.Null()
		}
		return b.wrap(e.shadow)
	}, nil)
	method(el, "attachShadow", 1, func(e *Element, c goja.FunctionCall) goja.Value {
		const prefix = "Failed to execute 'attachShadow' on 'Element': "
		init, _ := c.Argument(0).(*goja.Object)
		var mode goja.Value = goja.Undefined()
		delegates := false
		if init != nil {
			if v := init.Get("delegatesFocus"); v != nil {
				delegates = v.ToBoolean()
			}
			if v := init.Get("mode"); v != nil {
				mode = v
			}
		}
		if goja.IsUndefined(mode) {
			panic(vm.NewTypeError(prefix + "Failed to read the 'mode' property from 'ShadowRootInit': Required member is undefined."))
		}
		m := mode.String()
		if m != "open" && m != "closed" {
			panic(vm.NewTypeError(fmt.Sprintf(prefix+"Failed to read the 'mode' property from 'ShadowRootInit': The provided value '%s' is not a valid enum value of type ShadowRootMode.", m)))
		}
		root, err := e.AttachShadow(m, delegates)
		b.fail(err, "attachShadow", "Element")
		return b.wrap(root)
	})
}
