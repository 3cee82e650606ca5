package chromesim

// acceptsExternal applies externally_connectable (conformance 72–73): with no key every extension
// may connect and no web page may; with the key, only listed ids ("*" for all) and matching pages.
func (e *Extension) acceptsExternal(c *Context) bool {
	ec := e.man.ExternallyConnectable
	if c.ext != nil {
		return ec.AllowsExtension(c.ext.id)
	}
	return ec.AllowsURL(c.url)
}

// externallyConnectable reports whether some extension lets pages at rawURL message it, which is
// when Chrome gives the page a chrome.runtime.
func (b *Browser) externallyConnectable(rawURL string) bool {
	for _, e := range b.exts {
		if e.enabled && e.man.ExternallyConnectable.AllowsURL(rawURL) {
			return true
		}
	}
	return false
}
