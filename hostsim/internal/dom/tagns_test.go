package dom

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestGetElementsByTagNameNS: namespace and local name compare exactly, "*" is a wildcard, null is
// no namespace, and the collection is live (Chromium 156 gives 1,0,0 for the first three).
func TestGetElementsByTagNameNS(t *testing.T) {
	r := bindRealm(t, parse(t, `<div id=a>x<p>y</p></div>`))
	const html = `"http://www.w3.org/1999/xhtml"`
	assert.Equal(t, "1,0,0,1,2", r.run(t, `{
		const c = document.getElementsByTagNameNS(`+html+`, "*");
		const n = c.length;
		document.body.appendChild(document.createElement("span"));
		[document.getElementsByTagNameNS("*", "p").length, document.getElementsByTagNameNS(null, "p").length,
		 document.getElementsByTagNameNS(`+html+`, "P").length, document.getElementById("a").getElementsByTagNameNS("*", "*").length,
		 c.length - n + 1].join()}`))
}
