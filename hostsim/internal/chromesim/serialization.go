package chromesim

import (
	"errors"

	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/chromeclone"
	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
	"github.com/extwasm/extwasm/hostsim/internal/jsrt"
	"github.com/extwasm/extwasm/hostsim/internal/manifest"
)

// A context serializes the messages it sends with its extension's message_serialization
// (conformance 94, 99): JSON by default, structured clone when the manifest asks for it. Web pages
// and native messaging always use JSON (conformance 83). A receiver reads a message in the format
// it was sent in, which the message text itself tells (chromeclone.IsClone).

// structuredClone reports whether c's messages are structured clones.
func (c *Context) structuredClone() bool {
	return c.ext != nil && c.ext.man != nil && c.ext.man.MessageSerialization == manifest.SerializationStructuredClone
}

// installCloner gives c its structured-clone realm, capturing the realm's intrinsics before any
// script runs.
func (c *Context) installCloner() error {
	r, err := chromeclone.NewRealm(c.realm.VM, c.isPlatformObject)
	if err != nil {
		return err
	}
	c.clone = r
	return nil
}

// isPlatformObject reports whether o is a DOM object (it inherits from the realm's
// EventTarget.prototype), which structured clone refuses as V8 does.
func (c *Context) isPlatformObject(o *goja.Object) bool {
	et, ok := c.realm.VM.GlobalObject().Get("EventTarget").(*goja.Object)
	if !ok {
		return false
	}
	proto, ok := et.Get("prototype").(*goja.Object)
	if !ok {
		return false
	}
	for p := o.Prototype(); p != nil; p = p.Prototype() {
		if p == proto {
			return true
		}
	}
	return false
}

// encodeMessage serializes a message c sends, in c's format.
func (c *Context) encodeMessage(v goja.Value) (string, error) {
	if c.structuredClone() {
		return c.clone.Serialize(v)
	}
	return chromejson.Serialize(c.realm.VM, v)
}

// decodeMessage rebuilds in c's realm a message or other browser text, in the format it was
// written in.
func (c *Context) decodeMessage(s string) (goja.Value, error) {
	if chromeclone.IsClone(s) {
		return c.clone.Deserialize(s)
	}
	return chromejson.Deserialize(c.realm.VM, s)
}

// crossesFormats reports whether a message from c to another extension, target, joins two
// message_serialization formats. Chromium 156 refuses such a channel outright with
// chromefacts.ErrDifferentMessageSerialization, both ways, for one-time messages and ports.
// Web pages are left out: what Chromium does for them is not measured.
func (c *Context) crossesFormats(target *Extension) bool {
	if c.ext == nil || c.kind == WebPage || target == nil || target == c.ext {
		return false
	}
	return c.structuredClone() != (target.man != nil && target.man.MessageSerialization == manifest.SerializationStructuredClone)
}

// installStructuredClone defines the global structuredClone on c's structured-clone realm, as
// Chromium 156 has it in every context (scenario web-apis): a DataCloneError names what could not
// be cloned. A transfer list is not simulated.
func (c *Context) installStructuredClone() error {
	vm := c.realm.VM
	scope := "Window"
	if c.kind == Worker {
		scope = "WorkerGlobalScope"
	}
	prefix := "Failed to execute 'structuredClone' on '" + scope + "': "
	host := func(o *goja.Object) string {
		if !c.isPlatformObject(o) {
			return ""
		}
		name := "Object"
		if ctor, ok := o.Get("constructor").(*goja.Object); ok {
			name = ctor.Get("name").String()
		}
		if name == "MessagePort" {
			return "A MessagePort could not be cloned because it was not transferred."
		}
		return name + " object could not be cloned."
	}
	return vm.GlobalObject().Set("structuredClone", func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 0 {
			panic(vm.NewTypeError(prefix + "1 argument required, but only 0 present."))
		}
		if o, ok := call.Argument(1).(*goja.Object); ok {
			if t, ok := o.Get("transfer").(*goja.Object); ok && t.Get("length").ToInteger() > 0 {
				panic(vm.NewGoError(errors.New("hostsim: structuredClone's transfer list is not simulated")))
			}
		}
		v := call.Argument(0)
		text, err := c.clone.Serialize(v)
		if err != nil {
			panic(jsrt.DOMException(vm, "DataCloneError", prefix+chromeclone.Culprit(vm, v, host)))
		}
		out, err := c.clone.Deserialize(text)
		if err != nil {
			panic(jsrt.DOMException(vm, "DataCloneError", prefix+err.Error()))
		}
		return out
	})
}
