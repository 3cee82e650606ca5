package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// parsingPage's scripts record what the parser has produced when each runs.
const parsingPage = `<!doctype html><html><head><title>P</title>
<script>
window.seen = [];
const look = (name) => { const s = document.currentScript; seen.push([name, document.body === null, document.querySelectorAll("p").length, document.querySelectorAll("*").length, s.nextSibling === null, s.parentNode.lastChild === s, document.getElementById("late") === null]); };
look("head");
window.records = 0;
new MutationObserver((list) => { records += list.length; }).observe(document, {childList: true, subtree: true});
</script>
<meta name="after-head-script">
</head><body><p id="a">a</p>
<div id="box"><p>b</p><script>look("in div"); document.getElementById("box").appendChild(document.createElement("span")).id = "added";</script><p id="after-in-div">c</p></div>
<script>look("body"); seen.push(["order", Array.from(document.getElementById("box").children).map((e) => e.id || e.tagName)]);</script>
<p id="late">d</p>
<script>look("last"); document.addEventListener("DOMContentLoaded", () => { seen.push(["loaded", Array.from(document.getElementById("box").children).map((e) => e.id || e.tagName), document.querySelectorAll("*").length, records > 0]); window.done = true; });</script>
</body></html>`

func init() {
	All = append(All, Scenario{
		Name: "page-parsing-order",
		Doc: "A parser-blocking page script sees the document only as far as the parser has got: no body from the " +
			"head, no next sibling, no later element; what it appends comes before what is parsed after it, and a " +
			"MutationObserver it registers hears the later nodes arrive (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/parsing.html", HTML: parsingPage}},
		Steps: []Step{
			{Do: extwasmtest.EvalStep{Realm: "main/page", Until: `window.done === true`, Expr: `seen`}, Want: `{"value":[["head",true,0,4,true,true,true],["in div",false,2,10,true,true,true],["body",false,3,13,true,true,true],["order",["P","SCRIPT","added","after-in-div"]],["last",false,4,15,true,true,false],["loaded",["P","SCRIPT","added","after-in-div"],15,true]]}`},
		},
	})
}
