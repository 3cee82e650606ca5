package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// domCoreProbe exercises DOM methods that web-platform-tests' dom/ directories found missing
// from hostsim: document.createEvent with initEvent and initCustomEvent, CharacterData's edits in
// UTF-16 units, getElementsByTagNameNS, a TreeWalker with a filter, and listener options read
// once even for a null callback.
const domCoreProbe = `(() => {
	const out = [];
	const t = (f) => { try { out.push(f()); } catch (e) { out.push(e.name + ": " + e.message); } };
	t(() => { const e = document.createEvent("Event"); const before = [e.type, e.bubbles, e.cancelBubble].join();
		e.initEvent("probe", true, true); let seen = 0; document.addEventListener("probe", () => seen++);
		return [before, document.body.dispatchEvent(e), seen, e.type].join(); });
	t(() => { const e = document.createEvent("CustomEvent"); e.initCustomEvent("c", false, true, {n: 1}); return [e instanceof CustomEvent, e.detail.n, e.cancelable].join(); });
	t(() => document.body.dispatchEvent(document.createEvent("HTMLEvents")));
	t(() => document.createEvent("NoSuchEvent"));
	t(() => { const x = document.createTextNode("a\u{1F600}bc"); x.deleteData(1, 2); x.insertData(0, ">"); x.replaceData(2, 1, "B"); return [x.data, x.substringData(1, 2), x.length].join(); });
	t(() => document.createTextNode("abc").substringData(4, 1));
	t(() => { const d = document.createElement("div"); d.innerHTML = "<p>1</p><span>2</span><p>3</p>";
		return [d.getElementsByTagNameNS("*", "p").length, d.getElementsByTagNameNS(null, "p").length, d.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "span").length].join(); });
	t(() => { const d = document.createElement("div"); d.innerHTML = "a<b>b<i>c</i></b><!--d--><u>e</u>";
		const w = document.createTreeWalker(d, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, (n) => n.nodeName === "B" ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT);
		const seen = []; for (let n; (n = w.nextNode());) seen.push(n.nodeName === "#text" ? n.data : n.nodeName);
		seen.push(String(w), w.whatToShow, w.previousNode().nodeName); return seen.join(); });
	t(() => { const w = document.createTreeWalker(document.body, 1, () => w.nextNode()); return w.nextNode(); });
	t(() => { let reads = 0; const o = {get capture() { reads++; return false; }}; document.addEventListener("x", null, o); document.removeEventListener("x", null, o); return reads; });
	return out;
})()`

// domCoreWant is what Chromium 156 gave in the page and in a content script (hostsim agrees).
const domCoreWant = `{"value":[",false,false,true,1,probe","true,1,true",` +
	`"InvalidStateError: Failed to execute 'dispatchEvent' on 'EventTarget': The event provided is uninitialized.",` +
	`"NotSupportedError: Failed to execute 'createEvent' on 'Document': The provided event type ('NoSuchEvent') is invalid.",` +
	`">aBc,aB,4",` +
	`"IndexSizeError: Failed to execute 'substringData' on 'CharacterData': The offset 4 is greater than the node's length (3).",` +
	`"2,0,1",` +
	`"a,b,I,c,U,e,[object TreeWalker],5,U",` +
	`"InvalidStateError: Failed to execute 'nextNode' on 'TreeWalker': Filter function can't be recursive",` +
	`2]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-core-wpt",
		Doc:  "createEvent/initEvent, CharacterData edits, getElementsByTagNameNS, TreeWalker and listener options in the page and a content script (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", domCoreProbe), Want: domCoreWant},
			{Do: extwasmtest.Eval("main/cs", domCoreProbe), Want: domCoreWant},
		},
	})
}
