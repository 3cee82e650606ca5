package chromesim

import (
	"github.com/dop251/goja"

	"github.com/extwasm/extwasm/hostsim/internal/chromeclone"
	"github.com/extwasm/extwasm/hostsim/internal/chromejson"
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
