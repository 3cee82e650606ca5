package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// nodeIteratorProbe walks a NodeIterator both ways, with a filter, and across removals of the
// nodes around its reference; interfaces scripts cannot construct name themselves in the error.
const nodeIteratorProbe = `(() => {
	const r = document.createElement("div");
	r.innerHTML = "<a id=a1><b id=b1></b></a>t<c id=c1></c><!--x-->";
	const out = [];
	const name = (n) => n === null ? "null" : n.nodeType === 1 ? (n.id || n.nodeName) : n.nodeType === 3 ? "#" + n.data : "!" + n.data;
	const t = (f) => { try { out.push(String(f())); } catch (e) { out.push(e.name + ": " + e.message); } };
	t(() => { const it = document.createNodeIterator(r); const s = []; for (let n; (n = it.nextNode());) s.push(name(n)); s.push("|");
		for (let n; (n = it.previousNode());) s.push(name(n)); return s.join(" ") + " " + it.pointerBeforeReferenceNode + " " + String(it); });
	t(() => { const it = document.createNodeIterator(r, NodeFilter.SHOW_ELEMENT, {acceptNode: (n) => n.id === "a1" ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
		const s = []; for (let n; (n = it.nextNode());) s.push(name(n)); return s.join(" "); });
	t(() => { const it = document.createNodeIterator(r); it.nextNode(); it.nextNode(); it.nextNode(); const before = name(it.referenceNode) + it.pointerBeforeReferenceNode;
		r.querySelector("#a1").remove(); const mid = name(it.referenceNode) + it.pointerBeforeReferenceNode;
		it.previousNode(); const b2 = name(it.referenceNode) + it.pointerBeforeReferenceNode; r.querySelector("#c1").previousSibling.remove();
		return [before, mid, b2, name(it.referenceNode) + it.pointerBeforeReferenceNode, name(it.nextNode())].join(); });
	t(() => { const it = document.createNodeIterator(r, 1, () => it.nextNode()); return it.nextNode(); });
	t(() => document.createNodeIterator({}));
	for (const n of ["NodeIterator", "Node", "HTMLElement", "DOMImplementation", "MutationRecord"]) t(() => new self[n]());
	return out;
})()`

// nodeIteratorWant is what Chromium 156 gave in the page and in a content script (hostsim agrees).
const nodeIteratorWant = `{"value":["DIV a1 b1 #t c1 !x | !x c1 #t b1 a1 DIV true [object NodeIterator]","DIV b1 c1","b1false,DIVfalse,DIVtrue,DIVtrue,DIV",` +
	`"InvalidStateError: Failed to execute 'nextNode' on 'NodeIterator': Filter function can't be recursive",` +
	`"TypeError: Failed to execute 'createNodeIterator' on 'Document': parameter 1 is not of type 'Node'.",` +
	`"TypeError: Failed to construct 'NodeIterator': Illegal constructor","TypeError: Failed to construct 'Node': Illegal constructor",` +
	`"TypeError: Failed to construct 'HTMLElement': Illegal constructor","TypeError: Failed to construct 'DOMImplementation': Illegal constructor",` +
	`"TypeError: Failed to construct 'MutationRecord': Illegal constructor"]}`

func init() {
	All = append(All, Scenario{
		Name: "dom-node-iterator",
		Doc:  "NodeIterator: traversal, filters and the pre-removing steps, in the page and a content script (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", nodeIteratorProbe), Want: nodeIteratorWant},
			{Do: extwasmtest.Eval("main/cs", nodeIteratorProbe), Want: nodeIteratorWant},
		},
	})
}
