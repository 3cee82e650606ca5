package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDOMImplementation: createHTMLDocument makes a separate HTML document (what jQuery parses
// markup into), with a title only when one is given; createDocumentType makes a detached doctype.
func TestDOMImplementation(t *testing.T) {
	r := bindRealm(t, parse(t, `<p id=p>x</p>`))
	tests := []struct {
		name, src string
		want      any
	}{
		{"same object", `document.implementation === document.implementation && document.implementation instanceof DOMImplementation`, true},
		{"html document", `const d = document.implementation.createHTMLDocument("T");
			[d.doctype.name, d.title, d.documentElement.outerHTML, d.URL, d === document, d instanceof Document].join("|")`,
			"html|T|<html><head><title>T</title></head><body></body></html>|about:blank|false|true"},
		{"no title", `document.implementation.createHTMLDocument().head.childNodes.length`, int64(0)},
		{"parse into it", `const d = document.implementation.createHTMLDocument(""); d.body.innerHTML = "<b>x</b><script>globalThis.ran = 1</script>";
			[d.body.firstChild.tagName, typeof globalThis.ran, document.getElementsByTagName("b").length].join()`, "B,undefined,0"},
		{"doctype", `const dt = document.implementation.createDocumentType("x", "p", "s"); [dt.name, dt.publicId, dt.systemId, dt.parentNode, dt.ownerDocument === document].join()`, "x,p,s,,true"},
		{"hasFeature", `document.implementation.hasFeature()`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, r.run(t, "{"+tt.src+"}")) })
	}
	assert.Contains(t, r.throws(t, `document.implementation.createDocument("", "x", null)`), "hostsim: DOMImplementation.createDocument (an XML document) is not simulated")
}
