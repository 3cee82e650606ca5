package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// domImplementationProbe makes documents with document.implementation, as jQuery does to parse
// markup without running it.
const domImplementationProbe = `(() => {
	const i = document.implementation, d = i.createHTMLDocument("T");
	d.body.innerHTML = "<b>x</b><img src=x onerror='self.fired = 1'><script>self.ran = 1</script>";
	const dt = i.createDocumentType("x", "p", "s");
	return [i === document.implementation, String(i), d.doctype.name, d.title, d.documentElement.outerHTML.length, d.URL,
		d === document, d.body.firstChild.tagName, typeof self.ran, document.getElementsByTagName("b").length,
		i.createHTMLDocument().head.childNodes.length, dt.name + dt.publicId + dt.systemId, dt.parentNode, dt.ownerDocument === document, i.hasFeature()];
})()`

// domImplementationWant is what Chromium 156 gave in the page and in a content script (hostsim
// agrees): the markup parsed into the new document runs nothing.
const domImplementationWant = `{"value":[true,"[object DOMImplementation]","html","T",130,"about:blank",false,"B","undefined",0,0,"xps",null,true,true]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-implementation",
		Doc:  "document.implementation's createHTMLDocument, createDocumentType and hasFeature in a page and a content script (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", domImplementationProbe), Want: domImplementationWant},
			{Do: extwasmtest.Eval("main/cs", domImplementationProbe), Want: domImplementationWant},
		},
	})
}
