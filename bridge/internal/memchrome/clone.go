package memchrome

import (
	"errors"

	"github.com/extwasm/extwasm/bridge/internal/wire"
	"github.com/extwasm/extwasm/internal/chromefacts"
)

// SetStructuredClone makes the extension ext use "message_serialization": "structured_clone":
// its contexts, existing and future, carry messages in the clone form (wire.StructuredCloner),
// and messaging between it and an extension of the other format fails as in Chromium 156.
func (b *Browser) SetStructuredClone(ext string, on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cloneExts == nil {
		b.cloneExts = map[string]bool{}
	}
	b.cloneExts[ext] = on
}

// StructuredClone implements wire.StructuredCloner.
func (c *Context) StructuredClone() bool {
	c.b.mu.Lock()
	defer c.b.mu.Unlock()
	return c.ext != "" && c.b.cloneExts[c.ext]
}

// crossesFormats reports, with b.mu held, whether a message from c to target joins extensions of
// different message_serialization (web pages are left out, as in hostsim).
func (b *Browser) crossesFormats(c *Context, t wire.Target) bool {
	if t.Kind != wire.ToOtherExtension || c.ext == "" || t.Extension == c.ext {
		return false
	}
	return b.cloneExts[c.ext] != b.cloneExts[t.Extension]
}

var errDifferentSerialization = errors.New(chromefacts.ErrDifferentMessageSerialization)
