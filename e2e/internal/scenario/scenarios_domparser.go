package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// domParserProbe parses HTML into a new document: its scripts do not run, it has the calling
// document's URL, and it is not the page's document; a type DOMParser does not know is a TypeError.
const domParserProbe = `(() => {
	const d = new DOMParser().parseFromString("<title>T</title><p id=a>Tab <b>Notes</b></p><script>self.parsedRan = 1</script>", "text/html");
	const out = [d.body.textContent, d.title, d.getElementById("a").tagName, d.querySelector("b").textContent,
		typeof self.parsedRan, d.URL === location.href, d === document, Object.prototype.toString.call(d),
		d.documentElement.outerHTML.length > 0, document.getElementById("a")];
	try { new DOMParser().parseFromString("x", "text/plain"); out.push("no throw"); } catch (e) { out.push([e.constructor.name, e.message]); }
	return out;
})()`

const domParserWant = `{"value":["Tab Notesself.parsedRan = 1","T","P","Notes","undefined",true,false,"[object HTMLDocument]",true,null,` +
	`["TypeError","Failed to execute 'parseFromString' on 'DOMParser': The provided value 'text/plain' is not a valid enum value of type SupportedType."]]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-parser",
		Doc:  "DOMParser.parseFromString of text/html in pages and content scripts; not in the service worker (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/cs", domParserProbe), Want: domParserWant},
			{Do: extwasmtest.Eval("main/page", domParserProbe), Want: domParserWant},
			{Do: extwasmtest.Eval("worker", `typeof DOMParser`), Want: `{"value":"undefined"}`},
		},
	})
}
